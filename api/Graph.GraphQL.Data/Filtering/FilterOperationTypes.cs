using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Data.Filtering;

/// <summary>
/// The operation filter inputs of scalars and enums (<c>StringOperationFilterInput</c>, <c>IntOperationFilterInput</c>,
/// <c>TitleFormatOperationFilterInput</c>) and of scalar lists (<c>ListStringOperationFilterInput</c>), added to the schema
/// once each. Which operations a type offers depends on the CLR type of the filtered member.
/// </summary>
internal static class FilterOperationTypes
{
    /// <summary>Marks the definitions filtering generated, so a type of the same name from elsewhere is a clear error.</summary>
    public const string GeneratedKey = "Graph.Data.Filtering.Generated";

    /// <summary>The operation filter of the CLR type <paramref name="type"/> (nullable or not), or null when it has none.</summary>
    public static ScalarFilter? For(IDescriptorContext context, Type type, FilteringOptions options)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        ScalarOperations? operations = underlying switch
        {
            _ when underlying == typeof(string) => ScalarOperations.Text,
            _ when underlying == typeof(bool) => ScalarOperations.Boolean,
            _ when underlying == typeof(Guid) || underlying.IsEnum => ScalarOperations.Equality,
            _ when IsComparable(underlying) => ScalarOperations.Comparable,
            _ => null,
        };
        if (operations is not { } kind)
        {
            return null;
        }
        var scalarName = context.GetTypeReference(underlying, TypeContext.Input).NamedType().Name.Value;
        var filter = new ScalarFilter(PascalCase(scalarName) + "OperationFilterInput", scalarName, kind);
        return Ensure(context, filter.TypeName, () => Create(filter, options)) ? filter : null;
    }

    /// <summary>The list filter (<c>ListStringOperationFilterInput</c>) of scalars filtered by <paramref name="element"/>.</summary>
    public static string? ListOf(IDescriptorContext context, ScalarFilter element)
    {
        var name = "List" + element.TypeName;
        return Ensure(context, name, () => FilterObjectTypes.ListType(name, element.TypeName, $"{element.ScalarName} values")) ? name : null;
    }

    /// <summary>Adds the definition <paramref name="name"/> unless filtering already did; false (with an error) when another source owns the name.</summary>
    public static bool Ensure(IDescriptorContext context, string name, Func<InputObjectTypeDefinition> create)
    {
        if (context.Definitions.FindType(name) is { } existing)
        {
            if (existing.ContextData.ContainsKey(GeneratedKey))
            {
                return true;
            }
            context.ReportError($"Filtering needs the input type name \"{name}\", which another type of the schema uses.");
            return false;
        }
        var definition = create();
        definition.ContextData[GeneratedKey] = true;
        context.Definitions.AddType(definition);
        return true;
    }

    private static bool IsComparable(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(float)
        || type == typeof(double) || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
        || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan);

    /// <summary><c>UUID</c> becomes <c>Uuid</c>, <c>Int</c> stays <c>Int</c>.</summary>
    private static string PascalCase(string name) =>
        name.Length > 1 && name.All(c => !char.IsLower(c)) ? name[0] + name[1..].ToLowerInvariant() : name;

    private static InputObjectTypeDefinition Create(ScalarFilter filter, FilteringOptions options)
    {
        var scalar = new NamedTypeNode(filter.ScalarName);
        var values = new ListTypeNode(new NonNullTypeNode(scalar));
        var definition = new InputObjectTypeDefinition(filter.TypeName) { Description = Describe(filter, options) };
        var self = new ListTypeNode(new NonNullTypeNode(new NamedTypeNode(filter.TypeName)));
        definition.Fields.Add(new InputValueDefinition("and", self) { Description = "Every one of these conditions holds." });
        definition.Fields.Add(new InputValueDefinition("or", self) { Description = "At least one of these conditions holds." });
        definition.Fields.Add(new InputValueDefinition("eq", scalar) { Description = "Equal to the value; null matches a missing value." });
        definition.Fields.Add(new InputValueDefinition("neq", scalar) { Description = "Not equal to the value; null matches a present value." });
        if (filter.Operations == ScalarOperations.Boolean)
        {
            return definition;
        }
        definition.Fields.Add(new InputValueDefinition("in", values) { Description = "Equal to one of the values." });
        definition.Fields.Add(new InputValueDefinition("nin", values) { Description = "Equal to none of the values." });
        if (filter.Operations == ScalarOperations.Comparable)
        {
            definition.Fields.Add(new InputValueDefinition("gt", scalar) { Description = "Greater than the value." });
            definition.Fields.Add(new InputValueDefinition("gte", scalar) { Description = "Greater than or equal to the value." });
            definition.Fields.Add(new InputValueDefinition("lt", scalar) { Description = "Less than the value." });
            definition.Fields.Add(new InputValueDefinition("lte", scalar) { Description = "Less than or equal to the value." });
        }
        if (filter.Operations == ScalarOperations.Text)
        {
            foreach (var (name, text) in TextOperations)
            {
                definition.Fields.Add(new InputValueDefinition(name, scalar) { Description = text });
            }
        }
        return definition;
    }

    private static readonly (string Name, string Description)[] TextOperations =
    [
        ("contains", "Contains the value."),
        ("ncontains", "Does not contain the value."),
        ("startsWith", "Starts with the value."),
        ("nstartsWith", "Does not start with the value."),
        ("endsWith", "Ends with the value."),
        ("nendsWith", "Does not end with the value."),
    ];

    private static string Describe(ScalarFilter filter, FilteringOptions options)
    {
        var text = $"Conditions on a {filter.ScalarName} value; all the operations given must hold.";
        if (filter.Operations == ScalarOperations.Text)
        {
            text += options.IgnoreCase
                ? " eq, neq, in and nin compare exactly (case-sensitive); contains, startsWith, endsWith and their negations ignore case."
                : " Every operation is case-sensitive.";
        }
        return text;
    }
}
