namespace Graph.GraphQL.Types;

/// <summary>The spec's directives: <c>@include</c>, <c>@skip</c>, <c>@deprecated</c>, <c>@specifiedBy</c>, <c>@oneOf</c>.</summary>
public static class BuiltInDirectives
{
    public const string Include = "include";
    public const string Skip = "skip";
    public const string Deprecated = "deprecated";
    public const string SpecifiedBy = "specifiedBy";
    public const string OneOf = "oneOf";

    /// <summary>The reason <c>@deprecated</c> gives when none is written.</summary>
    public const string DefaultDeprecationReason = "No longer supported";

    /// <summary>The SDL of the built-in directives, in the reference implementation's order.</summary>
    public const string Sdl = """
        "Directs the executor to include this field or fragment only when the `if` argument is true."
        directive @include(
          "Included when true."
          if: Boolean!
        ) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

        "Directs the executor to skip this field or fragment when the `if` argument is true."
        directive @skip(
          "Skipped when true."
          if: Boolean!
        ) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT

        "Marks an element of a GraphQL schema as no longer supported."
        directive @deprecated(
          "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/)."
          reason: String = "No longer supported"
        ) on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE

        "Exposes a URL that specifies the behavior of this scalar."
        directive @specifiedBy(
          "The URL that specifies the behavior of this scalar."
          url: String!
        ) on SCALAR

        "Indicates exactly one field must be supplied and this field must not be `null`."
        directive @oneOf on INPUT_OBJECT
        """;

    /// <summary>Whether <paramref name="name"/> names one of the spec's directives.</summary>
    public static bool IsSpecifiedDirectiveName(string name) => name is Include or Skip or Deprecated or SpecifiedBy or OneOf;
}
