using System.Text.Json;

namespace Graph.GraphQL.Subscriptions;

/// <summary>
/// An event that arrived as JSON (PostgreSQL provider). Each subscriber reads it as its own message type; the value is
/// deserialised once per type and shared by the subscribers asking for that type, as the in-memory provider shares the
/// sent object.
/// </summary>
internal sealed class SerializedMessage(JsonElement payload, JsonSerializerOptions options)
{
    private readonly Lock _sync = new();
    private Type? _firstType;
    private object? _firstValue;
    private Dictionary<Type, object?>? _others;

    /// <summary>The event's JSON.</summary>
    public JsonElement Payload { get; } = payload;

    /// <summary>The event as <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The JSON does not fit <typeparamref name="T"/>.</exception>
    public T Deserialize<T>()
    {
        lock (_sync)
        {
            if (_firstType == typeof(T))
            {
                return (T)_firstValue!;
            }
            if (_others is not null && _others.TryGetValue(typeof(T), out var cached))
            {
                return (T)cached!;
            }
            var value = Payload.Deserialize<T>(options);
            if (_firstType is null)
            {
                _firstType = typeof(T);
                _firstValue = value;
            }
            else
            {
                (_others ??= [])[typeof(T)] = value;
            }
            return value!;
        }
    }
}
