using System.Collections;
using System.Collections.Concurrent;
using Graph.GraphQL.Execution.DataLoader;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Scalars;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Execution.Processing;

/// <summary>
/// Executes one operation (or one subscription event) of a compiled <see cref="OperationPlan"/>: ExecuteSelectionSet,
/// ExecuteField and CompleteValue of the spec. Fields run depth first, in response order, on the execution loop:
/// synchronous and pure resolvers complete inline without tasks; a resolver whose task is still running is parked and
/// its completion is queued back to the loop, so async fields of a selection set (and of every list item) run in
/// parallel while the result tree is only ever written by the loop. When nothing is runnable the loop dispatches the
/// DataLoader batches of the request, then waits. Mutation root fields run one after the other, each with all its
/// sub-work finished before the next starts. Null propagation walks up the result containers to the nearest nullable
/// slot; work below a nulled container is dropped. Pooled per executor.
/// </summary>
internal sealed partial class OperationContext : IBatchSchedulerListener
{
    private readonly RequestExecutor _executor;
    private readonly List<ResolverContext> _contextPool = [];
    private readonly ConcurrentQueue<ResolverContext> _completed = new();
    private readonly AsyncSignal _signal = new();
    private readonly object _errorsSync = new();
    private readonly Lock _servicesSync = new();
    private List<GraphQLError>? _errors;
    private ResultMemory _memory = null!;
    private OperationPlan _plan = null!;
    private RequestContext _request = null!;
    private object? _rootValue;
    private int _pending;
    private BatchScheduler? _scheduler;
    private IServiceProvider? _services;
    private IServiceScopeFactory? _eventScopes;
    private AsyncServiceScope? _eventScope;
    private object?[] _serviceCache = [];
    private ServiceLifetimes? _lifetimes;
    private bool _dataIsNull;
    private bool _writesJson;
    private bool _endsSubscription;

    public OperationContext(RequestExecutor executor)
    {
        _executor = executor;
    }

    public ISchema Schema => _executor.Schema;

    public IReadOnlyDictionary<string, object?> Variables { get; private set; } = null!;

    public CancellationToken RequestAborted { get; private set; }

    public IDictionary<string, object?> ContextData => _request.ContextData;

    public IServiceProvider Services
    {
        get
        {
            return _services ?? FirstServices();
        }
    }

    /// <summary>
    /// The service <typeparamref name="T"/> for a resolver parameter: singletons and scoped services are resolved once per
    /// operation (or subscription event) and reused by every resolver of it; others on every call.
    /// </summary>
    public object? GetService<T>()
    {
        var slot = ServiceSlot<T>.Index;
        var cache = _serviceCache;
        if ((uint)slot < (uint)cache.Length && cache[slot] is { } cached)
        {
            return cached;
        }
        var services = Services;
        var service = services.GetService(typeof(T));
        _lifetimes ??= services.GetService(typeof(ServiceLifetimes)) as ServiceLifetimes;
        if (service is not null && _lifetimes is not null && _lifetimes.IsReusableWithinRequest(typeof(T)))
        {
            if (slot >= cache.Length)
            {
                Array.Resize(ref _serviceCache, Math.Max(slot + 1, ServiceSlot.Count));
            }
            _serviceCache[slot] = service;
        }
        return service;
    }

    /// <summary>
    /// Prepares the context for one execution (from the pool). With <paramref name="eventScopes"/> (one subscription
    /// event) the services are those of a scope of the event's own instead of the request's, created when a resolver
    /// first asks for a service (an event whose resolvers need none costs no scope); <see cref="TakeEventScope"/> hands it
    /// over for disposal.
    /// </summary>
    public void Initialize(RequestContext request, OperationPlan plan, IReadOnlyDictionary<string, object?> variables, object? rootValue, CancellationToken requestAborted, IServiceScopeFactory? eventScopes = null)
    {
        _request = request;
        _eventScopes = eventScopes;
        _plan = plan;
        Variables = variables;
        _rootValue = rootValue;
        RequestAborted = requestAborted;
        _memory = _executor.ResultMemoryPool.Rent();
        _writesJson = request.Request.IsResultWriteOnly;
        _dataIsNull = false;
        _endsSubscription = false;
        _pending = 0;
        _signal.Reset();
    }

