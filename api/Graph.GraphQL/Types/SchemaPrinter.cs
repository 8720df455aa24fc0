using System.Text;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>
/// Prints a schema as SDL with the reference implementation's <c>printSchema</c> layout: the <c>schema { }</c> block only
/// when a root type is not named Query / Mutation / Subscription or the schema has a description; then the custom
/// directives; then the types in schema order (see <see cref="ISchema.Types"/>) without the spec's scalars and the
/// introspection types; block-string descriptions; <c>@deprecated</c> (with a reason only when it is not the default),
/// <c>@specifiedBy(url:)</c> and <c>@oneOf</c>; default values as literals. Other applied directives are not printed.
/// </summary>
public static class SchemaPrinter
{
    /// <summary>Prints <paramref name="schema"/>.</summary>
    public static string Print(ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var parts = new List<string>();
        if (PrintSchemaDefinition(schema) is { } definition)
        {
            parts.Add(definition);
        }
        foreach (var directive in schema.Directives)
        {
            if (!directive.IsSpecifiedDirective)
            {
                parts.Add(PrintDirective(directive));
            }
        }
        foreach (var type in schema.Types)
        {
            if (type is ScalarType { IsSpecifiedScalar: true } || IntrospectionNames.IsIntrospectionType(type.Name))
            {
                continue;
            }
            parts.Add(PrintType(type));
        }
        return string.Join("\n\n", parts);
    }

    /// <summary>Prints one named type as SDL.</summary>
    public static string PrintType(INamedType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            ScalarType scalar => PrintDescription(scalar.Description) + "scalar " + scalar.Name + PrintSpecifiedBy(scalar.SpecifiedByUrl),
            ObjectType obj => PrintDescription(obj.Description) + "type " + obj.Name + PrintInterfaces(obj.Interfaces) + PrintFields(obj.Fields),
            InterfaceType iface => PrintDescription(iface.Description) + "interface " + iface.Name + PrintInterfaces(iface.Interfaces) + PrintFields(iface.Fields),
            UnionType union => PrintDescription(union.Description) + "union " + union.Name + (union.Types.Count > 0 ? " = " + string.Join(" | ", union.Types.Select(t => t.Name)) : string.Empty),
            EnumType enumType => PrintDescription(enumType.Description) + "enum " + enumType.Name + PrintBlock(enumType.Values.Select((v, i) =>
                PrintDescription(v.Description, "  ", i == 0) + "  " + v.Name + PrintDeprecated(v.DeprecationReason))),
            InputObjectType input => PrintDescription(input.Description) + "input " + input.Name + (input.IsOneOf ? " @oneOf" : string.Empty)
                + PrintBlock(input.Fields.Select((f, i) => PrintDescription(f.Description, "  ", i == 0) + "  " + PrintInputValue(f))),
            _ => throw new ArgumentException($"Unknown type {type.GetType().Name}.", nameof(type)),
        };
    }

    /// <summary>Prints one directive definition as SDL.</summary>
    public static string PrintDirective(DirectiveType directive)
    {
        ArgumentNullException.ThrowIfNull(directive);
        return PrintDescription(directive.Description) + "directive @" + directive.Name + PrintArguments(directive.Arguments, string.Empty)
            + (directive.IsRepeatable ? " repeatable" : string.Empty)
            + " on " + string.Join(" | ", directive.Locations.Select(l => l.ToSpecName()));
    }

    private static string? PrintSchemaDefinition(ISchema schema)
    {
        var commonNames = schema.QueryType.Name == "Query"
            && (schema.MutationType is null || schema.MutationType.Name == "Mutation")
            && (schema.SubscriptionType is null || schema.SubscriptionType.Name == "Subscription");
        if (schema.Description is null && commonNames)
        {
            return null;
        }
        var builder = new StringBuilder();
        builder.Append(PrintDescription(schema.Description)).Append("schema {\n");
        builder.Append("  query: ").Append(schema.QueryType.Name);
        if (schema.MutationType is not null)
        {
            builder.Append("\n  mutation: ").Append(schema.MutationType.Name);
        }
        if (schema.SubscriptionType is not null)
        {
            builder.Append("\n  subscription: ").Append(schema.SubscriptionType.Name);
        }
        return builder.Append("\n}").ToString();
    }

    private static string PrintInterfaces(IReadOnlyList<InterfaceType> interfaces) =>
        interfaces.Count == 0 ? string.Empty : " implements " + string.Join(" & ", interfaces.Select(i => i.Name));

    private static string PrintFields(IEnumerable<IOutputField> fields) => PrintBlock(fields.Select((f, i) =>
        PrintDescription(f.Description, "  ", i == 0) + "  " + f.Name + PrintArguments(f.Arguments, "  ") + ": " + f.Type.Print() + PrintDeprecated(f.DeprecationReason)));

    private static string PrintBlock(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? string.Empty : " {\n" + string.Join("\n", list) + "\n}";
    }

    private static string PrintArguments(IReadOnlyList<Argument> arguments, string indentation)
    {
        if (arguments.Count == 0)
        {
            return string.Empty;
        }
        if (arguments.All(a => a.Description is null))
        {
            return "(" + string.Join(", ", arguments.Select(PrintInputValue)) + ")";
        }
        return "(\n" + string.Join("\n", arguments.Select((a, i) =>
            PrintDescription(a.Description, "  " + indentation, i == 0) + "  " + indentation + PrintInputValue(a))) + "\n" + indentation + ")";
    }

    private static string PrintInputValue(InputValueBase value)
    {
        var text = value.Name + ": " + value.Type.Print();
        if (ValuePrinter.PrintDefaultValue(value) is { } defaultValue)
        {
            text += " = " + defaultValue;
        }
        return text + PrintDeprecated(value.DeprecationReason);
    }

    private static string PrintDeprecated(string? reason) => reason switch
    {
        null => string.Empty,
        BuiltInDirectives.DefaultDeprecationReason => " @deprecated",
        _ => " @deprecated(reason: " + Printer.PrintString(reason) + ")",
    };

    private static string PrintSpecifiedBy(string? url) =>
        url is null ? string.Empty : " @specifiedBy(url: " + Printer.PrintString(url) + ")";

    private static string PrintDescription(string? description, string indentation = "", bool firstInBlock = true)
    {
        if (description is null)
        {
            return string.Empty;
        }
        var printed = Printer.Print(new StringValueNode(null, description, BlockString.IsPrintableAsBlockString(description)));
        var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
        return prefix + printed.Replace("\n", "\n" + indentation, StringComparison.Ordinal) + "\n";
    }
}
