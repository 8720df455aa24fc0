using System.Buffers;
using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Graph.GraphQL.Execution.Processing;

/// <summary>
/// A container of the response tree being built: an object (one slot per selection) or a list (one slot per item).
/// Containers know their parent and their slot in it, so that null propagation and error paths walk up without a
/// separate path object per field. Recycled through <see cref="ResultMemory"/> when the result is disposed.
/// </summary>
internal abstract class ResultData
{
    public ResultData? Parent { get; protected set; }

    public int ParentIndex { get; protected set; }

    /// <summary>Set when a non-null slot of this container became null: the container is replaced by null above.</summary>
    public bool IsInvalidated { get; set; }

    public abstract bool IsNullable(int index);

    public abstract void SetValue(int index, object? value);

    /// <summary>Whether this container or one above it was replaced by null (its pending work is then moot).</summary>
    public bool IsDetached()
    {
        for (ResultData? data = this; data is not null; data = data.Parent)
        {
            if (data.IsInvalidated)
            {
                return true;
            }
        }
        return false;
    }

    public abstract void Clear();
}

/// <summary>A response object: the values of a selection set's selections, in response order.</summary>
internal sealed class ResultObject : ResultData, IReadOnlyDictionary<string, object?>
{
    private object?[] _values = [];
    private Selection[] _selections = [];

    public SelectionSet SelectionSet { get; private set; } = null!;

    public int Count => _selections.Length;

    internal Selection[] Selections => _selections;

    internal object?[] Values => _values;

    public void Initialize(SelectionSet selectionSet, ResultData? parent, int parentIndex)
    {
        SelectionSet = selectionSet;
        _selections = selectionSet.Selections;
        if (_values.Length < _selections.Length)
        {
            _values = new object?[_selections.Length];
        }
        Parent = parent;
        ParentIndex = parentIndex;
        IsInvalidated = false;
    }

    public override bool IsNullable(int index) => _selections[index].IsNullable;

    public override void SetValue(int index, object? value) => _values[index] = value;

    public override void Clear()
    {
        Array.Clear(_values, 0, Math.Min(_values.Length, _selections.Length));
        _selections = [];
        SelectionSet = null!;
        Parent = null;
    }

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The result has no entry \"{key}\".");

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var selection in _selections)
            {
                yield return selection.ResponseName;
            }
        }
    }

    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values
    {
        get
        {
            for (var i = 0; i < _selections.Length; i++)
            {
                yield return _values[i];
            }
        }
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _selections.Length; i++)
        {
            yield return new KeyValuePair<string, object?>(_selections[i].ResponseName, _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < _selections.Length; i++)
        {
            if (string.Equals(_selections[i].ResponseName, key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}

/// <summary>A response list: the completed items of a list field.</summary>
internal sealed class ResultList : ResultData, IReadOnlyList<object?>
{
    private object?[] _items = [];
    private bool _isItemNullable;

    public int Count { get; private set; }

    internal object?[] Items => _items;

    public void Initialize(ResultData parent, int parentIndex, bool isItemNullable, int capacity)
    {
        Parent = parent;
        ParentIndex = parentIndex;
        IsInvalidated = false;
        _isItemNullable = isItemNullable;
        Count = 0;
        if (_items.Length < capacity)
        {
            _items = new object?[capacity];
        }
    }

    /// <summary>Appends an empty slot and returns its index.</summary>
    public int AddSlot()
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, _items.Length * 2));
        }
        return Count++;
    }

    public override bool IsNullable(int index) => _isItemNullable;

    public override void SetValue(int index, object? value) => _items[index] = value;

    public override void Clear()
    {
        Array.Clear(_items, 0, Count);
        Count = 0;
        Parent = null;
    }

    public object? this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<object?> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The containers of one result: handed out in order while executing and kept for reuse once the result is disposed,
/// so a repeated operation reuses the same objects and arrays instead of allocating them again.
/// </summary>
internal sealed class ResultMemory
{
    private const int MaxRetained = 16_384;

    private const int MaxRetainedJson = 1 << 20;