    /// <summary>Resets the context for the pool; only valid when no work is pending.</summary>
    public void Clean()
    {
        _scheduler?.Detach(this);
        _scheduler = null;
        _services = null;
        _eventScopes = null;
        _eventScope = null;
        Array.Clear(_serviceCache);
        _errors = null;
        _request = null!;
        _plan = null!;
        Variables = null!;
        _rootValue = null;
        _memory = null!;
        _writesJson = false;
        RequestAborted = default;
    }

    /// <summary>Leaves the context to the GC after an aborted execution (running resolvers may still use it).</summary>
    public void Abandon()
    {
        _scheduler?.Detach(this);
        _scheduler = null;
    }

    /// <summary>
    /// Whether <paramref name="type"/> is a registered service of what <see cref="Services"/> gives, asked of the
    /// request's services while an event's scope is not created yet (the scope comes from them: same registrations).
    /// </summary>
    public bool IsService(Type type)
    {
        var services = _services ?? (_eventScopes is not null ? _request.Services : Services);
        return services.GetService(typeof(IServiceProviderIsService)) is not IServiceProviderIsService registrations || registrations.IsService(type);
    }

    /// <summary>The event's service scope, if one was created: the caller disposes it once the execution is over.</summary>
    public AsyncServiceScope? TakeEventScope()
    {
        lock (_servicesSync)
        {
            var scope = _eventScope;
            _eventScope = null;
            return scope;
        }
    }

    /// <summary>Resolves the services on first use (resolvers may ask from several threads at once).</summary>
    private IServiceProvider FirstServices()
    {
        lock (_servicesSync)
        {
            if (_services is { } services)
            {
                return services;
            }
            if (_eventScopes is not null)
            {
                _eventScope = _eventScopes.CreateAsyncScope();
                services = _eventScope.Value.ServiceProvider;
            }
            else
            {
                services = _request.Services;
            }
            _scheduler = services.GetService(typeof(BatchScheduler)) as BatchScheduler;
            _scheduler?.Attach(this);
            Volatile.Write(ref _services, services);
            return services;
        }
    }

    /// <summary>Whether the context may go back to the pool (false after an aborted execution left work running).</summary>
    public bool IsReusable => _pending == 0 && _completed.IsEmpty;

    void IBatchSchedulerListener.OnBatchScheduled() => _signal.Set();

    /// <summary>Executes the plan's root selection set (serially for mutations) and builds the result.</summary>
    public async ValueTask<OperationResult> ExecuteAsync()
    {
        var selectionSet = _plan.RootSelectionSet;
        var root = _memory.RentObject(selectionSet, null, 0);
        if (_plan.Operation.Type == OperationType.Mutation)
        {
            var selections = selectionSet.Selections;
            for (var i = 0; i < selections.Length; i++)
            {
                RequestAborted.ThrowIfCancellationRequested();
                ExecuteField(selections[i], _rootValue, root, i);
                if (_pending > 0)
                {
                    await DrainAsync().ConfigureAwait(false);
                }
                if (root.IsInvalidated)
                {
                    break;
                }
            }
        }
        else
        {
            ExecuteSelectionSet(selectionSet, _rootValue, root);
            if (_pending > 0)
            {
                await DrainAsync().ConfigureAwait(false);
            }
        }
        var memory = _memory;
        _memory = null!;
        return OperationResult.FromExecution(_dataIsNull ? null : root, _errors, memory, _executor.ResultMemoryPool, _endsSubscription);
    }

    /// <summary>
    /// Marks the subscription event being executed as its stream's last (the subscription root field was denied to the
    /// user): the stream delivers this result, then completes.
    /// </summary>
    public void EndSubscription() => _endsSubscription = true;

