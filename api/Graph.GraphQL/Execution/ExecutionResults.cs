using System.Buffers;
using Graph.GraphQL.Execution.Processing;

namespace Graph.GraphQL.Execution;

/// <summary>What kind of result an execution produced.</summary>
public enum ExecutionResultKind
{
    /// <summary>One <see cref="OperationResult"/> (queries, mutations and requests that failed before execution).</summary>
    SingleResult,

    /// <summary>A <see cref="ResponseStream"/> of results (subscriptions).</summary>
    SubscriptionResult,
}

/// <summary>The result of executing a GraphQL request: an <see cref="OperationResult"/> or a <see cref="ResponseStream"/>.</summary>
public interface IExecutionResult : IAsyncDisposable
{
    /// <summary>Whether this is a single result or a stream.</summary>
    ExecutionResultKind Kind { get; }

    /// <summary>The request state the pipeline left for the transport (never serialised).</summary>
    IReadOnlyDictionary<string, object?>? ContextData { get; }
}

/// <summary>
/// One GraphQL response: <c>errors</c>, <c>data</c> and <c>extensions</c> as the spec's Response section describes them.
/// A request error result (syntax, validation, variable coercion, operation resolution) has no <c>data</c> entry
/// (<see cref="HasData"/> is false); an execution result always has one, possibly <c>null</c>.
/// </summary>
/// <remarks>
/// Disposing the result recycles the memory of <see cref="Data"/> for the next request: read or write the result
/// (<see cref="WriteTo(IBufferWriter{byte}, bool)"/>) first, and keep no reference to its data afterwards.
/// </remarks>
public sealed class OperationResult : IExecutionResult, IDisposable
{
    private ResultMemory? _memory;
    private ObjectPool<ResultMemory>? _pool;

    /// <summary>Creates an execution result (with a <c>data</c> entry, which may be null).</summary>
    public OperationResult(
        IReadOnlyDictionary<string, object?>? data,
        IReadOnlyList<GraphQLError>? errors = null,
        IReadOnlyDictionary<string, object?>? extensions = null,
        IReadOnlyDictionary<string, object?>? contextData = null)
        : this(data, true, errors, extensions, contextData)
    {
    }

    private OperationResult(
        IReadOnlyDictionary<string, object?>? data,
        bool hasData,
        IReadOnlyList<GraphQLError>? errors,
        IReadOnlyDictionary<string, object?>? extensions,
        IReadOnlyDictionary<string, object?>? contextData)
    {
        Data = data;
        HasData = hasData;
        Errors = errors is { Count: > 0 } ? errors : null;
        Extensions = extensions is { Count: > 0 } ? extensions : null;
        ContextData = contextData;
    }

