using System.Collections;
using System.Reflection;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>Turns CLR default values into literals of the argument's or input field's type.</summary>
internal static class ValueLiterals
{
    /// <summary>The default value literal, or null (no default) after reporting a value that does not fit the type.</summary>
    public static IValueNode? ToDefaultLiteral(DescriptorContext context, DefaultValueSpec spec, ITypeNode type, string usage)
    {
        if (spec.Literal is not null)
        {
            return spec.Literal;
        }
        try
        {
            return ToLiteral(context, spec.Value, type);
        }
        catch (Exception ex) when (ex is SerializationException or InvalidCastException or ArgumentException)
        {
            context.ReportError($"The default value of {usage} cannot be written as {type}: {ex.Message}");
            return null;
        }
    }

    private static IValueNode ToLiteral(DescriptorContext context, object? value, ITypeNode type)
    {
        if (value is null)
        {
            return NullValueNode.Default;
        }
        switch (type)
        {
            case NonNullTypeNode nonNull:
                return ToLiteral(context, value, nonNull.Type);
            case ListTypeNode list:
                if (value is IEnumerable items and not string)
                {
                    var literals = new List<IValueNode>();
                    foreach (var item in items)
                    {
                        literals.Add(ToLiteral(context, item, list.Type));
                    }
                    return new ListValueNode(null, literals);
                }
                return ToLiteral(context, value, list.Type);
        }
        var name = ((NamedTypeNode)type).Name.Value;
        switch (context.Definitions.FindType(name))
        {
            case EnumTypeDefinition enumType:
                var match = enumType.Values.Find(v => Equals(v.RuntimeValue, value) || (v.RuntimeValue is null && Equals(v.Name, value)));
                return new EnumValueNode(match?.Name ?? (value as string) ?? NamingConventions.GetEnumValueName(value));
            case InputObjectTypeDefinition inputType:
                return ObjectLiteral(context, value, inputType);
        }
        var scalar = context.ScalarImplementation(name)
            ?? throw new ArgumentException($"the scalar {name} has no implementation to write the value with.");
        return scalar.ValueToLiteral(value);
    }

    private static ObjectValueNode ObjectLiteral(DescriptorContext context, object value, InputObjectTypeDefinition inputType)
    {
        var fields = new List<ObjectFieldNode>();
        foreach (var field in inputType.Fields)
        {
            if (TryRead(value, field.Name, out var fieldValue))
            {
                fields.Add(new ObjectFieldNode(field.Name, ToLiteral(context, fieldValue, field.Type)));
            }
        }
        return new ObjectValueNode(null, fields);
    }

    private static bool TryRead(object value, string fieldName, out object? fieldValue)
    {
        if (value is IReadOnlyDictionary<string, object?> map)
        {
            return map.TryGetValue(fieldName, out fieldValue);
        }
        var property = value.GetType().GetProperty(fieldName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        fieldValue = property?.GetValue(value);
        return property is not null;
    }
}
