using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using E = System.Linq.Expressions.Expression;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Resolvers;

/// <summary>
/// Converts coerced runtime values (see <see cref="InputCoercion"/>) to the CLR types resolvers ask for: input object
/// dictionaries to their bound CLR type (or any class with settable properties / a constructor matching the fields),
/// enum names to CLR enums, lists to <see cref="List{T}"/>, arrays and other collection interfaces, numbers across
/// numeric types, ID strings to <see cref="Guid"/>, <c>DateTime</c> values to <see cref="DateTime"/> (UTC), <c>JSON</c> trees to
/// <see cref="System.Text.Json.JsonElement"/> or <see cref="System.Text.Json.JsonDocument"/>. Converters are built once per target type.
/// </summary>
public static class ValueConverter
{
    private static readonly ConcurrentDictionary<Type, Func<object, object?>> Converters = new();
    private static readonly ConcurrentDictionary<Type, Func<IList>> ListFactories = new();

    /// <summary>Converts <paramref name="value"/> to <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidCastException">The value cannot become a <typeparamref name="T"/>.</exception>
    public static T Convert<T>(object? value)
    {
        if (value is T typed)
        {
            return typed;
        }
        return (T)Convert(value, typeof(T))!;
    }

    /// <summary>Converts <paramref name="value"/> to <paramref name="targetType"/>.</summary>
    /// <exception cref="InvalidCastException">The value cannot become a <paramref name="targetType"/>.</exception>
    public static object? Convert(object? value, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        if (value is null)
        {
            return targetType.IsValueType && Nullable.GetUnderlyingType(targetType) is null
                ? throw new InvalidCastException($"Cannot convert null to {targetType.Name}.")
                : null;
        }
        if (targetType.IsInstanceOfType(value))
        {
            return value;
        }
        return Converters.GetOrAdd(targetType, CreateConverter)(value);
    }

    private static Func<object, object?> CreateConverter(Type targetType)
    {
        var underlying = Nullable.GetUnderlyingType(targetType) ?? targetType;
        if (underlying.IsEnum)
        {
            var byName = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in Enum.GetValues(underlying))
            {
                byName.TryAdd(Normalize(member.ToString()!), member);
            }
            var frozen = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
            return value => ConvertEnum(value, underlying, frozen);
        }
        if (underlying == typeof(string))
        {
            return value => System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        if (underlying == typeof(Guid))
        {
            // IDs arrive as strings.
            return value => value is string text
                ? Guid.Parse(text)
                : throw new InvalidCastException($"Cannot convert {value.GetType().Name} to Guid.");
        }
        if (underlying == typeof(DateTime))
        {
            return value => value is DateTimeOffset offset
                ? offset.UtcDateTime
                : throw new InvalidCastException($"Cannot convert {value.GetType().Name} to DateTime.");
        }
        if (underlying == typeof(System.Text.Json.JsonElement))
        {
            return value => System.Text.Json.JsonSerializer.SerializeToElement(value);
        }
        if (underlying == typeof(System.Text.Json.JsonDocument))
        {
            return value => System.Text.Json.JsonSerializer.SerializeToDocument(value);
        }
        if (IsNumeric(underlying))
        {
            return value => System.Convert.ChangeType(value, underlying, System.Globalization.CultureInfo.InvariantCulture);
        }
        if (underlying.IsArray)
        {
            var elementType = underlying.GetElementType()!;
            return value =>
            {
                var items = ToList(value, elementType);
                var array = Array.CreateInstance(elementType, items.Count);
                items.CopyTo(array, 0);
                return array;
            };
        }
        if (TryGetListElementType(underlying, out var listElement))
        {
            return value => ToList(value, listElement);
        }
        if (!underlying.IsAbstract && !underlying.IsInterface && underlying != typeof(object))
        {
            var factory = InputObjectFactory.Create(underlying);
            return value => value is IReadOnlyDictionary<string, object?> map
                ? factory(map)
                : throw new InvalidCastException($"Cannot convert {value.GetType().Name} to {underlying.Name}.");
        }
        return value => throw new InvalidCastException($"Cannot convert {value.GetType().Name} to {underlying.Name}.");
    }

    /// <summary>Enum names compared without underscores and case: <c>ROLL_OVER</c> matches <c>RollOver</c>.</summary>
    private static string Normalize(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal);

    private static object ConvertEnum(object value, Type enumType, FrozenDictionary<string, object> byName) => value switch
    {
        string name => byName.TryGetValue(Normalize(name), out var member)
            ? member
            : throw new InvalidCastException($"\"{name}\" is not a value of {enumType.Name}."),
        Enum other => byName.TryGetValue(Normalize(other.ToString()), out var member)
            ? member
            : throw new InvalidCastException($"{other} is not a value of {enumType.Name}."),
        _ => Enum.ToObject(enumType, value),
    };

    private static IList ToList(object value, Type elementType)
    {
        var list = ListFactories.GetOrAdd(elementType, static type =>
            E.Lambda<Func<IList>>(E.New(typeof(List<>).MakeGenericType(type))).Compile())();
        if (value is IEnumerable enumerable and not string && value is not IReadOnlyDictionary<string, object?>)
        {
            foreach (var item in enumerable)
            {
                list.Add(Convert(item, elementType));
            }
        }
        else
        {
            list.Add(Convert(value, elementType));
        }
        return list;
    }