    /// <summary>
    /// CreateSourceEventStream: resolves the subscription root field's event stream; errors are request errors. The
    /// resolver context stays valid afterwards (source streams often capture it), so this operation context is not
    /// reused for another request.
    /// </summary>
    public async ValueTask<(IAsyncEnumerable<object?>? Stream, IReadOnlyList<GraphQLError>? Errors)> CreateSourceStreamAsync()
    {
        var selectionSet = _plan.RootSelectionSet;
        if (selectionSet.Selections.Length != 1)
        {
            return (null, [new GraphQLError("Subscription must select only one top level field.", Locate(_plan.Operation.Definition))]);
        }
        var selection = selectionSet.Selections[0];
        var root = _memory.RentObject(selectionSet, null, 0);
        var context = RentContext(selection, _rootValue, root, 0);
        try
        {
            context.Arguments = selection.Arguments.StaticValues ?? selection.Arguments.Coerce(Variables);
            object? stream;
            if (selection.Field.SubscribeResolver is { } subscribe)
            {
                stream = await subscribe(context).ConfigureAwait(false);
            }
            else
            {
                stream = _rootValue is null ? null : DefaultFieldResolver.Resolve(_rootValue, selection.Field.Name);
            }
            if (stream is IAsyncEnumerable<object?> events)
            {
                return (events, null);
            }
            return (null, [new GraphQLError(
                $"Subscription field must return Async Iterable. Received: {ValueFormatter.Inspect(stream)}.",
                selection.Locations, context.Path)]);
        }
        catch (Exception ex) when (!IsAbort(ex))
        {
            var path = context.Path;
            if (ex is GraphQLException { Errors.Count: > 0 } graphQLException)
            {
                var errors = new GraphQLError[graphQLException.Errors.Count];
                for (var i = 0; i < errors.Length; i++)
                {
                    errors[i] = Locate(graphQLException.Errors[i], selection.Locations, path);
                }
                return (null, errors);
            }
            return (null, [Locate(_executor.ErrorHandler.CreateUnexpectedError(ex), selection.Locations, path)]);
        }
    }

    private async ValueTask DrainAsync()
    {
        while (true)
        {
            while (_completed.TryDequeue(out var context))
            {
                _pending--;
                ProcessCompleted(context);
            }
            if (_pending == 0)
            {
                return;
            }
            // Dispatch only when no batch is handing out results: the resolvers it wakes may still add keys.
            if (_scheduler is not null && !_scheduler.IsCompletingBatch && _scheduler.Dispatch())
            {
                continue;
            }
            await _signal.WaitAsync(RequestAborted).ConfigureAwait(false);
        }
    }

    private void ProcessCompleted(ResolverContext context)
    {
        if (context.Container.IsDetached())
        {
            ReturnContext(context);
            return;
        }
        if (context.Exception is { } exception)
        {
            if (IsAbort(exception))
            {
                RequestAborted.ThrowIfCancellationRequested();
            }
            HandleException(context, context.Container, context.Index, exception);
        }
        else
        {
            CompleteField(context, context.ResolvedValue);
        }
        ReturnContext(context);
    }

    private void ExecuteSelectionSet(SelectionSet selectionSet, object? parent, ResultObject result)
    {
        RequestAborted.ThrowIfCancellationRequested();
        var selections = selectionSet.Selections;
        for (var i = 0; i < selections.Length; i++)
        {
            ExecuteField(selections[i], parent, result, i);
            if (result.IsInvalidated)
            {
                return;
            }
        }
    }

    private void ExecuteField(Selection selection, object? parent, ResultObject result, int index)
    {
        if (selection.ParentReader is { } reader && parent is not null && TryReadFromParent(selection, reader, parent, result, index))
        {
            return;
        }
        var context = RentContext(selection, parent, result, index);
        object? value;
        try
        {
            context.Arguments = selection.Arguments.StaticValues ?? selection.Arguments.Coerce(Variables);
            if (selection.PureResolver is { } pure)
            {
                value = pure(context);
            }
            else
            {
                var task = selection.Resolver(context);
                if (!task.IsCompleted)
                {
                    _pending++;
                    _ = AwaitResolverAsync(task, context);
                    return;
                }
                value = task.Result;
            }
        }
        catch (Exception ex) when (!IsAbort(ex))
        {
            HandleException(context, result, index, ex);
            ReturnContext(context);
            return;
        }
        CompleteField(context, value);
        ReturnContext(context);
    }

