using System.Linq.Expressions;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Execution;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Data;

/// <summary>
/// What the data attributes of one field (<c>[UsePaging]</c>, <c>[UseProjection]</c>, <c>[UseFiltering]</c>,
/// <c>[UseSorting]</c>) ask for. The first attribute to complete creates it and replaces the field's resolver with the
/// data pipeline; the others fill in their part. The pipeline always applies the parts in one order, whatever the order
/// of the attributes: filter, sort, then page (keyset or offset) and project, so that everything becomes one SQL query.
/// </summary>
internal sealed class DataField
{
    private const string ContextKey = "Graph.Data.Field";

    private readonly object _sync = new();
    private IDataPipeline? _pipeline;

    private DataField(Type entityType, FieldResolverDelegate resolver, string description)
    {
        EntityType = entityType;
        Resolver = resolver;
        Description = description;
    }

    /// <summary>The element type of the queryable the resolver returns.</summary>
    public Type EntityType { get; }

    /// <summary>The field's own resolver, which produces the queryable (or enumerable).</summary>
    public FieldResolverDelegate Resolver { get; }

    /// <summary>The field as schema errors name it (<c>books (BookQueries.GetBooks)</c>); at run time use the context's coordinate.</summary>
    public string Description { get; }

    /// <summary>The GraphQL name of the entity type (Book).</summary>
    public string EntityTypeName { get; set; } = "";

    public CursorPagingSettings? CursorPaging { get; set; }

    public OffsetPagingSettings? OffsetPaging { get; set; }

    public Filtering.FilterApplier? Filtering { get; set; }

    public Sorting.SortApplier? Sorting { get; set; }

    public bool Projection { get; set; }

    /// <summary>The ascending key on the paging key property, which makes every order of pages unique (set with paging).</summary>
    public SortKey? UniqueKey { get; set; }

    /// <summary>
    /// The data field of <paramref name="field"/>, created on first use: the entity type is read from the resolver's CLR
    /// result (<c>IQueryable&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, possibly in a task) or else from the field's GraphQL
    /// list type, and the field's resolver is replaced by the pipeline. Returns null (with a schema error) when the field
    /// does not produce a list of objects.
    /// </summary>
    public static DataField? GetOrCreate(IDescriptorContext context, OutputFieldDefinition field, string attribute)
    {
        if (field.ContextData.TryGetValue(ContextKey, out var existing) && existing is DataField data)
        {
            return data;
        }
        var resolverMember = field.ResolverMember ?? field.Member;
        var coordinate = resolverMember is { DeclaringType: { } declaring } member ? $"{field.Name} ({declaring.Name}.{member.Name})" : field.Name;
        var entityType = ElementTypeOf(resolverMember) ?? ElementTypeOf(context, field.Type);
        if (entityType is null)
        {
            context.ReportError($"{attribute} on {coordinate} needs a resolver returning IQueryable<T> or IEnumerable<T> of an object type.");
            return null;
        }
        if (field.Resolver is not { } resolver)
        {
            if (field.PureResolver is not { } pure)
            {
                context.ReportError($"{attribute} on {coordinate} needs a resolver.");
                return null;
            }
            resolver = ctx => new ValueTask<object?>(pure(ctx));
        }
        data = new DataField(entityType, resolver, coordinate)
        {
            EntityTypeName = (context.GetTypeReference(entityType, TypeContext.Output).NamedType()).Name.Value,
        };
        field.ContextData[ContextKey] = data;
        field.Resolver = data.ResolveAsync;
        field.PureResolver = null;
        return data;
    }

    /// <summary>The GraphQL element type name of <paramref name="field"/>'s list type, before paging changes it.</summary>
    private static Type? ElementTypeOf(IDescriptorContext context, ITypeNode type)
    {
        var name = type.NamedType().Name.Value;
        return context.Definitions.FindType(name)?.RuntimeType;
    }

    private static Type? ElementTypeOf(System.Reflection.MemberInfo? member)
    {
        var type = member switch
        {
            System.Reflection.MethodInfo m => m.ReturnType,
            System.Reflection.PropertyInfo p => p.PropertyType,
            _ => null,
        };
        if (type is null)
        {
            return null;
        }
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            type = type.GetGenericArguments()[0];
        }
        if (type == typeof(string))
        {
            return null;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IQueryable<>) || definition == typeof(IEnumerable<>) || definition == typeof(IOrderedQueryable<>)))
        {
            return type.GetGenericArguments()[0];
        }
        foreach (var iface in type.GetInterfaces())
        {
            if (iface.IsGenericType && iface.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return iface.GetGenericArguments()[0];
            }
        }
        return null;
    }

    private ValueTask<object?> ResolveAsync(IResolverContext context)
    {
        var pipeline = _pipeline;
        if (pipeline is null)
        {
            lock (_sync)
            {
                pipeline = _pipeline ??= (IDataPipeline)Activator.CreateInstance(typeof(DataPipeline<>).MakeGenericType(EntityType), this)!;
            }
        }
        return pipeline.ResolveAsync(context);
    }
}

/// <summary>The data pipeline of one field, specialised for its entity type once.</summary>
internal interface IDataPipeline
{
    ValueTask<object?> ResolveAsync(IResolverContext context);
}

/// <summary>
/// Runs a data field: calls the resolver for its queryable, then filters, sorts, pages and projects it and executes the
/// result (asynchronously when the provider is EF Core). Plain enumerables are queried in memory.
/// </summary>
internal sealed class DataPipeline<T>(DataField field) : IDataPipeline
{
    public async ValueTask<object?> ResolveAsync(IResolverContext context)
    {
        var source = await field.Resolver(context).ConfigureAwait(false);
        if (source is null)
        {
            return null;
        }
        var query = source switch
        {
            IQueryable<T> queryable => queryable,
            IEnumerable<T> enumerable => enumerable.AsQueryable(),
            _ => throw new InvalidOperationException($"The resolver of {context.Field.Coordinate} returned a {source.GetType().Name}, not a sequence of {typeof(T).Name}."),
        };
        if (field.Filtering is { } filtering)
        {
            // The filter goes under the resolver's own ordering, which the pagers read at the end of the query.
            var (unordered, resolverOrder) = QueryableOrdering.Split(query);
            query = filtering.Apply(unordered, context);
            if (resolverOrder.Count > 0)
            {
                query = QueryableOrdering.Apply(query, resolverOrder);
            }
        }
        var sort = field.Sorting?.GetSortKeys<T>(context);
        if (field.CursorPaging is { } cursor)
        {
            return await Paging.CursorPager<T>.PageAsync(field, cursor, query, sort, context).ConfigureAwait(false);
        }
        if (field.OffsetPaging is { } offset)
        {
            return await Paging.OffsetPager<T>.PageAsync(field, offset, query, sort, context).ConfigureAwait(false);
        }
        if (sort is not null)
        {
            query = QueryableOrdering.Apply(query, sort);
        }
        if (field.Projection && Projections.ProjectionBuilder.Build<T>([context.FieldSelection], context) is { } projection)
        {
            query = query.Select(projection);
        }
        return await QueryExecution.ToListAsync(query, context.RequestAborted).ConfigureAwait(false);
    }
}
