using System.Text.Json;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Scalars;

namespace Graph.GraphQL.Execution.Processing;

/// <summary>
/// One entry of a collected field set (a response key with the field nodes merged into it) of a compiled
/// <see cref="OperationPlan"/>: the field, its resolver, its argument plan and, lazily per runtime object type, the
/// selection set of its sub-selections. Immutable once built, shared by every execution of the plan.
/// </summary>
internal sealed class Selection : ISelection
{
    private readonly OperationPlan _plan;
    private volatile ChildSet? _children;
    private System.Collections.Concurrent.ConcurrentDictionary<object, object>? _state;
    private JsonCompletion _completesAsJson;

    public Selection(OperationPlan plan, ObjectType declaringType, ObjectField field, string responseName, FieldNode[] syntaxNodes, ArgumentPlan arguments)
    {
        _plan = plan;
        DeclaringType = declaringType;
        Field = field;
        ResponseName = responseName;
        EncodedResponseName = JsonEncodedText.Encode(responseName, ResultWriter.Encoder);
        Utf8PropertyName = [(byte)'"', .. EncodedResponseName.EncodedUtf8Bytes, (byte)'"', (byte)':'];
        SyntaxNodes = syntaxNodes;
        Arguments = arguments;
        Type = field.Type;
        IsNullable = field.Type.Kind != TypeKind.NonNull;
        PureResolver = field.PureResolver;
        Resolver = field.Resolver;
        IsSynchronousResolver = field.PureResolver is null && ResolverCompiler.IsSynchronous(field.Resolver);
        if (arguments.Definitions.Count == 0)
        {
            ParentReader = ResolverCompiler.GetParentReader(field.PureResolver);
        }
        ScalarKind = field.Type.NullableType() is ListType ? ScalarKind.Other : field.Type.NamedType() switch
        {
            StringType or IdType => ScalarKind.String,
            IntType => ScalarKind.Int,
            BooleanType => ScalarKind.Boolean,
            _ => ScalarKind.Other,
        };
        IsIntrospectionRoot = field.IsIntrospectionField && field.Name != IntrospectionNames.TypeName;
        IsCompositeOrList = field.Type.NullableType() is ObjectType or ListType;
        var locations = new List<ErrorLocation>(syntaxNodes.Length);
        foreach (var node in syntaxNodes)
        {
            if (node.Location is { } location)
            {
                locations.Add(location.ToErrorLocation());
            }
        }
        Locations = locations.ToArray();
    }

    /// <summary>The object type whose selection set holds this field.</summary>
    public ObjectType DeclaringType { get; }

    public ObjectField Field { get; }

    public string ResponseName { get; }

    /// <summary>The response name, JSON-encoded once for the result writer.</summary>
    public JsonEncodedText EncodedResponseName { get; }

    /// <summary>The response name as a JSON property, quoted and followed by its colon, in UTF-8.</summary>
    public byte[] Utf8PropertyName { get; }

    /// <summary>The field nodes merged into this response key; the first one carries the arguments.</summary>
    public FieldNode[] SyntaxNodes { get; }

    public FieldNode SyntaxNode => SyntaxNodes[0];

    /// <summary>The locations of all merged field nodes (what the reference implementation reports for field errors).</summary>
    public ErrorLocation[] Locations { get; }

    public IOutputType Type { get; }

    public bool IsNullable { get; }

    public PureFieldResolverDelegate? PureResolver { get; }

    public FieldResolverDelegate Resolver { get; }

    /// <summary>
    /// Reads the field straight from the parent (a property or field of it, with no arguments and nothing wrapped around
    /// the resolver), so the executor needs no resolver context for it; null when the field needs its resolver.
    /// </summary>
    public Func<object, object?>? ParentReader { get; }

    /// <summary>Whether <see cref="Resolver"/> (there is no pure one) always returns a completed task (<see cref="ResolverCompiler.IsSynchronous"/>).</summary>
    public bool IsSynchronousResolver { get; }

    /// <summary>The built-in scalar the field returns (not in a list), whose runtime values need no serializing.</summary>
    public ScalarKind ScalarKind { get; }

    public ArgumentPlan Arguments { get; }

    /// <summary>Whether this is <c>__schema</c> or <c>__type</c>.</summary>
    public bool IsIntrospectionRoot { get; }

    /// <summary>Whether the field's type (nullable or not) is an object type or a list.</summary>
    public bool IsCompositeOrList { get; }