    /// <summary>
    /// Executes a field that is a property of its parent without a resolver context: a built-in scalar value is stored as
    /// it is; other values (objects, lists, nulls to report, enums) are completed as usual. False when the parent is not of
    /// the property's type, which the resolver then reports.
    /// </summary>
    private bool TryReadFromParent(Selection selection, Func<object, object?> reader, object parent, ResultObject result, int index)
    {
        object? value;
        try
        {
            value = reader(parent);
        }
        catch (Exception ex) when (!IsAbort(ex))
        {
            var failed = RentContext(selection, parent, result, index);
            HandleException(failed, result, index, ex);
            ReturnContext(failed);
            return true;
        }
        if (ReferenceEquals(value, ResolverCompiler.NotRead))
        {
            return false;
        }
        if (selection.ScalarKind switch
            {
                ScalarKind.String => value is string,
                ScalarKind.Int => value is int,
                ScalarKind.Boolean => value is bool,
                _ => false,
            })
        {
            result.SetValue(index, value);
            return true;
        }
        var context = RentContext(selection, parent, result, index);
        CompleteField(context, value);
        ReturnContext(context);
        return true;
    }

    private async Task AwaitResolverAsync(ValueTask<object?> task, ResolverContext context)
    {
        try
        {
            context.ResolvedValue = await task.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            context.Exception = ex;
        }
        _completed.Enqueue(context);
        _signal.Set();
    }

    private void CompleteField(ResolverContext context, object? value)
    {
        if (_writesJson && value is not (null or GraphQLError or Exception) && context.SelectionInfo is { IsCompositeOrList: true, CompletesSynchronously: true })
        {
            CompleteFieldAsJson(context.SelectionInfo, value, context.Container, context.Index);
            return;
        }
        try
        {
            CompleteValue(context, context.SelectionInfo.Type, value, context.Container, context.Index);
        }
        catch (Exception ex) when (!IsAbort(ex))
        {
            HandleException(context, context.Container, context.Index, ex);
        }
    }

    private void CompleteValue(ResolverContext context, IType type, object? value, ResultData container, int index)
    {
        switch (value)
        {
            case GraphQLError error:
                ReportFieldError(context, container, index, error);
                return;
            case Exception exception:
                HandleException(context, container, index, exception);
                return;
        }

        if (type is NonNullType nonNull)
        {
            if (value is null)
            {
                ReportFieldError(context, container, index, NonNullError(context.SelectionInfo));
                return;
            }
            type = nonNull.OfType;
        }
        else if (value is null)
        {
            container.SetValue(index, null);
            return;
        }

        switch (type)
        {
            case ILeafType leaf:
                CompleteLeaf(context, leaf, value, container, index);
                return;
            case ObjectType objectType:
                CompleteObject(context, objectType, value, container, index);
                return;
            case ListType list:
                CompleteList(context, list, value, container, index);
                return;
            case IAbstractType abstractType:
                CompleteAbstract(context, abstractType, value, container, index);
                return;
        }
    }

    private void CompleteLeaf(ResolverContext context, ILeafType leaf, object value, ResultData container, int index)
    {
        object? serialized;
        if (value is string ? leaf is StringType or IdType
            : value is int ? leaf is IntType
            : value is bool ? leaf is BooleanType
            : value is double d && leaf is FloatType && double.IsFinite(d))
        {
            serialized = value;
        }
        else
        {
            try
            {
                serialized = leaf.Serialize(value);
            }
            catch (SerializationException ex)
            {
                ReportFieldError(context, container, index, new GraphQLError(ex.Message, exception: ex));
                return;
            }
            if (serialized is null)
            {
                ReportFieldError(context, container, index, SerializedNullError(leaf, value));
                return;
            }
        }
        container.SetValue(index, serialized);
    }

    private void CompleteObject(ResolverContext context, ObjectType objectType, object value, ResultData container, int index)
    {
        if (objectType.IsOfTypeHandler is { } isOfType && !isOfType(context, value))
        {
            ReportFieldError(context, container, index,
                new GraphQLError($"Expected value of type \"{objectType.Name}\" but got: {ValueFormatter.Inspect(value)}."));
            return;
        }
        var selectionSet = context.SelectionInfo.GetSelectionSet(objectType);
        var result = _memory.RentObject(selectionSet, container, index);
        container.SetValue(index, result);
        ExecuteSelectionSet(selectionSet, value, result);
    }

