using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Execution.Caching;

/// <summary>The SHA-256 of a document's UTF-8 text, as a value (no allocation to compute or compare).</summary>
internal readonly record struct DocumentKey(ulong A, ulong B, ulong C, ulong D)
{
    public static DocumentKey Compute(string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer[..length], hash);
            return new DocumentKey(
                BinaryPrimitives.ReadUInt64BigEndian(hash),
                BinaryPrimitives.ReadUInt64BigEndian(hash[8..]),
                BinaryPrimitives.ReadUInt64BigEndian(hash[16..]),
                BinaryPrimitives.ReadUInt64BigEndian(hash[24..]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The key of a SHA-256 written as 64 hex digits.</summary>
    public static DocumentKey Parse(string hex)
    {
        Span<byte> hash = stackalloc byte[32];
        if (hex.Length != 64 || Convert.FromHexString(hex, hash, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            throw new FormatException("A document key is 64 hex digits.");
        }
        return new DocumentKey(
            BinaryPrimitives.ReadUInt64BigEndian(hash),
            BinaryPrimitives.ReadUInt64BigEndian(hash[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(hash[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(hash[24..]));
    }

    /// <summary>The hash as 64 lower-case hex digits.</summary>
    public override string ToString() => string.Create(64, this, static (span, key) =>
    {
        key.A.TryFormat(span, out _, "x16");
        key.B.TryFormat(span[16..], out _, "x16");
        key.C.TryFormat(span[32..], out _, "x16");
        key.D.TryFormat(span[48..], out _, "x16");
    });
}

/// <summary>
/// The parsed documents of an executor by the hash of their text, least recently used evicted first. What was learnt
/// about a document (validation errors, compiled operations) hangs off the document node (see <see cref="DocumentInfo"/>),
/// so it lives exactly as long as the document is reachable.
/// </summary>
internal sealed class DocumentCache(int capacity)
{
    private readonly object _sync = new();
    private readonly Dictionary<DocumentKey, LinkedListNode<(DocumentKey Key, DocumentNode Document)>> _entries = [];
    private readonly LinkedList<(DocumentKey Key, DocumentNode Document)> _order = new();
    // The keys of recent texts: looking a text up costs less than its SHA-256. Emptied when full.
    private readonly Dictionary<string, DocumentKey> _keys = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(DocumentKey key, out DocumentNode? document)
    {
        lock (_sync)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                if (node != _order.First)
                {
                    _order.Remove(node);
                    _order.AddFirst(node);
                }
                document = node.Value.Document;
                return true;
            }
        }
        document = null;
        return false;
    }

    /// <summary>The key of <paramref name="text"/>, computed once per text while the cache remembers it.</summary>
    public DocumentKey KeyOf(string text)
    {
        lock (_sync)
        {
            if (_keys.TryGetValue(text, out var known))
            {
                return known;
            }
        }
        var key = DocumentKey.Compute(text);
        if (capacity > 0)
        {
            lock (_sync)
            {
                if (_keys.Count >= capacity)
                {
                    _keys.Clear();
                }
                _keys[text] = key;
            }
        }
        return key;
    }

    public void Add(DocumentKey key, DocumentNode document) => GetOrAdd(key, document);

    /// <summary>
    /// The document cached for <paramref name="key"/>, else <paramref name="document"/>, now cached: requests that
    /// parsed the same text at the same time end up with one document, and so with one validation and one compiled
    /// operation (and subscribers of one document share their events' results).
    /// </summary>
    public DocumentNode GetOrAdd(DocumentKey key, DocumentNode document)
    {
        if (capacity <= 0)
        {
            return document;
        }
        lock (_sync)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                return existing.Value.Document;
            }
            _entries[key] = _order.AddFirst((key, document));
            while (_entries.Count > capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _entries.Remove(last.Value.Key);
            }
        }
        return document;
    }
}

/// <summary>What the executor learnt about one document: its validation errors and its compiled operations.</summary>
internal sealed class DocumentInfo
{
    private static readonly ConditionalWeakTable<DocumentNode, DocumentInfo> Infos = new();

    private readonly object _sync = new();
    private Operation? _single;
    private Dictionary<string, Operation>? _named;

    /// <summary>The validation errors (empty when valid), or null before validation.</summary>
    public volatile IReadOnlyList<GraphQLError>? ValidationErrors;

    /// <summary>The schema <see cref="ValidationErrors"/> and the operations belong to.</summary>
    private ISchema? _schema;

    /// <summary>The info of <paramref name="document"/> for <paramref name="schema"/> (a document executed against another schema starts over).</summary>
    public static DocumentInfo Get(DocumentNode document, ISchema schema)
    {
        var info = Infos.GetValue(document, static _ => new DocumentInfo());
        if (!ReferenceEquals(info._schema, schema))
        {
            lock (info._sync)
            {
                if (!ReferenceEquals(info._schema, schema))
                {
                    info.ValidationErrors = null;
                    info._single = null;
                    info._named = null;
                    info._schema = schema;
                }
            }
        }
        return info;
    }

    public Operation? GetOperation(string? name)
    {
        lock (_sync)
        {
            return name is null ? _single : _named is not null && _named.TryGetValue(name, out var operation) ? operation : null;
        }
    }

    public void SetOperation(string? name, Operation operation)
    {
        lock (_sync)
        {
            if (name is null)
            {
                _single = operation;
            }
            else
            {
                (_named ??= new Dictionary<string, Operation>(StringComparer.Ordinal))[name] = operation;
            }
        }
    }
}
