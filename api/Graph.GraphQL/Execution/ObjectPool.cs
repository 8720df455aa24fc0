namespace Graph.GraphQL.Execution;

/// <summary>A small bounded, lock-free pool of reusable objects (objects beyond the bound are left to the GC).</summary>
internal sealed class ObjectPool<T>(Func<T> factory, int size = 16)
    where T : class
{
    private readonly T?[] _items = new T?[size];

    public T Rent()
    {
        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            if (item is not null && Interlocked.CompareExchange(ref items[i], null, item) == item)
            {
                return item;
            }
        }
        return factory();
    }

    public void Return(T item)
    {
        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is null && Interlocked.CompareExchange(ref items[i], item, null) is null)
            {
                return;
            }
        }
    }
}
