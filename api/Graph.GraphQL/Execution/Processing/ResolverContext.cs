using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Execution.Processing;

/// <summary>
/// The executor's <see cref="IResolverContext"/>: one per field execution, rented from the operation's pool and returned
/// once the field is completed (async resolvers keep theirs until their task completes). Paths are built only when asked.
/// </summary>
internal sealed class ResolverContext : IResolverContext
{
    private OperationContext _operation = null!;
    private Selection _selection = null!;
    private object? _parent;
    private Path? _path;
    private List<Action>? _cleanups;
    private bool _inJson;

    public ResultData Container { get; private set; } = null!;

    public int Index { get; private set; }

    public ArgumentValue[] Arguments { get; set; } = [];

    /// <summary>The value an async resolver produced (set off the execution loop, read on it).</summary>
    public object? ResolvedValue { get; set; }

    /// <summary>The exception an async resolver threw.</summary>
    public Exception? Exception { get; set; }

    /// <summary>The resolved value, set by the authorization of a protected field before its after-resolver checks.</summary>
    public object? Result { get; set; }

    public Selection SelectionInfo => _selection;

    public void Initialize(OperationContext operation, Selection selection, object? parent, ResultData container, int index)
    {
        _operation = operation;
        _selection = selection;
        _parent = parent;
        Container = container;
        Index = index;
    }

    /// <summary>
    /// Prepares the context for a resolver that runs inside a subtree written as JSON: its path is the operation's current
    /// JSON path (the resolver runs synchronously, while that path is its own).
    /// </summary>
    public void InitializeInJson(OperationContext operation, Selection selection, object? parent, ResultData container, int index)
    {
        Initialize(operation, selection, parent, container, index);
        _inJson = true;
    }

    public void Clean()
    {
        if (_cleanups is { } cleanups)
        {
            _cleanups = null;
            RunCleanups(cleanups);
        }
        _operation = null!;
        _selection = null!;
        _parent = null;
        _path = null;
        _inJson = false;
        Container = null!;
        Arguments = [];
        ResolvedValue = null;
        Exception = null;
        Result = null;
    }

    public ISchema Schema => _operation.Schema;

    public ObjectType ObjectType => _selection.DeclaringType;

    public ObjectField Field => _selection.Field;

    public FieldNode Selection => _selection.SyntaxNode;

    public ISelection FieldSelection => _selection;

    public IReadOnlyList<FieldNode> FieldNodes => _selection.SyntaxNodes;

    public string ResponseName => _selection.ResponseName;

    public Path Path => _path ??= _inJson ? _operation.CreateJsonPath() : _operation.CreatePath(Container, Index);

    public IServiceProvider Services => _operation.Services;

    /// <summary>Whether <paramref name="type"/> is a registered service, asked without resolving the services (see <see cref="OperationContext.IsService"/>).</summary>
    internal bool IsService(Type type) => _operation.IsService(type);

    public CancellationToken RequestAborted => _operation.RequestAborted;

    public IDictionary<string, object?> ContextData => _operation.ContextData;

    public IReadOnlyDictionary<string, object?> Variables => _operation.Variables;

    public object? Parent() => _parent;

    public T Parent<T>()
    {
        if (_parent is T typed)
        {
            return typed;
        }
        if (_parent is null && default(T) is null)
        {
            return default!;
        }
        throw new InvalidCastException(
            $"The parent value of {_selection.DeclaringType.Name}.{_selection.Field.Name} is {(_parent is null ? "null" : "a " + _parent.GetType().Name)}, not a {typeof(T).Name}.");
    }

    public T ArgumentValue<T>(string name)
    {
        var index = IndexOfArgument(name);
        var value = Arguments[index].Value;
        if (value is T typed)
        {
            return typed;
        }
        if (value is null)
        {
            return default!;
        }
        if (value is IReadOnlyDictionary<string, object?> fields
            && _selection.Arguments.Definitions[index].Type.NamedType() is InputObjectType { RuntimeType: { } runtimeType } inputType
            && typeof(T).IsAssignableFrom(runtimeType))
        {
            return (T)inputType.CreateInstance(fields);
        }
        return ValueConverter.Convert<T>(value);
    }

    public object? ArgumentValue(string name) => Arguments[IndexOfArgument(name)].Value;

    public bool HasArgument(string name) => Arguments[IndexOfArgument(name)].IsProvided;

    public T Service<T>() where T : notnull => Services.GetService(typeof(T)) is T service
        ? service
        : throw new InvalidOperationException($"No service of type {typeof(T).FullName} is registered (resolving {_selection.DeclaringType.Name}.{_selection.Field.Name}).");

    /// <summary>Ends the subscription whose event this field belongs to once the event's result is delivered.</summary>
    internal void EndSubscription() => _operation.EndSubscription();

    /// <summary>A service for a compiled resolver's parameter, through the operation's cache (see <see cref="OperationContext.GetService{T}"/>).</summary>
    internal object? CachedService<T>() => _operation.GetService<T>();

    public void ReportError(GraphQLError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _operation.AddError(new GraphQLError(
            error.Message,
            error.Locations ?? _selection.Locations,
            error.Path ?? Path,
            error.Extensions,
            error.Exception));
    }

    public void RegisterForCleanup(Action cleanup)
    {
        ArgumentNullException.ThrowIfNull(cleanup);
        (_cleanups ??= []).Add(cleanup);
    }

    private void RunCleanups(List<Action> cleanups)
    {
        // Last registered, first cleaned; a failing cleanup must not stop the others nor the execution.
        for (var i = cleanups.Count - 1; i >= 0; i--)
        {
            try
            {
                cleanups[i]();
            }
            catch (Exception ex)
            {
                _operation?.ReportCleanupFailure(_selection, ex);
            }
        }
    }

    private int IndexOfArgument(string name)
    {
        var definitions = _selection.Arguments.Definitions;
        for (var i = 0; i < definitions.Count; i++)
        {
            if (string.Equals(definitions[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        throw new ArgumentException($"The field {_selection.DeclaringType.Name}.{_selection.Field.Name} has no argument named \"{name}\".", nameof(name));
    }
}
