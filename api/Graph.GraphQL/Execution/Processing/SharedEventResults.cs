using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Graph.GraphQL.Execution.Processing;

/// <summary>
/// The results of subscription events shared by the subscribers of one operation, when
/// <see cref="RequestExecutorOptions.ShareSubscriptionEventResults"/> is on: per event (the very object the provider
/// hands to every subscriber) and per operation (plan and variables), the first subscriber to read the event executes
/// it and writes its JSON; the others get a view of that result (<see cref="OperationResult.Shared"/>). Entries live as
/// long as the event object does.
/// </summary>
internal sealed class SharedEventResults
{
    private readonly ConditionalWeakTable<object, ConcurrentDictionary<Key, Task<(OperationResult Result, byte[] Json)>>> _events = new();

    /// <summary>
    /// The key of a subscription's variables: empty without variables, else a text that equal coerced values (in the
    /// order the operation declares them) give alike; null when a value has no faithful text form (a class of its own),
    /// and then the subscription's results are not shared.
    /// </summary>
    public static string? VariablesKey(IReadOnlyDictionary<string, object?> variables)
    {
        if (variables.Count == 0)
        {
            return string.Empty;
        }
        var key = new StringBuilder();
        return Append(key, variables) ? key.ToString() : null;
    }

    private static bool Append(StringBuilder key, object? value)
    {
        switch (value)
        {
            case null:
                key.Append("null");
                return true;
            case string text:
                key.Append('"').Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                return true;
            case bool flag:
                key.Append(flag ? "true" : "false");
                return true;
            case Enum or decimal or DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan or Guid:
            case IFormattable when value.GetType().IsPrimitive:
                key.Append(value.GetType().Name).Append(':').Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                return true;
            case IReadOnlyDictionary<string, object?> map:
                key.Append('{');
                foreach (var (name, item) in map)
                {
                    key.Append('"').Append(name).Append("\":");
                    if (!Append(key, item))
                    {
                        return false;
                    }
                    key.Append(',');
                }
                key.Append('}');
                return true;
            case System.Collections.IEnumerable list:
                key.Append('[');
                foreach (var item in list)
                {
                    if (!Append(key, item))
                    {
                        return false;
                    }
                    key.Append(',');
                }
                key.Append(']');
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The result of <paramref name="eventValue"/> for the operation <paramref name="plan"/> with these variables: executed
    /// now for <paramref name="owner"/> if no subscriber did yet, else the shared one. The execution is not cancelled
    /// with the subscriber that runs it (the others wait for it); <paramref name="cancellationToken"/> only stops waiting.
    /// </summary>
    public async ValueTask<OperationResult> GetAsync(
        object eventValue,
        OperationPlan plan,
        string variablesKey,
        SubscriptionStream owner,
        CancellationToken cancellationToken)
    {
        var results = _events.GetValue(eventValue, static _ => new ConcurrentDictionary<Key, Task<(OperationResult, byte[])>>());
        var key = new Key(plan, variablesKey);
        var owned = false;
        if (!results.TryGetValue(key, out var shared))
        {
            var mine = new TaskCompletionSource<(OperationResult, byte[])>(TaskCreationOptions.RunContinuationsAsynchronously);
            shared = results.GetOrAdd(key, mine.Task);
            if (shared == mine.Task)
            {
                owned = true;
                try
                {
                    var result = await owner.ExecuteOwnEventAsync(eventValue, CancellationToken.None).ConfigureAwait(false);
                    var json = new ArrayBufferWriter<byte>(256);
                    ResultWriter.Write(result, json);
                    mine.SetResult((result, json.WrittenSpan.ToArray()));
                }
                catch (Exception e)
                {
                    mine.SetException(e);
                }
            }
        }
        OperationResult source;
        byte[] bytes;
        try
        {
            (source, bytes) = shared.IsCompleted ? await shared.ConfigureAwait(false) : await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!owned && !cancellationToken.IsCancellationRequested)
        {
            // The subscriber that ran the shared execution failed in a way of its own (its request's services were
            // disposed as it left, say): this one executes the event for itself, as without sharing.
            return await owner.ExecuteOwnEventAsync(eventValue, cancellationToken).ConfigureAwait(false);
        }
        return OperationResult.Shared(source, bytes);
    }

    private readonly record struct Key(OperationPlan Plan, string Variables);
}
