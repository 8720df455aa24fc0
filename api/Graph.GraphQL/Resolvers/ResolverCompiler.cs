using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Graph.GraphQL.Types;
using E = System.Linq.Expressions.Expression;

namespace Graph.GraphQL.Resolvers;

/// <summary>
/// Compiles CLR methods and properties into resolvers with expression trees (no reflection per call). Method parameters are
/// bound by kind: <see cref="IResolverContext"/>, <see cref="CancellationToken"/>, <see cref="ISchema"/>,
/// <see cref="IServiceProvider"/>, <see cref="ClaimsPrincipal"/> (the request's user, an anonymous one when it has none),
/// <see cref="GlobalStateAttribute"/> (an entry of the request state), <see cref="ParentAttribute"/> or
/// <see cref="EventMessageAttribute"/> (or the parent's runtime type), <see cref="ServiceAttribute"/>,
/// an argument of the field with the parameter's name (or <see cref="GraphQLNameAttribute"/>), else a request service.
/// Bindings passed by the schema (<see cref="ResolverParameterBinding"/>) come first.
/// Results may be plain values, <see cref="Task{TResult}"/>, <see cref="ValueTask{TResult}"/>, <see cref="Task"/> or <see cref="ValueTask"/>.
/// </summary>
public static class ResolverCompiler
{
    private static readonly MethodInfo ParentMethod = typeof(ResolverCompiler).GetMethod(nameof(ParentAs), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ArgumentMethod = typeof(IResolverContext).GetMethods().Single(m => m.Name == nameof(IResolverContext.ArgumentValue) && m.IsGenericMethodDefinition);
    private static readonly MethodInfo ServiceMethod = typeof(ResolverCompiler).GetMethod(nameof(GetRequiredService), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FromTaskOfT = typeof(ResolverCompiler).GetMethod(nameof(AwaitTaskOfT), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FromValueTaskOfT = typeof(ResolverCompiler).GetMethod(nameof(AwaitValueTaskOfT), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FromTask = typeof(ResolverCompiler).GetMethod(nameof(AwaitTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo FromValueTask = typeof(ResolverCompiler).GetMethod(nameof(AwaitValueTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ToObjectStream = typeof(ResolverCompiler).GetMethod(nameof(AsObjectStream), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CollectMethod = typeof(ResolverCompiler).GetMethod(nameof(CollectStream), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo UserMethod = typeof(Authorization.AuthorizationContextData).GetMethod(nameof(Authorization.AuthorizationContextData.GetUser), [typeof(IResolverContext)])!;
    private static readonly MethodInfo GlobalStateMethod = typeof(ResolverCompiler).GetMethod(nameof(GlobalState), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>Compiles <paramref name="member"/> (a method, property or field) into a resolver.</summary>
    /// <param name="member">The CLR member.</param>
    /// <param name="instance">Produces the instance the member is invoked on (ignored for static members).</param>
    /// <param name="argumentNames">The GraphQL argument names of the field.</param>
    /// <param name="parentType">The runtime type of the parent value, when known.</param>
    /// <param name="bindings">Library parameter bindings, asked before the built-in rules.</param>
    public static FieldResolverDelegate CompileResolver(MemberInfo member, Func<IResolverContext, object>? instance, IReadOnlyCollection<string> argumentNames, Type? parentType, IReadOnlyList<ResolverParameterBinding>? bindings = null)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(argumentNames);
        var context = E.Parameter(typeof(IResolverContext), "context");
        var call = Invoke(member, instance, argumentNames, parentType, context, bindings);
        var body = ToValueTask(call);
        var resolver = E.Lambda<FieldResolverDelegate>(body, context).Compile();
        if (call.Type != typeof(void) && !IsAwaitable(call.Type))
        {
            SynchronousResolvers.AddOrUpdate(resolver, SynchronousMark);
        }
        return resolver;
    }

    /// <summary>
    /// Whether <paramref name="resolver"/> is exactly a resolver compiled by <see cref="CompileResolver"/> for a member that
    /// returns no task (not wrapped since): its task is always completed when it returns, so the executor may complete its
    /// value with the rest of a synchronous subtree.
    /// </summary>
    internal static bool IsSynchronous(FieldResolverDelegate? resolver) =>
        resolver is not null && SynchronousResolvers.TryGetValue(resolver, out _);

    private static readonly ConditionalWeakTable<FieldResolverDelegate, object> SynchronousResolvers = new();
    private static readonly object SynchronousMark = new();

    /// <summary>
    /// Compiles a synchronous property or field (or a method whose parameters are all bound without arguments) into a pure
    /// resolver: no task is allocated per call. Parameters are bound as for <see cref="CompileResolver"/>.
    /// </summary>
    public static PureFieldResolverDelegate CompilePureResolver(MemberInfo member, Func<IResolverContext, object>? instance, IReadOnlyCollection<string> argumentNames, Type? parentType, IReadOnlyList<ResolverParameterBinding>? bindings = null)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(argumentNames);
        var context = E.Parameter(typeof(IResolverContext), "context");
        var call = Invoke(member, instance, argumentNames, parentType, context, bindings);
        if (call.Type == typeof(void) || IsAwaitable(call.Type))
        {
            throw new ArgumentException($"{member.Name} is not synchronous.", nameof(member));
        }
        var resolver = E.Lambda<PureFieldResolverDelegate>(E.Convert(call, typeof(object)), context).Compile();
        if (instance is null && member is PropertyInfo or FieldInfo && !IsStatic(member) && !member.DeclaringType!.IsValueType)
        {
            ParentReaders.AddOrUpdate(resolver, CompileParentReader(member));
        }
        return resolver;
    }

    /// <summary>
    /// The reader of the parent's member behind <paramref name="resolver"/> when it is exactly a resolver compiled by
    /// <see cref="CompilePureResolver"/> for an instance property or field of the parent (not wrapped since): the executor
    /// reads such fields straight from the parent, without a resolver context. The reader returns <see cref="NotRead"/>
    /// when the parent is not of the member's type (the resolver then reports that as it always does).
    /// </summary>
    internal static Func<object, object?>? GetParentReader(PureFieldResolverDelegate? resolver) =>
        resolver is not null && ParentReaders.TryGetValue(resolver, out var reader) ? reader : null;

    /// <summary>What a parent reader returns when the parent is not of the member's type.</summary>
    internal static readonly object NotRead = new();

    private static readonly ConditionalWeakTable<PureFieldResolverDelegate, Func<object, object?>> ParentReaders = new();

    private static Func<object, object?> CompileParentReader(MemberInfo member)
    {
        // parent => parent is T t ? (object)t.Member : NotRead
        var parent = E.Parameter(typeof(object), "parent");
        var typed = E.Variable(member.DeclaringType!, "typed");
        var read = member is PropertyInfo property ? E.Property(typed, property) : E.Field(typed, (FieldInfo)member);
        var body = E.Block([typed],
            E.Assign(typed, E.TypeAs(parent, member.DeclaringType!)),
            E.Condition(E.Equal(typed, E.Constant(null, member.DeclaringType!)), E.Constant(NotRead), E.Convert(read, typeof(object))));
        return E.Lambda<Func<object, object?>>(body, parent).Compile();
    }

    /// <summary>Whether values of <paramref name="type"/> are awaited by resolvers (<see cref="Task"/>, <see cref="ValueTask"/> and their generic forms).</summary>
    public static bool IsAwaitable(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type == typeof(Task) || type == typeof(ValueTask)
            || (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)));
    }

    /// <summary>
    /// Compiles a member returning <see cref="IAsyncEnumerable{T}"/> (possibly in a task) into a resolver that reads the whole
    /// stream into a <see cref="List{T}"/>, for list fields outside subscriptions.
    /// </summary>
    public static FieldResolverDelegate CompileStreamToListResolver(MemberInfo member, Func<IResolverContext, object>? instance, IReadOnlyCollection<string> argumentNames, Type? parentType, IReadOnlyList<ResolverParameterBinding>? bindings = null)
    {
        ArgumentNullException.ThrowIfNull(member);
        var resolver = CompileResolver(member, instance, argumentNames, parentType, bindings);
        var elementType = StreamElementType(UnwrapTask(ResultType(member)))
            ?? throw new ArgumentException($"{member.Name} does not return an IAsyncEnumerable<T>.", nameof(member));
        var collect = (Func<object, CancellationToken, ValueTask<object?>>)CollectMethod.MakeGenericMethod(elementType)
            .CreateDelegate(typeof(Func<object, CancellationToken, ValueTask<object?>>));
        return async context =>
        {
            var stream = await resolver(context).ConfigureAwait(false);
            return stream is null ? null : await collect(stream, context.RequestAborted).ConfigureAwait(false);
        };
    }

    /// <summary>Compiles a delegate returning <typeparamref name="TResult"/> (awaiting tasks) into a resolver.</summary>
    internal static FieldResolverDelegate CompileFunc<TResult>(Func<IResolverContext, TResult> func)
    {
        var context = E.Parameter(typeof(IResolverContext), "context");
        var call = E.Invoke(E.Constant(func), context);
        return E.Lambda<FieldResolverDelegate>(ToValueTask(call), context).Compile();
    }

    /// <summary>Whether <paramref name="member"/> produces a source stream (<see cref="IAsyncEnumerable{T}"/>, possibly awaited).</summary>
    public static bool IsStream(MemberInfo member) => StreamElementType(UnwrapTask(ResultType(member))) is not null;

    /// <summary>Compiles a member returning <see cref="IAsyncEnumerable{T}"/> (possibly in a task) into a subscribe resolver.</summary>
    public static SubscribeResolverDelegate CompileSubscribeResolver(MemberInfo member, Func<IResolverContext, object>? instance, IReadOnlyCollection<string> argumentNames, Type? parentType, IReadOnlyList<ResolverParameterBinding>? bindings = null)
    {
        ArgumentNullException.ThrowIfNull(member);
        var resolver = CompileResolver(member, instance, argumentNames, parentType, bindings);
        var elementType = StreamElementType(UnwrapTask(ResultType(member)))
            ?? throw new ArgumentException($"{member.Name} does not return an IAsyncEnumerable<T>.", nameof(member));
        var convert = (Func<object, IAsyncEnumerable<object?>>)ToObjectStream.MakeGenericMethod(elementType).CreateDelegate(typeof(Func<object, IAsyncEnumerable<object?>>));
        return async context =>
        {
            var stream = await resolver(context).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The subscribe resolver {member.Name} returned null.");
            return convert(stream);
        };
    }

    private static E Invoke(MemberInfo member, Func<IResolverContext, object>? instance, IReadOnlyCollection<string> argumentNames, Type? parentType, System.Linq.Expressions.ParameterExpression context, IReadOnlyList<ResolverParameterBinding>? bindings)
    {
        E? target = null;
        var declaringType = member.DeclaringType!;
        if (!IsStatic(member))
        {
            target = instance is null
                ? E.Call(ParentMethod.MakeGenericMethod(declaringType), context)
                : E.Convert(E.Invoke(E.Constant(instance), context), declaringType);
        }
        return member switch
        {
            MethodInfo method => E.Call(target, method, method.GetParameters().Select(p => BindParameter(p, argumentNames, parentType, context, bindings))),
            PropertyInfo property => E.Property(target, property),
            FieldInfo field => E.Field(target, field),
            _ => throw new ArgumentException($"Cannot resolve with a {member.MemberType}.", nameof(member)),
        };
    }

    private static E BindParameter(ParameterInfo parameter, IReadOnlyCollection<string> argumentNames, Type? parentType, E context, IReadOnlyList<ResolverParameterBinding>? bindings)
    {
        var type = parameter.ParameterType;
        if (bindings is not null)
        {
            foreach (var binding in bindings)
            {
                if (binding.CanBind(parameter))
                {
                    var bound = binding.Bind(parameter, context);
                    return bound.Type == type ? bound : E.Convert(bound, type);
                }
            }
        }
        if (type == typeof(IResolverContext))
        {
            return context;
        }
        if (type == typeof(CancellationToken))
        {
            return E.Property(context, nameof(IResolverContext.RequestAborted));
        }
        if (type == typeof(ISchema))
        {
            return E.Property(context, nameof(IResolverContext.Schema));
        }
        if (type == typeof(IServiceProvider))
        {
            return E.Property(context, nameof(IResolverContext.Services));
        }
        if (type == typeof(ClaimsPrincipal))
        {
            return E.Call(UserMethod, context);
        }
        if (parameter.GetCustomAttribute<GlobalStateAttribute>() is { } globalState)
        {
            return BindGlobalState(parameter, globalState, context);
        }
        if (parameter.GetCustomAttribute<ParentAttribute>() is not null || parameter.GetCustomAttribute<EventMessageAttribute>() is not null
            || (parentType is not null && type == parentType))
        {
            return E.Call(ParentMethod.MakeGenericMethod(type), context);
        }
        if (parameter.GetCustomAttribute<ServiceAttribute>() is null)
        {
            var name = parameter.GetCustomAttribute<GraphQLNameAttribute>()?.Name ?? parameter.Name!;
            foreach (var argumentName in argumentNames)
            {
                if (string.Equals(argumentName, name, StringComparison.OrdinalIgnoreCase))
                {
                    return E.Call(context, ArgumentMethod.MakeGenericMethod(type), E.Constant(argumentName));
                }
            }
        }
        return E.Call(ServiceMethod.MakeGenericMethod(type), context);
    }

    /// <summary>
    /// The key of the mark, in a field's context data, of a resolver whose value depends on who asks: one of its parameters is
    /// the user (<see cref="ClaimsPrincipal"/>) or request state (<see cref="GlobalStateAttribute"/>). Subscription event
    /// results of operations selecting such fields are not shared between subscribers.
    /// </summary>
    internal const string ReadsRequestStateKey = "Graph.GraphQL.ReadsRequestState";

    /// <summary>Whether <paramref name="member"/> is a method with a parameter bound to the user or to request state.</summary>
    internal static bool ReadsRequestState(MemberInfo? member) =>
        member is MethodInfo method && method.GetParameters().Any(static p =>
            p.ParameterType == typeof(ClaimsPrincipal) || p.IsDefined(typeof(GlobalStateAttribute), inherit: false));

    /// <summary>Reads the request state entry of a <see cref="GlobalStateAttribute"/> parameter, with what a missing entry gives decided now.</summary>
    private static E BindGlobalState(ParameterInfo parameter, GlobalStateAttribute attribute, E context)
    {
        var type = parameter.ParameterType;
        var key = attribute.Key ?? parameter.Name!;
        var missing = parameter.HasDefaultValue
            ? new MissingState(true, Configuration.OutputFieldFactory.ClrDefault(type, parameter.DefaultValue), key, parameter.Name!)
            : new MissingState(IsNullable(parameter), null, key, parameter.Name!);
        return E.Call(GlobalStateMethod.MakeGenericMethod(type), context, E.Constant(missing));
    }

    private static bool IsNullable(ParameterInfo parameter) =>
        Nullable.GetUnderlyingType(parameter.ParameterType) is not null
        || (!parameter.ParameterType.IsValueType && new NullabilityInfoContext().Create(parameter).ReadState != NullabilityState.NotNull);

    /// <summary>What a <see cref="GlobalStateAttribute"/> parameter gets when the request state has no entry for it.</summary>
    private sealed record MissingState(bool HasFallback, object? Fallback, string Key, string ParameterName);

    private static T GlobalState<T>(IResolverContext context, MissingState missing)
    {
        if (context.ContextData.TryGetValue(missing.Key, out var value))
        {
            if (value is T typed)
            {
                return typed;
            }
            if (value is null && default(T) is null)
            {
                return default!;
            }
            throw new InvalidOperationException(
                $"The request state entry \"{missing.Key}\" is {(value is null ? "null" : "a " + value.GetType().Name)}, not the {typeof(T).Name} the parameter {missing.ParameterName} of {context.Field.Coordinate} takes.");
        }
        if (missing.HasFallback)
        {
            return (T)missing.Fallback!;
        }
        throw new InvalidOperationException(
            $"The request state has no entry \"{missing.Key}\" for the parameter {missing.ParameterName} of {context.Field.Coordinate}.");
    }

    private static E ToValueTask(E call)
    {
        var type = call.Type;
        if (type == typeof(void))
        {
            return E.Block(call, E.Default(typeof(ValueTask<object?>)));
        }
        if (type == typeof(Task))
        {
            return E.Call(FromTask, call);
        }
        if (type == typeof(ValueTask))
        {
            return E.Call(FromValueTask, call);
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return E.Call(FromTaskOfT.MakeGenericMethod(type.GetGenericArguments()[0]), call);
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return E.Call(FromValueTaskOfT.MakeGenericMethod(type.GetGenericArguments()[0]), call);
        }
        return E.New(typeof(ValueTask<object?>).GetConstructor([typeof(object)])!, E.Convert(call, typeof(object)));
    }

    private static bool IsStatic(MemberInfo member) => member switch
    {
        MethodInfo m => m.IsStatic,
        PropertyInfo p => p.GetMethod?.IsStatic ?? false,
        FieldInfo f => f.IsStatic,
        _ => false,
    };

    private static Type ResultType(MemberInfo member) => member switch
    {
        MethodInfo m => m.ReturnType,
        PropertyInfo p => p.PropertyType,
        FieldInfo f => f.FieldType,
        _ => typeof(object),
    };

    private static Type UnwrapTask(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;

    private static Type? StreamElementType(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
        {
            return type.GetGenericArguments()[0];
        }
        foreach (var iface in type.GetInterfaces())
        {
            if (iface.IsGenericType && iface.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
            {
                return iface.GetGenericArguments()[0];
            }
        }
        return null;
    }

    /// <summary>
    /// <c>context.Parent&lt;T&gt;()</c> without its cost in compiled resolvers: the parent is read through the non-generic
    /// <see cref="IResolverContext.Parent()"/> (a generic virtual call is resolved at run time on every call), and only a
    /// parent of another type goes the generic way, which explains the mismatch.
    /// </summary>
    private static T ParentAs<T>(IResolverContext context) => context.Parent() is T parent ? parent : context.Parent<T>();

    private static T GetRequiredService<T>(IResolverContext context) =>
        (context is Execution.Processing.ResolverContext executing ? executing.CachedService<T>() : context.Services.GetService(typeof(T))) is T service
            ? service
            : throw new InvalidOperationException($"No service of type {typeof(T).FullName} is registered (resolving {context.Field.Coordinate}).");

    private static async ValueTask<object?> AwaitTaskOfT<T>(Task<T> task) => await task.ConfigureAwait(false);

    private static async ValueTask<object?> AwaitValueTaskOfT<T>(ValueTask<T> task) => await task.ConfigureAwait(false);

    private static async ValueTask<object?> AwaitTask(Task task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<object?> AwaitValueTask(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<object?> CollectStream<T>(object stream, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await foreach (var item in ((IAsyncEnumerable<T>)stream).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }
        return items;
    }

    private static IAsyncEnumerable<object?> AsObjectStream<T>(object stream) =>
        stream as IAsyncEnumerable<object?> ?? CastStream((IAsyncEnumerable<T>)stream);

    private static async IAsyncEnumerable<object?> CastStream<T>(IAsyncEnumerable<T> stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}