    private void CompleteAbstract(ResolverContext context, IAbstractType abstractType, object value, ResultData container, int index)
    {
        if (abstractType.ResolveType is null
            && value is IReadOnlyDictionary<string, object?> map
            && map.TryGetValue(IntrospectionNames.TypeName, out var typeName)
            && typeName is string name)
        {
            if (!Schema.TryGetType(name, out var named))
            {
                ReportFieldError(context, container, index, new GraphQLError(
                    $"Abstract type \"{abstractType.Name}\" was resolved to a type \"{name}\" that does not exist inside the schema."));
                return;
            }
            if (named is not ObjectType)
            {
                ReportFieldError(context, container, index, new GraphQLError(
                    $"Abstract type \"{abstractType.Name}\" was resolved to a non-object type \"{name}\"."));
                return;
            }
        }

        var runtimeType = Schema.ResolveConcreteType(abstractType, context, value);
        if (runtimeType is null)
        {
            var selection = context.SelectionInfo;
            ReportFieldError(context, container, index, new GraphQLError(
                $"Abstract type \"{abstractType.Name}\" must resolve to an Object type at runtime for field \"{selection.DeclaringType.Name}.{selection.Field.Name}\". "
                + $"Either the \"{abstractType.Name}\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function."));
            return;
        }
        if (!Schema.IsPossibleType(abstractType, runtimeType))
        {
            ReportFieldError(context, container, index, new GraphQLError(
                $"Runtime Object type \"{runtimeType.Name}\" is not a possible type for \"{abstractType.Name}\"."));
            return;
        }
        CompleteObject(context, runtimeType, value, container, index);
    }

    private void CompleteList(ResolverContext context, ListType listType, object value, ResultData container, int index)
    {
        if (value is string or IReadOnlyDictionary<string, object?> or IDictionary || value is not IEnumerable enumerable)
        {
            ReportFieldError(context, container, index, NotIterableError(context.SelectionInfo));
            return;
        }

        var itemType = listType.OfType;
        var isItemNullable = itemType.Kind != TypeKind.NonNull;
        if (value is IList list)
        {
            var count = list.Count;
            var result = _memory.RentList(container, index, isItemNullable, count);
            container.SetValue(index, result);
            for (var i = 0; i < count; i++)
            {
                var slot = result.AddSlot();
                CompleteItem(context, itemType, list[i], result, slot);
                if (result.IsInvalidated)
                {
                    return;
                }
            }
        }
        else
        {
            var result = _memory.RentList(container, index, isItemNullable, 4);
            container.SetValue(index, result);
            foreach (var item in enumerable)
            {
                var slot = result.AddSlot();
                CompleteItem(context, itemType, item, result, slot);
                if (result.IsInvalidated)
                {
                    return;
                }
            }
        }
    }

    private void CompleteItem(ResolverContext context, IType itemType, object? item, ResultList list, int slot)
    {
        try
        {
            CompleteValue(context, itemType, item, list, slot);
        }
        catch (Exception ex) when (!IsAbort(ex))
        {
            HandleException(context, list, slot, ex);
        }
    }

    private void HandleException(ResolverContext context, ResultData container, int index, Exception exception)
    {
        AddErrors(exception, context.SelectionInfo.Locations, CreatePath(container, index));
        PropagateNull(container, index);
    }

    /// <summary>The errors of a field whose resolver or completion threw <paramref name="exception"/>.</summary>
    private void AddErrors(Exception exception, IReadOnlyList<ErrorLocation> locations, Path path)
    {
        if (exception is GraphQLException { Errors.Count: > 0 } graphQLException)
        {
            foreach (var error in graphQLException.Errors)
            {
                AddError(Locate(error, locations, path));
            }
        }
        else
        {
            AddError(Locate(_executor.ErrorHandler.CreateUnexpectedError(exception), locations, path));
        }
    }