    /// <summary>
    /// Whether this field's values complete synchronously, so that they can be written straight as JSON: its type is a
    /// leaf, an object type without an isTypeOf check whose selections all run synchronously
    /// (<see cref="SelectionSet.RunsSynchronously"/>), or lists of those; abstract types are resolved the general way.
    /// </summary>
    public bool CompletesSynchronously
    {
        get
        {
            if (_completesAsJson == JsonCompletion.Unknown)
            {
                _completesAsJson = TypeCompletesSynchronously(Type) ? JsonCompletion.Yes : JsonCompletion.No;
            }
            return _completesAsJson == JsonCompletion.Yes;
        }
    }

    /// <summary>Whether the field runs synchronously: a pure or synchronous resolver (or a property) and values that complete synchronously.</summary>
    public bool RunsSynchronously => (PureResolver is not null || IsSynchronousResolver) && CompletesSynchronously;

    private bool TypeCompletesSynchronously(IType type)
    {
        while (true)
        {
            switch (type)
            {
                case NonNullType nonNull:
                    type = nonNull.OfType;
                    continue;
                case ListType list:
                    type = list.OfType;
                    continue;
                case ILeafType:
                    return true;
                case ObjectType objectType:
                    return objectType.IsOfTypeHandler is null && GetSelectionSet(objectType).RunsSynchronously;
                default:
                    return false;
            }
        }
    }

    /// <summary>The selection set of the sub-selections for the runtime object type <paramref name="type"/>, collected once.</summary>
    public SelectionSet GetSelectionSet(ObjectType type)
    {
        for (var entry = _children; entry is not null; entry = entry.Next)
        {
            if (ReferenceEquals(entry.Type, type))
            {
                return entry.Set;
            }
        }
        lock (this)
        {
            for (var entry = _children; entry is not null; entry = entry.Next)
            {
                if (ReferenceEquals(entry.Type, type))
                {
                    return entry.Set;
                }
            }
            var set = _plan.CollectSubfields(type, SyntaxNodes);
            _children = new ChildSet(type, set, _children);
            return set;
        }
    }

    IReadOnlyList<FieldNode> ISelection.SyntaxNodes => SyntaxNodes;

    IReadOnlyList<ISelection> ISelection.GetSelections(ObjectType type) => GetSelectionSet(type).Selections;

    public T GetOrAddState<T>(object key, Func<ISelection, T> create) where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(create);
        if (_state is null)
        {
            Interlocked.CompareExchange(ref _state, new System.Collections.Concurrent.ConcurrentDictionary<object, object>(), null);
        }
        return (T)_state.GetOrAdd(key, static (_, arg) => arg.create(arg.self), (create, self: (ISelection)this));
    }

    public override string ToString() => ResponseName + ": " + Field.Coordinate;

    private sealed class ChildSet(ObjectType type, SelectionSet set, ChildSet? next)
    {
        public ObjectType Type { get; } = type;

        public SelectionSet Set { get; } = set;

        public ChildSet? Next { get; } = next;
    }
}

/// <summary>The grouped field set of one selection set for one object type, in response order.</summary>
/// <summary>The built-in scalars whose runtime values are their serialized values (see <see cref="Selection.ScalarKind"/>).</summary>
internal enum ScalarKind : byte
{
    Other,
    String,
    Int,
    Boolean,
}

internal sealed class SelectionSet(ObjectType type, Selection[] selections)
{
    private JsonCompletion _runsSynchronously;

    public ObjectType Type { get; } = type;

    public Selection[] Selections { get; } = selections;

    /// <summary>Whether every selection runs synchronously (<see cref="Selection.RunsSynchronously"/>): the whole subtree can be written as JSON.</summary>
    public bool RunsSynchronously
    {
        get
        {
            if (_runsSynchronously == JsonCompletion.Unknown)
            {
                var all = true;
                foreach (var selection in Selections)
                {
                    if (!selection.RunsSynchronously)
                    {
                        all = false;
                        break;
                    }
                }
                _runsSynchronously = all ? JsonCompletion.Yes : JsonCompletion.No;
            }
            return _runsSynchronously == JsonCompletion.Yes;
        }
    }

    /// <summary>Whether a selection is <c>__schema</c> or <c>__type</c>.</summary>
    public bool HasIntrospectionRoot
    {
        get
        {
            foreach (var selection in Selections)
            {
                if (selection.IsIntrospectionRoot)
                {
                    return true;
                }
            }
            return false;
        }
    }
}

/// <summary>Whether a field or selection set can be completed straight into JSON, once worked out.</summary>
internal enum JsonCompletion : byte
{
    Unknown,
    Yes,
    No,
}
