using System.Linq.Expressions;
using System.Reflection;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Data.Projections;

/// <summary>
/// Builds the projection of an entity to what a selection asks for: <c>e =&gt; new Title { Id = e.Id, Name = e.Name,
/// Writer = e.Writer == null ? null : new Writer { Id = e.Writer.Id, Name = e.Writer.Name } }</c>, which EF Core turns into
/// one SELECT of those columns (joins included). Scalar fields bound to a settable property are assigned; reference
/// navigations are projected recursively (null-checked), collection navigations with <c>Select(..).ToList()</c> when the
/// property can hold a <see cref="List{T}"/>; an object-typed property whose CLR type has no parameterless constructor is
/// assigned whole. A field is projected when its member is a property of the entity: inferred from the property, or
/// bound to it by <c>[BindMember]</c> while a method of its own resolves it (which then finds the navigation loaded). Other
/// fields with resolvers of their own project nothing, so the key <c>Id</c> and properties marked
/// <c>[IsProjected(true)]</c> are always loaded for them. The expression is built once per selection of the operation.
/// </summary>
internal static class ProjectionBuilder
{
    private sealed record StateKey(Type EntityType, int Count);

    private sealed class Box(LambdaExpression? projection)
    {
        public LambdaExpression? Projection { get; } = projection;
    }

    private static readonly MethodInfo SelectMethod = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Select) && m.GetParameters()[1].ParameterType.GetGenericArguments().Length == 2);

    private static readonly MethodInfo ToListMethod = typeof(Enumerable).GetMethod(nameof(Enumerable.ToList))!;

    /// <summary>
    /// The projection of <typeparamref name="T"/> to what <paramref name="selections"/> (fields whose type is the object type
    /// bound to T, e.g. Query.books, or a connection's nodes and edges.node) select, or null when nothing can be projected.
    /// </summary>
    public static Expression<Func<T, T>>? Build<T>(IReadOnlyList<ISelection> selections, IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(selections);
        if (selections.Count == 0)
        {
            return null;
        }
        // Selections belong to the compiled operation: for one first selection, the others are always the same.
        var box = selections[0].GetOrAddState(new StateKey(typeof(T), selections.Count), _ => new Box(Create<T>(selections)));
        return (Expression<Func<T, T>>?)box.Projection;
    }

    private static Expression<Func<T, T>>? Create<T>(IReadOnlyList<ISelection> selections)
    {
        if (selections[0].Field.Type.NamedType() is not ObjectType objectType)
        {
            return null;
        }
        var parameter = Expression.Parameter(typeof(T), "e");
        var body = Init(typeof(T), parameter, selections.SelectMany(s => s.GetSelections(objectType)));
        return body is null ? null : Expression.Lambda<Func<T, T>>(body, parameter);
    }

    /// <summary><c>new X { ... }</c> from <paramref name="source"/>, or null when X cannot be created that way.</summary>
    private static MemberInitExpression? Init(Type type, Expression source, IEnumerable<ISelection> selections)
    {
        if (type.IsAbstract || type.IsValueType || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return null;
        }
        var bindings = new Dictionary<string, MemberAssignment>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var marked = property.GetCustomAttribute<IsProjectedAttribute>()?.Projected;
            if ((property.Name == "Id" && marked != false || marked == true) && IsSettable(property, type))
            {
                bindings[property.Name] = Expression.Bind(property, Expression.Property(source, property));
            }
        }
        foreach (var group in selections.GroupBy(s => s.Field))
        {
            if (group.Key.Member is not PropertyInfo property || bindings.ContainsKey(property.Name) || !IsSettable(property, type)
                || property.GetCustomAttribute<IsProjectedAttribute>() is { Projected: false })
            {
                continue;
            }
            bindings[property.Name] = Expression.Bind(property, Value(property, Expression.Property(source, property), group.Key, group));
        }
        return Expression.MemberInit(Expression.New(type), bindings.Values);
    }

    private static Expression Value(PropertyInfo property, MemberExpression access, ObjectField field, IEnumerable<ISelection> group)
    {
        if (field.Type.NamedType() is not ObjectType objectType)
        {
            return access; // scalars, enums, lists of them; interfaces and unions are loaded whole
        }
        var selections = group.SelectMany(s => s.GetSelections(objectType)).ToList();
        if (field.Type.NullableType() is ListType)
        {
            if (ElementType(property.PropertyType) is not { } element
                || !property.PropertyType.IsAssignableFrom(typeof(List<>).MakeGenericType(element)))
            {
                return access;
            }
            var item = Expression.Parameter(element, "x");
            if (Init(element, item, selections) is not { } itemInit)
            {
                return access;
            }
            var select = Expression.Call(SelectMethod.MakeGenericMethod(element, element), access, Expression.Lambda(itemInit, item));
            return Expression.Call(ToListMethod.MakeGenericMethod(element), select);
        }
        if (Init(property.PropertyType, access, selections) is not { } init)
        {
            return access;
        }
        var none = Expression.Constant(null, property.PropertyType);
        return Expression.Condition(Expression.Equal(access, none), none, init, property.PropertyType);
    }

    private static bool IsSettable(PropertyInfo property, Type type) =>
        property.DeclaringType!.IsAssignableFrom(type) && property.GetMethod is { IsPublic: true, IsStatic: false }
        && property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0;

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            return type.GetGenericArguments()[0];
        }
        return type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?
            .GetGenericArguments()[0];
    }
}