    private static GraphQLError NonNullError(Selection selection) =>
        new($"Cannot return null for non-nullable field {selection.DeclaringType.Name}.{selection.Field.Name}.");

    private static GraphQLError NotIterableError(Selection selection) =>
        new($"Expected Iterable, but did not find one for field \"{selection.DeclaringType.Name}.{selection.Field.Name}\".");

    private static GraphQLError SerializedNullError(ILeafType leaf, object value) =>
        new($"Expected `{leaf.Name}.serialize({ValueFormatter.Inspect(value)})` to return non-nullable value, returned: null");

    private void ReportFieldError(ResolverContext context, ResultData container, int index, GraphQLError error)
    {
        AddError(Locate(error, context.SelectionInfo.Locations, CreatePath(container, index)));
        PropagateNull(container, index);
    }

    /// <summary>Handles a null (error) at a slot: set it null when nullable, else null the parent, up to the data entry.</summary>
    private void PropagateNull(ResultData container, int index)
    {
        while (true)
        {
            if (container.IsNullable(index))
            {
                container.SetValue(index, null);
                return;
            }
            if (container.IsInvalidated)
            {
                return;
            }
            container.IsInvalidated = true;
            var parent = container.Parent;
            if (parent is null)
            {
                _dataIsNull = true;
                return;
            }
            index = container.ParentIndex;
            container = parent;
        }
    }

    /// <summary>A cleanup registered by a resolver threw: the value was produced, but the failure is reported.</summary>
    public void ReportCleanupFailure(Selection selection, Exception exception) =>
        AddError(new GraphQLError("Unexpected Execution Error", selection.Locations, null, null, exception));

    public void AddError(GraphQLError error)
    {
        lock (_errorsSync)
        {
            (_errors ??= []).Add(error);
        }
    }

    /// <summary>The response path of slot <paramref name="index"/> of <paramref name="container"/>.</summary>
    public Path CreatePath(ResultData container, int index)
    {
        var parentPath = container.Parent is { } parent ? CreatePath(parent, container.ParentIndex) : Path.Root;
        return container is ResultObject obj
            ? parentPath.Append(obj.Selections[index].ResponseName)
            : parentPath.Append(index);
    }

    private static GraphQLError Locate(GraphQLError error, IReadOnlyList<ErrorLocation> locations, Path path) =>
        error.Path is not null && error.Locations is not null
            ? error
            : new GraphQLError(error.Message, error.Locations ?? locations, error.Path ?? path, error.Extensions, error.Exception);

    private static ErrorLocation[]? Locate(ISyntaxNode node) => node.Location is { } location ? [location.ToErrorLocation()] : null;

    private bool IsAbort(Exception exception) => exception is OperationCanceledException && RequestAborted.IsCancellationRequested;

    private ResolverContext RentContext(Selection selection, object? parent, ResultData container, int index)
    {
        var context = TakeContext();
        context.Initialize(this, selection, parent, container, index);
        return context;
    }

    private ResolverContext TakeContext()
    {
        var count = _contextPool.Count;
        if (count == 0)
        {
            return new ResolverContext();
        }
        var context = _contextPool[count - 1];
        _contextPool.RemoveAt(count - 1);
        return context;
    }

    private void ReturnContext(ResolverContext context)
    {
        context.Clean();
        if (_contextPool.Count < 64)
        {
            _contextPool.Add(context);
        }
    }
}

/// <summary>An auto-reset signal the execution loop awaits; a signal set while nobody waits is kept for the next wait.</summary>
internal sealed class AsyncSignal
{
    private readonly object _sync = new();
    private bool _isSet;
    private TaskCompletionSource? _waiter;

    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_sync)
        {
            waiter = _waiter;
            _waiter = null;
            if (waiter is null)
            {
                _isSet = true;
            }
        }
        waiter?.TrySetResult();
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (_sync)
        {
            if (_isSet)
            {
                _isSet = false;
                return Task.CompletedTask;
            }
            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            task = _waiter.Task;
        }
        return cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task;
    }

    public void Reset()
    {
        lock (_sync)
        {
            _isSet = false;
            _waiter = null;
        }
    }
}
