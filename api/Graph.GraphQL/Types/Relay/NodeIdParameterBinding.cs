using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Types.Relay;

/// <summary>
/// Hands resolvers the keys behind global IDs: a parameter marked <see cref="IDAttribute"/> (a single ID or a list), or an
/// input object parameter with <see cref="IDAttribute"/> properties (at any depth), receives keys instead of the IDs the
/// client sent. An ID that does not parse, or is not of the attribute's type, fails the field with
/// <see cref="ErrorCodes.InvalidNodeId"/>.
/// </summary>
internal sealed class NodeIdParameterBinding(INodeIdSerializer serializer) : ResolverParameterBinding
{
    private static readonly MethodInfo ReadMethod = typeof(NodeIdParameterBinding).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Instance)!;

    public override bool CanBind(ParameterInfo parameter) =>
        !parameter.IsDefined(typeof(ParentAttribute), inherit: false) && !parameter.IsDefined(typeof(ServiceAttribute), inherit: false)
        && !parameter.IsDefined(typeof(EventMessageAttribute), inherit: false) && NodeIdPlan.For(parameter) is not null;

    public override Expression Bind(ParameterInfo parameter, Expression context) => Expression.Call(
        Expression.Constant(this),
        ReadMethod.MakeGenericMethod(parameter.ParameterType),
        context,
        Expression.Constant(NamingConventions.GetArgumentName(parameter)),
        Expression.Constant(NodeIdPlan.For(parameter), typeof(NodeIdPlan)));

    private T Read<T>(IResolverContext context, string argumentName, NodeIdPlan plan)
    {
        if (!context.Field.Arguments.TryGetField(argumentName, out _))
        {
            // Not an argument after all: a parent (an object with ID properties) or a service, as the resolver compiler binds them.
            return context.Parent() is T parent ? parent : (T)context.Services.GetService(typeof(T))!;
        }
        var value = Rewrite(context.ArgumentValue(argumentName), plan);
        if (value is null)
        {
            return default!;
        }
        if (value is IReadOnlyDictionary<string, object?> fields
            && context.Field.Arguments.TryGetField(argumentName, out var argument)
            && argument.Type.NamedType() is InputObjectType { RuntimeType: { } runtimeType } inputType
            && typeof(T).IsAssignableFrom(runtimeType))
        {
            return (T)inputType.CreateInstance(fields);
        }
        try
        {
            return ValueConverter.Convert<T>(value);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            throw new GraphQLException(new GraphQLError($"The ID given to \"{argumentName}\" does not hold a key of type {typeof(T).Name}.").WithCode(ErrorCodes.InvalidNodeId));
        }
    }

    private object? Rewrite(object? value, NodeIdPlan plan)
    {
        switch (value)
        {
            case null:
                return null;
            case string id when plan.IsId:
                return Parse(id, plan.TypeName);
            case IReadOnlyDictionary<string, object?> fields when !plan.IsId:
                var rewritten = new Dictionary<string, object?>(fields.Count, StringComparer.Ordinal);
                foreach (var (name, fieldValue) in fields)
                {
                    rewritten[name] = plan.Fields.TryGetValue(name, out var fieldPlan) ? Rewrite(fieldValue, fieldPlan) : fieldValue;
                }
                return rewritten;
            case IEnumerable items and not string and not IReadOnlyDictionary<string, object?>:
                return items.Cast<object?>().Select(item => Rewrite(item, plan)).ToList();
            default:
                return value;
        }
    }

    private object Parse(string id, string? expectedType)
    {
        if (!serializer.TryParse(id, out var nodeId))
        {
            throw new GraphQLException(NodeErrors.InvalidId(id));
        }
        if (expectedType is not null && nodeId.TypeName != expectedType)
        {
            throw new GraphQLException(NodeErrors.WrongType(id, expectedType, nodeId.TypeName));
        }
        return nodeId.Key;
    }
}

/// <summary>Where global IDs sit in an argument value: the value itself (<see cref="IsId"/>) or fields of input objects.</summary>
internal sealed class NodeIdPlan
{
    private NodeIdPlan(bool isId, string? typeName, Dictionary<string, NodeIdPlan> fields)
    {
        IsId = isId;
        TypeName = typeName;
        Fields = fields;
    }

    /// <summary>Whether the value (or each list item) is a global ID.</summary>
    public bool IsId { get; }

    /// <summary>The type the IDs must belong to, or null for any.</summary>
    public string? TypeName { get; }

    /// <summary>The plans of input fields holding IDs, by GraphQL field name (case-insensitive).</summary>
    public Dictionary<string, NodeIdPlan> Fields { get; }

    /// <summary>The plan of a resolver parameter, or null when it holds no ID.</summary>
    public static NodeIdPlan? For(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<IDAttribute>(inherit: false) is { } id
            ? Id(id)
            : ForType(parameter.ParameterType, []);

    private static NodeIdPlan Id(IDAttribute attribute) => new(true, attribute.TypeName, []);

    private static NodeIdPlan? ForType(Type type, HashSet<Type> visiting)
    {
        type = ElementType(Nullable.GetUnderlyingType(type) ?? type);
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || IsFramework(type) || !visiting.Add(type))
        {
            return null;
        }
        var fields = new Dictionary<string, NodeIdPlan>(StringComparer.OrdinalIgnoreCase);
        var parameters = type.GetConstructors().SelectMany(c => c.GetParameters()).ToList();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attribute = property.GetCustomAttribute<IDAttribute>(inherit: false)
                ?? parameters.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase))?.GetCustomAttribute<IDAttribute>(inherit: false);
            var plan = attribute is not null ? Id(attribute) : ForType(property.PropertyType, visiting);
            if (plan is not null)
            {
                fields[property.GetCustomAttribute<GraphQLNameAttribute>()?.Name ?? property.Name] = plan;
            }
        }
        visiting.Remove(type);
        return fields.Count == 0 ? null : new NodeIdPlan(false, null, fields);
    }

    private static bool IsFramework(Type type) =>
        type.Namespace is { } ns && (ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft", StringComparison.Ordinal));

    private static Type ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType()!;
        }
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable is not null && type != typeof(string) ? enumerable.GetGenericArguments()[0] : type;
    }
}