    /// <summary>A request error result: errors and no <c>data</c> entry.</summary>
    public static OperationResult FromErrors(IReadOnlyList<GraphQLError> errors, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A request error result needs at least one error.", nameof(errors));
        }
        return new OperationResult(null, false, errors, extensions, null);
    }

    /// <inheritdoc cref="FromErrors(IReadOnlyList{GraphQLError}, IReadOnlyDictionary{string, object?}?)"/>
    public static OperationResult FromError(GraphQLError error) => FromErrors([error]);

    internal static OperationResult FromExecution(ResultObject? data, IReadOnlyList<GraphQLError>? errors, ResultMemory memory, ObjectPool<ResultMemory> pool, bool endsSubscription = false) =>
        new(data, true, errors, null, null) { _memory = memory, _pool = pool, EndsSubscription = endsSubscription };

    /// <summary>Whether this result of a subscription event is the stream's last (the user may no longer have the subscription).</summary>
    internal bool EndsSubscription { get; private init; }

    /// <summary>
    /// A subscriber's view of a result shared by several (<see cref="RequestExecutorOptions.ShareSubscriptionEventResults"/>):
    /// the same data, errors and extensions, and the JSON written once, which <see cref="ResultWriter"/> copies as it is.
    /// The shared result is never disposed (its memory is left to the GC), so its data stays valid; disposing a view
    /// does nothing.
    /// </summary>
    internal static OperationResult Shared(OperationResult source, byte[] json) =>
        new(source.Data, source.HasData, source.Errors, source.Extensions, source.ContextData) { Json = json };

    /// <summary>The JSON of a shared result, written once (null for other results).</summary>
    internal byte[]? Json { get; private init; }

    /// <inheritdoc />
    public ExecutionResultKind Kind => ExecutionResultKind.SingleResult;

    /// <summary>The <c>data</c> entry: the response objects in response-key order (lists are <see cref="IReadOnlyList{T}"/>).</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; }

    /// <summary>Whether the response has a <c>data</c> entry: false for request errors, true once execution started.</summary>
    public bool HasData { get; }

    /// <summary>The <c>errors</c> entry, or null when there are none.</summary>
    public IReadOnlyList<GraphQLError>? Errors { get; internal set; }

    /// <summary>The <c>extensions</c> entry, or null.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; private set; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?>? ContextData { get; }

    /// <summary>Adds (or replaces) an entry of <see cref="Extensions"/>.</summary>
    internal void AddExtension(string key, object? value)
    {
        var extensions = Extensions is null
            ? new Dictionary<string, object?>(StringComparer.Ordinal)
            : new Dictionary<string, object?>(Extensions, StringComparer.Ordinal);
        extensions[key] = value;
        Extensions = extensions;
    }

    /// <summary>Writes the response as UTF-8 JSON: <c>errors</c> first (as the spec suggests), then <c>data</c>, then <c>extensions</c>.</summary>
    public void WriteTo(IBufferWriter<byte> output, bool indented = false) => ResultWriter.Write(this, output, indented);

    /// <summary>Writes the response as UTF-8 JSON to <paramref name="output"/>.</summary>
    public void WriteTo(Stream output, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new PooledBufferWriter();
        try
        {
            ResultWriter.Write(this, buffer, indented);
            output.Write(buffer.WrittenSpan);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>Writes the response as UTF-8 JSON to <paramref name="output"/> asynchronously.</summary>
    public async ValueTask WriteToAsync(Stream output, bool indented = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new PooledBufferWriter();
        try
        {
            ResultWriter.Write(this, buffer, indented);
            await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>The response as a JSON string.</summary>
    public string ToJson(bool indented = false)
    {
        var buffer = new PooledBufferWriter();
        try
        {
            ResultWriter.Write(this, buffer, indented);
            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    public override string ToString() => ToJson(indented: true);

    /// <summary>Recycles the memory of <see cref="Data"/>; the data must not be read afterwards.</summary>
    public void Dispose()
    {
        var memory = Interlocked.Exchange(ref _memory, null);
        if (memory is not null && memory.IsReusable)
        {
            memory.Reset();
            _pool!.Return(memory);
        }
    }

    /// <summary>Same as <see cref="Dispose"/>.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The results of a subscription: one <see cref="OperationResult"/> per event of the source stream.</summary>
/// <remarks>Enumerate it once. Disposing it (or cancelling the enumeration) disposes the source stream.</remarks>
public abstract class ResponseStream : IExecutionResult, IAsyncEnumerable<OperationResult>
{
    /// <inheritdoc />
    public ExecutionResultKind Kind => ExecutionResultKind.SubscriptionResult;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?>? ContextData { get; init; }

    /// <summary>The results, one per source event, until the source completes or the stream is disposed.</summary>
    public abstract IAsyncEnumerable<OperationResult> ReadResultsAsync();

    /// <summary>Enumerates <see cref="ReadResultsAsync"/>.</summary>
    public IAsyncEnumerator<OperationResult> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadResultsAsync().GetAsyncEnumerator(cancellationToken);

    /// <summary>Stops the stream: cancels and disposes the source stream and the request's resources.</summary>
    public abstract ValueTask DisposeAsync();
}

/// <summary>Helpers to read execution results.</summary>
public static class ExecutionResultExtensions
{
    /// <summary>The result as an <see cref="OperationResult"/>; throws when it is a stream.</summary>
    public static OperationResult ExpectOperationResult(this IExecutionResult result) => result as OperationResult
        ?? throw new InvalidOperationException($"Expected a single operation result, but the result is a {result?.Kind}.");

    /// <summary>The result as a <see cref="ResponseStream"/>; throws when it is a single result.</summary>
    public static ResponseStream ExpectResponseStream(this IExecutionResult result) => result as ResponseStream
        ?? throw new InvalidOperationException(result is OperationResult single
            ? "Expected a response stream, but the result is a single result: " + single.ToJson()
            : "Expected a response stream.");

    /// <summary>The JSON of a single result (see <see cref="OperationResult.ToJson"/>).</summary>
    public static string ToJson(this IExecutionResult result, bool indented = false) => result.ExpectOperationResult().ToJson(indented);
}

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>: a result is written whole
/// into it (the HTTP transport then sends it with a <c>Content-Length</c> in one write). Dispose returns the array.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(count), "Advanced past the end of the buffer.");
        }
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }
        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + sizeHint));
        _buffer.AsSpan(0, _written).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }

    public void Dispose()
    {
        _written = 0;
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
