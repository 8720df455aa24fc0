using System.Collections;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Graph.GraphQL.Types;

/// <summary>
/// An immutable, ordered collection of named members (fields, arguments, input fields, enum values)
/// with a frozen name index for lookups.
/// </summary>
public sealed class FieldCollection<T> : IFieldCollection<T>
    where T : class, INamedMember
{
    private readonly T[] _items;
    private readonly FrozenDictionary<string, T> _byName;

    /// <summary>Creates the collection; later duplicates of a name are kept in order but not indexed.</summary>
    public FieldCollection(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = items.ToArray();
        var byName = new Dictionary<string, T>(_items.Length, StringComparer.Ordinal);
        foreach (var item in _items)
        {
            byName.TryAdd(item.Name, item);
        }
        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>An empty collection.</summary>
    public static FieldCollection<T> Empty { get; } = new([]);

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public T this[string name] => _byName.TryGetValue(name, out var item)
        ? item
        : throw new KeyNotFoundException($"No member named \"{name}\".");

    /// <summary>Looks a member up by name.</summary>
    public bool TryGetField(string name, [NotNullWhen(true)] out T? field) => _byName.TryGetValue(name, out field);

    public bool ContainsName(string name) => _byName.ContainsKey(name);

    public T? Find(string name) => _byName.TryGetValue(name, out var item) ? item : null;

    /// <summary>A struct enumerator, to iterate without allocating.</summary>
    public ReadOnlySpan<T>.Enumerator GetEnumerator() => new ReadOnlySpan<T>(_items).GetEnumerator();

    /// <summary>The members as a span.</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
