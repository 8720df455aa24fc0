using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Graph.GraphQL.Resolvers;

/// <summary>
/// The resolver of fields without an explicit one: reads the parent's entry or member named like the field. Dictionary
/// parents (<c>IReadOnlyDictionary&lt;string, object?&gt;</c> or <c>IDictionary&lt;string, object?&gt;</c>) are read by key;
/// CLR parents through a compiled getter of the public property, field or parameterless method whose name matches the field
/// name ignoring case (<c>name</c> reads <c>Name</c>, then <c>GetName()</c>). Getters are compiled once per CLR type and field.
/// </summary>
public static class DefaultFieldResolver
{
    private static readonly ConcurrentDictionary<(Type Type, string Field), Func<object, object?>?> Getters = new();

    /// <summary>Creates the pure resolver of <paramref name="fieldName"/>, pre-compiling the getter for <paramref name="expectedParentType"/> when given.</summary>
    public static PureFieldResolverDelegate Create(string fieldName, Type? expectedParentType = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(fieldName);
        var expectedGetter = expectedParentType is null || expectedParentType.IsInterface || expectedParentType.IsAbstract
            ? null
            : GetGetter(expectedParentType, fieldName);
        return context =>
        {
            var parent = context.Parent();
            return parent is null ? null : Resolve(parent, fieldName, expectedParentType, expectedGetter);
        };
    }

    /// <summary>The value of <paramref name="fieldName"/> read from <paramref name="parent"/>, or null when it has no such entry or member.</summary>
    public static object? Resolve(object parent, string fieldName)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return Resolve(parent, fieldName, null, null);
    }

    private static object? Resolve(object parent, string fieldName, Type? expectedType, Func<object, object?>? expectedGetter)
    {
        switch (parent)
        {
            case IReadOnlyDictionary<string, object?> map:
                return map.TryGetValue(fieldName, out var value) ? value : null;
            case IDictionary<string, object?> dictionary:
                return dictionary.TryGetValue(fieldName, out var entry) ? entry : null;
        }
        var type = parent.GetType();
        var getter = type == expectedType ? expectedGetter : GetGetter(type, fieldName);
        return getter?.Invoke(parent);
    }

    private static Func<object, object?>? GetGetter(Type type, string fieldName) =>
        Getters.GetOrAdd((type, fieldName), static key => Compile(key.Type, key.Field));

    private static Func<object, object?>? Compile(Type type, string fieldName)
    {
        var member = FindMember(type, fieldName);
        if (member is null)
        {
            return null;
        }
        var parameter = Expression.Parameter(typeof(object), "parent");
        var instance = Expression.Convert(parameter, type);
        Expression access = member switch
        {
            PropertyInfo property => Expression.Property(instance, property),
            FieldInfo field => Expression.Field(instance, field),
            MethodInfo method => Expression.Call(instance, method),
            _ => throw new InvalidOperationException(),
        };
        var body = Expression.Convert(access, typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, parameter).Compile();
    }

    /// <summary>The public instance member of <paramref name="type"/> that the field <paramref name="fieldName"/> maps to.</summary>
    internal static MemberInfo? FindMember(Type type, string fieldName)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase;
        var property = type.GetProperty(fieldName, flags);
        if (property is { CanRead: true } && property.GetIndexParameters().Length == 0)
        {
            return property;
        }
        var field = type.GetField(fieldName, flags);
        if (field is not null)
        {
            return field;
        }
        foreach (var name in new[] { fieldName, "Get" + fieldName })
        {
            var method = type.GetMethod(name, flags, Type.EmptyTypes);
            if (method is not null && method.ReturnType != typeof(void))
            {
                return method;
            }
        }
        return null;
    }
}