    private readonly List<ResultObject> _objects = [];
    private readonly List<ResultList> _lists = [];
    private readonly List<RawJson> _rawJson = [];
    private JsonBuffer? _json;
    private int _usedObjects;
    private int _usedLists;
    private int _usedRawJson;

    /// <summary>Whether the memory is small enough to go back to the pool.</summary>
    public bool IsReusable => _objects.Count + _lists.Count + _rawJson.Count <= MaxRetained;

    /// <summary>The JSON of the subtrees completed straight into JSON (see <see cref="RawJson"/>).</summary>
    public JsonBuffer Json => _json ??= new JsonBuffer();

    /// <summary>A value standing for the bytes <paramref name="start"/>..+<paramref name="length"/> of <see cref="Json"/>.</summary>
    public RawJson RentRawJson(int start, int length)
    {
        RawJson result;
        if (_usedRawJson < _rawJson.Count)
        {
            result = _rawJson[_usedRawJson];
        }
        else
        {
            result = new RawJson(Json);
            _rawJson.Add(result);
        }
        _usedRawJson++;
        result.Start = start;
        result.Length = length;
        return result;
    }

    public ResultObject RentObject(SelectionSet selectionSet, ResultData? parent, int parentIndex)
    {
        ResultObject result;
        if (_usedObjects < _objects.Count)
        {
            result = _objects[_usedObjects];
        }
        else
        {
            result = new ResultObject();
            _objects.Add(result);
        }
        _usedObjects++;
        result.Initialize(selectionSet, parent, parentIndex);
        return result;
    }

    public ResultList RentList(ResultData parent, int parentIndex, bool isItemNullable, int capacity)
    {
        ResultList result;
        if (_usedLists < _lists.Count)
        {
            result = _lists[_usedLists];
        }
        else
        {
            result = new ResultList();
            _lists.Add(result);
        }
        _usedLists++;
        result.Initialize(parent, parentIndex, isItemNullable, capacity);
        return result;
    }

    /// <summary>Clears the containers handed out, keeping them for the next result.</summary>
    public void Reset()
    {
        for (var i = 0; i < _usedObjects; i++)
        {
            _objects[i].Clear();
        }
        for (var i = 0; i < _usedLists; i++)
        {
            _lists[i].Clear();
        }
        _usedObjects = 0;
        _usedLists = 0;
        _usedRawJson = 0;
        _json?.Reset(MaxRetainedJson);
    }
}

/// <summary>
/// A completed value written as JSON (a subtree that ran synchronously, see <see cref="OperationContext"/>): a slice of
/// its result's <see cref="JsonBuffer"/>, which the result writers copy as it is.
/// </summary>
internal sealed class RawJson(JsonBuffer buffer)
{
    public int Start { get; set; }

    public int Length { get; set; }

    public ReadOnlySpan<byte> Span => buffer.WrittenSpan.Slice(Start, Length);
}

/// <summary>
/// The growable byte buffer the JSON subtrees of a result are written to: an <see cref="IBufferWriter{T}"/> whose written
/// count can also be moved back (a subtree replaced by null drops what it wrote). The array comes from
/// <see cref="ArrayPool{T}.Shared"/>.
/// </summary>
internal sealed class JsonBuffer : IBufferWriter<byte>
{
    private byte[] _array = [];

    /// <summary>The number of bytes written; setting it lower drops the bytes after it.</summary>
    public int Count { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, Count);

    /// <summary>Drops the bytes from <paramref name="position"/> on.</summary>
    public void Rewind(int position)
    {
        if ((uint)position > (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(position));
        }
        Count = position;
    }

    public void Advance(int count)
    {
        if (count < 0 || Count + count > _array.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }
        Count += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(Count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(Count);
    }

    /// <summary>Empties the buffer for the next result, returning its array to the pool when it grew past <paramref name="maxRetained"/>.</summary>
    public void Reset(int maxRetained)
    {
        Count = 0;
        if (_array.Length > maxRetained)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = Count + Math.Max(sizeHint, 1);
        if (needed <= _array.Length)
        {
            return;
        }
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(_array.Length * 2, 4096)));
        _array.AsSpan(0, Count).CopyTo(larger);
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }
        _array = larger;
    }
}
