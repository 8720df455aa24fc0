using System.Reflection;
using System.Text;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>
/// How annotated classes and descriptors name GraphQL elements (HotChocolate's conventions): types keep the CLR name
/// (generic types become <c>BookConnection</c> for <c>Connection&lt;Book&gt;</c>, a CLR interface <c>INode</c> becomes
/// <c>Node</c>, input types get an <c>Input</c> suffix); fields drop a <c>Get</c> prefix and an <c>Async</c> suffix and are
/// camelCased; arguments are camelCased; enum values are SCREAMING_CASE. <see cref="GraphQLNameAttribute"/> always wins.
/// </summary>
public static class NamingConventions
{
    /// <summary>The GraphQL name of the type inferred from <paramref name="type"/> as <paramref name="kind"/>.</summary>
    public static string GetTypeName(Type type, TypeKind kind)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.GetCustomAttribute<GraphQLNameAttribute>(inherit: false) is { } named)
        {
            return named.Name;
        }
        var name = ClrTypeName(type);
        if (kind == TypeKind.InputObject && !name.EndsWith("Input", StringComparison.Ordinal))
        {
            name += "Input";
        }
        return name;
    }

    /// <summary>The GraphQL name of the field inferred from a property or method.</summary>
    public static string GetFieldName(MemberInfo member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.GetCustomAttribute<GraphQLNameAttribute>() is { } named)
        {
            return named.Name;
        }
        var name = member.Name;
        if (member is MethodInfo)
        {
            if (name.Length > 5 && name.EndsWith("Async", StringComparison.Ordinal))
            {
                name = name[..^5];
            }
            if (name.Length > 3 && name.StartsWith("Get", StringComparison.Ordinal) && char.IsUpper(name[3]))
            {
                name = name[3..];
            }
        }
        return ToCamelCase(name);
    }

    /// <summary>The GraphQL name of the argument inferred from a parameter.</summary>
    public static string GetArgumentName(ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.GetCustomAttribute<GraphQLNameAttribute>()?.Name ?? ToCamelCase(parameter.Name ?? "arg" + parameter.Position);
    }

    /// <summary>The GraphQL name of the enum value inferred from a CLR enum member (or any value's text).</summary>
    public static string GetEnumValueName(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is Enum)
        {
            var field = value.GetType().GetField(value.ToString()!, BindingFlags.Public | BindingFlags.Static);
            if (field?.GetCustomAttribute<GraphQLNameAttribute>() is { } named)
            {
                return named.Name;
            }
        }
        return ToScreamingCase(value.ToString()!);
    }

    /// <summary>camelCase: the leading upper-case run is lower-cased (<c>IsActive</c> gives <c>isActive</c>, <c>ISBN</c> gives <c>isbn</c>, <c>URLPath</c> gives <c>urlPath</c>).</summary>
    public static string ToCamelCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var upper = 0;
        while (upper < name.Length && char.IsUpper(name[upper]))
        {
            upper++;
        }
        if (upper == 0)
        {
            return name;
        }
        // Keep the last capital of a run when a lower-case letter follows it: URLPath -> urlPath.
        var lower = upper == name.Length || upper == 1 || !char.IsLetter(name[upper]) ? upper : upper - 1;
        return name[..lower].ToLowerInvariant() + name[lower..];
    }

    /// <summary>SCREAMING_CASE: words split at case changes (<c>MobileMoney</c> gives <c>MOBILE_MONEY</c>, <c>HTTPStatus</c> gives <c>HTTP_STATUS</c>).</summary>
    public static string ToScreamingCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && name[i - 1] != '_')
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    builder.Append('_');
                }
            }
            builder.Append(char.ToUpperInvariant(c));
        }
        return builder.ToString();
    }

    private static string ClrTypeName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }
        if (type.IsInterface && name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1]))
        {
            name = name[1..];
        }
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            // Connection<Book> -> BookConnection, Pair<Book, Author> -> BookAuthorPair
            var prefix = string.Concat(type.GetGenericArguments().Select(argument => GetTypeName(argument, TypeKind.Object)));
            name = prefix + name;
        }
        return name;
    }
}
