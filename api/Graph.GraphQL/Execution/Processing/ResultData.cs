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

    private readonly List<ResultObject> _objects = [];
    private readonly List<ResultList> _lists = [];
    private int _usedObjects;
    private int _usedLists;

    /// <summary>Whether the memory is small enough to go back to the pool.</summary>
    public bool IsReusable => _objects.Count + _lists.Count <= MaxRetained;

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
    }
}
