using Graph.GraphQL.Execution;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Types;

/// <summary>A minimal <see cref="IResolverContext"/> for calling resolvers in tests.</summary>
internal sealed class TestResolverContext : IResolverContext, IServiceProvider
{
    private readonly object? _parent;
    private readonly IReadOnlyDictionary<string, object?> _arguments;
    private readonly Dictionary<Type, object> _services = [];

    public TestResolverContext(ISchema schema, ObjectType objectType, ObjectField field, object? parent, IReadOnlyDictionary<string, object?>? arguments = null)
    {
        Schema = schema;
        ObjectType = objectType;
        Field = field;
        _parent = parent;
        var coerced = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var argument in field.Arguments)
        {
            if (arguments is not null && arguments.TryGetValue(argument.Name, out var value))
            {
                coerced[argument.Name] = value;
            }
            else if (argument.HasDefaultValue)
            {
                coerced[argument.Name] = argument.CoercedDefaultValue;
            }
        }
        _arguments = coerced;
        Selection = new FieldNode(null, null, new NameNode(field.Name), [], [], null);
    }

    public static TestResolverContext For(ISchema schema, string typeName, string fieldName, object? parent, IReadOnlyDictionary<string, object?>? arguments = null)
    {
        var type = schema.GetType<ObjectType>(typeName);
        var field = schema.GetFieldDefinition(type, fieldName) as ObjectField ?? throw new ArgumentException($"No field {typeName}.{fieldName}.");
        return new TestResolverContext(schema, type, field, parent, arguments);
    }

    public TestResolverContext WithService<T>(T service) where T : notnull
    {
        _services[typeof(T)] = service;
        return this;
    }

    public ISchema Schema { get; }

    public ObjectType ObjectType { get; }

    public ObjectField Field { get; }

    public FieldNode Selection { get; }

    public IReadOnlyList<FieldNode> FieldNodes => [Selection];

    public string ResponseName => Field.Name;

    public Path Path => Path.Root.Append(Field.Name);

    public IServiceProvider Services => this;

    public CancellationToken RequestAborted { get; init; }

    public IDictionary<string, object?> ContextData { get; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, object?> Variables { get; } = new Dictionary<string, object?>();

    public List<GraphQLError> Errors { get; } = [];

    public object? Result { get; init; }

    public object? Parent() => _parent;

    public T Parent<T>() => (T)_parent!;

    public T ArgumentValue<T>(string name) => ValueConverter.Convert<T>(_arguments.GetValueOrDefault(name));

    public object? ArgumentValue(string name) => _arguments.GetValueOrDefault(name);

    public bool HasArgument(string name) => _arguments.ContainsKey(name);

    public T Service<T>() where T : notnull => (T)_services[typeof(T)];

    public void ReportError(GraphQLError error) => Errors.Add(error);

    public ISelection FieldSelection => throw new NotSupportedException("Resolvers called outside an execution have no selection.");

    /// <summary>The cleanups the resolver registered (run by the test when it wants).</summary>
    public List<Action> Cleanups { get; } = [];

    public void RegisterForCleanup(Action cleanup) => Cleanups.Add(cleanup);

    public object? GetService(Type serviceType) => _services.GetValueOrDefault(serviceType);

    /// <summary>Runs the field's resolver.</summary>
    public ValueTask<object?> Resolve() => Field.Resolver(this);
}