    private static bool IsNumeric(Type type) => Type.GetTypeCode(type) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16
        or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal;

    private static bool TryGetListElementType(Type type, out Type elementType)
    {
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>))
            {
                elementType = type.GetGenericArguments()[0];
                return true;
            }
        }
        elementType = typeof(object);
        return false;
    }
}

/// <summary>Compiles factories that build CLR objects from coerced input object dictionaries.</summary>
public static class InputObjectFactory
{
    private static readonly ConcurrentDictionary<Type, Func<IReadOnlyDictionary<string, object?>, object>> Cache = new();
    private static readonly MethodInfo ConvertMethod = typeof(ValueConverter).GetMethod(nameof(ValueConverter.Convert), [typeof(object), typeof(Type)])!;
    private static readonly MethodInfo TryGetValueMethod = typeof(IReadOnlyDictionary<string, object?>).GetMethod(nameof(IReadOnlyDictionary<string, object?>.TryGetValue))!;

    /// <summary>
    /// A compiled factory for <paramref name="type"/>: the public constructor with the most parameters gets the values of
    /// the fields named like its parameters, then settable public properties get the values of the fields named like them
    /// (names compared ignoring case; <see cref="GraphQLNameAttribute"/> overrides). Absent fields leave constructor
    /// parameters at their default and properties untouched.
    /// </summary>
    public static Func<IReadOnlyDictionary<string, object?>, object> Create(Type type) => Create(type, null);

    /// <summary>Like <see cref="Create(Type)"/>, mapping members to the given GraphQL field names (compared ignoring case).</summary>
    public static Func<IReadOnlyDictionary<string, object?>, object> Create(Type type, IReadOnlyCollection<string>? fieldNames)
    {
        ArgumentNullException.ThrowIfNull(type);
        return fieldNames is null ? Cache.GetOrAdd(type, static t => Compile(t, null)) : Compile(type, fieldNames);
    }

    private static Func<IReadOnlyDictionary<string, object?>, object> Compile(Type type, IReadOnlyCollection<string>? fieldNames)
    {
        // Structs without declared constructors are made with their default value.
        var constructor = type.GetConstructors()
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        if (constructor is null && !type.IsValueType)
        {
            throw new InvalidOperationException($"The type {type.Name} has no public constructor.");
        }

        var fields = E.Parameter(typeof(IReadOnlyDictionary<string, object?>), "fields");
        var variables = new List<System.Linq.Expressions.ParameterExpression>();
        var statements = new List<System.Linq.Expressions.Expression>();
        var arguments = new List<System.Linq.Expressions.Expression>();
        var bound = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var parameter in constructor?.GetParameters() ?? [])
        {
            var key = FieldKey(parameter.GetCustomAttribute<GraphQLNameAttribute>()?.Name ?? parameter.Name!, fieldNames);
            bound.Add(key);
            System.Linq.Expressions.Expression fallback = parameter.HasDefaultValue && parameter.DefaultValue is not null
                ? E.Constant(parameter.DefaultValue, parameter.ParameterType)
                : E.Default(parameter.ParameterType);
            var raw = E.Variable(typeof(object), "raw" + variables.Count);
            var value = E.Variable(parameter.ParameterType, "value" + variables.Count);
            variables.Add(raw);
            variables.Add(value);
            statements.Add(E.Assign(value, E.Condition(
                E.Call(fields, TryGetValueMethod, E.Constant(key), raw),
                ConvertTo(raw, parameter.ParameterType),
                fallback)));
            arguments.Add(value);
        }

        var instance = E.Variable(type, "instance");
        variables.Add(instance);
        statements.Add(E.Assign(instance, constructor is null ? E.New(type) : E.New(constructor, arguments)));

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var key = FieldKey(property.GetCustomAttribute<GraphQLNameAttribute>()?.Name ?? property.Name, fieldNames);
            if (!bound.Add(key))
            {
                continue;
            }
            var raw = E.Variable(typeof(object), "raw" + variables.Count);
            variables.Add(raw);
            statements.Add(E.IfThen(
                E.Call(fields, TryGetValueMethod, E.Constant(key), raw),
                E.Assign(E.Property(instance, property), ConvertTo(raw, property.PropertyType))));
        }

        statements.Add(E.Convert(instance, typeof(object)));
        var body = E.Block(variables, statements);
        return E.Lambda<Func<IReadOnlyDictionary<string, object?>, object>>(body, fields).Compile();
    }

    private static System.Linq.Expressions.Expression ConvertTo(System.Linq.Expressions.Expression raw, Type targetType) =>
        E.Convert(E.Call(ConvertMethod, raw, E.Constant(targetType, typeof(Type))), targetType);

    private static string FieldKey(string memberName, IReadOnlyCollection<string>? fieldNames)
    {
        if (fieldNames is not null)
        {
            foreach (var name in fieldNames)
            {
                if (string.Equals(name, memberName, StringComparison.OrdinalIgnoreCase))
                {
                    return name;
                }
            }
        }
        return ToFieldName(memberName);
    }

    /// <summary>The GraphQL field name of a CLR member name: first letter lower-cased.</summary>
    internal static string ToFieldName(string memberName) =>
        memberName.Length == 0 || char.IsLower(memberName[0]) ? memberName : char.ToLowerInvariant(memberName[0]) + memberName[1..];
}
