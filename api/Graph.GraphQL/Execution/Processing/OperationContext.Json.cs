using System.Collections;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Scalars;

namespace Graph.GraphQL.Execution.Processing;

/// <summary>
/// JSON subtrees. When the caller only writes the result (<see cref="OperationRequest.IsResultWriteOnly"/>), a field whose
/// value completes synchronously (<see cref="Selection.CompletesSynchronously"/>: properties, pure resolvers and methods
/// that return no task; leaves, object types without isTypeOf, lists) is completed straight into its result's
/// <see cref="JsonBuffer"/> instead of into result containers that the writer walks afterwards: the slot gets a <see cref="RawJson"/> the writers copy.
/// Completion follows the general path step for step (same order, same errors, messages, locations and paths); a null in
/// a non-null position drops the bytes of the container it nulls and continues at its parent, as
/// <see cref="PropagateNull"/> does, and leaves the subtree for the general path's propagation when it reaches the
/// field's own slot.
/// </summary>
internal sealed partial class OperationContext
{
    private static readonly byte[] NullBytes = "null"u8.ToArray();

    private CompactResultWriter? _json;
    // The path below the JSON subtree's slot: per level the index of a selection of an object's selection set, or of an
    // item of a list (selection set null). Set once per container, so that a field costs an integer store.
    private SelectionSet?[] _jsonSets = new SelectionSet?[16];
    private int[] _jsonItems = new int[16];
    private int _jsonDepth;
    private ResultData _jsonContainer = null!;
    private int _jsonIndex;

    /// <summary>Completes <paramref name="value"/> (not null, no error) of <paramref name="selection"/> into JSON and stores it at the slot.</summary>
    private void CompleteFieldAsJson(Selection selection, object value, ResultData container, int index)
    {
        var buffer = _memory.Json;
        var writer = _json ??= new CompactResultWriter();
        writer.Attach(buffer);
        _jsonContainer = container;
        _jsonIndex = index;
        _jsonDepth = 0;
        bool completed;
        int start, end;
        try
        {
            start = writer.Position;
            completed = CompleteFieldValueAsJson(writer, selection, value);
            end = writer.Position;
        }
        finally
        {
            writer.Release();
            _jsonContainer = null!;
        }
        if (completed)
        {
            container.SetValue(index, _memory.RentRawJson(start, end - start));
        }
        else
        {
            buffer.Rewind(start);
            PropagateNull(container, index);
        }
    }

    /// <summary>
    /// Completes a field's value, reporting what escapes completion (an iterable that throws) at the field, as
    /// <see cref="CompleteField"/> does. False when the value is null in a non-null position.
    /// </summary>
    private bool CompleteFieldValueAsJson(CompactResultWriter writer, Selection selection, object? value)
    {
        var start = writer.Position;
        var depth = _jsonDepth;
        try
        {
            return CompleteValueAsJson(writer, selection, selection.Type, value);
        }
        catch (Exception ex) when (!IsAbort(ex))
        {
            _jsonDepth = depth;
            writer.Rewind(start);
            AddErrors(ex, selection.Locations, CreateJsonPath());
            return WriteNullAsJson(writer, selection.IsNullable);
        }
    }

    /// <summary>CompleteValue into JSON; false when the value is null in a non-null position (the error is reported).</summary>
    private bool CompleteValueAsJson(CompactResultWriter writer, Selection selection, IType type, object? value)
    {
        var isNullable = type.Kind != TypeKind.NonNull;
        switch (value)
        {
            case GraphQLError error:
                AddError(Locate(error, selection.Locations, CreateJsonPath()));
                return WriteNullAsJson(writer, isNullable);
            case Exception exception:
                AddErrors(exception, selection.Locations, CreateJsonPath());
                return WriteNullAsJson(writer, isNullable);
        }

        if (type is NonNullType nonNull)
        {
            if (value is null)
            {
                AddError(Locate(NonNullError(selection), selection.Locations, CreateJsonPath()));
                return false;
            }
            type = nonNull.OfType;
        }
        else if (value is null)
        {
            writer.WriteRaw(NullBytes);
            return true;
        }

        switch (type)
        {
            case ILeafType leaf:
                return CompleteLeafAsJson(writer, selection, leaf, value, isNullable);
            case ObjectType objectType:
                return ExecuteSelectionSetAsJson(writer, selection.GetSelectionSet(objectType), value) || WriteNullAsJson(writer, isNullable);
            case ListType list:
                return CompleteListAsJson(writer, selection, list, value, isNullable);
            default:
                throw new InvalidOperationException($"The type {type} of {selection.Field.Coordinate} does not complete synchronously.");
        }
    }

    private bool CompleteLeafAsJson(CompactResultWriter writer, Selection selection, ILeafType leaf, object value, bool isNullable)
    {
        if (value is string text && leaf is StringType or IdType)
        {
            writer.WriteString(text);
            return true;
        }
        if (value is int number && leaf is IntType)
        {
            writer.WriteInt(number);
            return true;
        }
        object? serialized;
        if (value is bool ? leaf is BooleanType : value is double d && leaf is FloatType && double.IsFinite(d))
        {
            serialized = value;
        }
        else
        {
            try
            {
                serialized = leaf.Serialize(value);
            }
            catch (SerializationException ex)
            {
                AddError(Locate(new GraphQLError(ex.Message, exception: ex), selection.Locations, CreateJsonPath()));
                return WriteNullAsJson(writer, isNullable);
            }
            if (serialized is null)
            {
                AddError(Locate(SerializedNullError(leaf, value), selection.Locations, CreateJsonPath()));
                return WriteNullAsJson(writer, isNullable);
            }
        }
        writer.WriteValue(serialized);
        return true;
    }

    private bool CompleteListAsJson(CompactResultWriter writer, Selection selection, ListType listType, object value, bool isNullable)
    {
        if (value is string or IReadOnlyDictionary<string, object?> or IDictionary || value is not IEnumerable enumerable)
        {
            AddError(Locate(NotIterableError(selection), selection.Locations, CreateJsonPath()));
            return WriteNullAsJson(writer, isNullable);
        }
        var itemType = listType.OfType;
        var start = writer.Position;
        writer.WriteRawByte((byte)'[');
        var depth = Push(null);
        if (value is IList list)
        {
            var count = list.Count;
            for (var i = 0; i < count; i++)
            {
                if (!CompleteItemAsJson(writer, selection, itemType, list[i], depth, i))
                {
                    _jsonDepth = depth;
                    writer.Rewind(start);
                    return WriteNullAsJson(writer, isNullable);
                }
            }
        }
        else
        {
            var i = 0;
            foreach (var item in enumerable)
            {
                if (!CompleteItemAsJson(writer, selection, itemType, item, depth, i++))
                {
                    _jsonDepth = depth;
                    writer.Rewind(start);
                    return WriteNullAsJson(writer, isNullable);
                }
            }
        }
        _jsonDepth = depth;
        writer.WriteRawByte((byte)']');
        return true;
    }

    /// <summary>One list item (at path level <paramref name="depth"/>); what it throws is reported at the item, as <see cref="CompleteItem"/> does.</summary>
    private bool CompleteItemAsJson(CompactResultWriter writer, Selection selection, IType itemType, object? item, int depth, int index)
    {
        if (index > 0)
        {
            writer.WriteRawByte((byte)',');
        }
        _jsonItems[depth] = index;
        _jsonDepth = depth + 1;
        var start = writer.Position;
        try
        {
            return CompleteValueAsJson(writer, selection, itemType, item);
        }
        catch (Exception ex) when (!IsAbort(ex))
        {
            _jsonDepth = depth + 1;
            writer.Rewind(start);
            AddErrors(ex, selection.Locations, CreateJsonPath());
            return WriteNullAsJson(writer, itemType.Kind != TypeKind.NonNull);
        }
    }

    /// <summary>ExecuteSelectionSet into JSON; false when a non-null field is null (the object is then null, its bytes dropped).</summary>
    private bool ExecuteSelectionSetAsJson(CompactResultWriter writer, SelectionSet selectionSet, object parent)
    {
        RequestAborted.ThrowIfCancellationRequested();
        var start = writer.Position;
        writer.WriteRawByte((byte)'{');
        var depth = Push(selectionSet);
        var selections = selectionSet.Selections;
        for (var i = 0; i < selections.Length; i++)
        {
            var selection = selections[i];
            if (i > 0)
            {
                writer.WriteRawByte((byte)',');
            }
            writer.WriteRaw(selection.Utf8PropertyName);
            _jsonItems[depth] = i;
            _jsonDepth = depth + 1;
            if (!ExecuteFieldAsJson(writer, selection, parent))
            {
                _jsonDepth = depth;
                writer.Rewind(start);
                return false;
            }
        }
        _jsonDepth = depth;
        writer.WriteRawByte((byte)'}');
        return true;
    }

    /// <summary>ExecuteField into JSON: a property read (strings, integers and booleans written as they are) or the pure or synchronous resolver.</summary>
    private bool ExecuteFieldAsJson(CompactResultWriter writer, Selection selection, object parent)
    {
        object? value;
        if (selection.ParentReader is { } reader)
        {
            try
            {
                value = reader(parent);
            }
            catch (Exception ex) when (!IsAbort(ex))
            {
                AddErrors(ex, selection.Locations, CreateJsonPath());
                return WriteNullAsJson(writer, selection.IsNullable);
            }
            if (!ReferenceEquals(value, ResolverCompiler.NotRead))
            {
                switch (selection.ScalarKind)
                {
                    case ScalarKind.String when value is string text:
                        writer.WriteString(text);
                        return true;
                    case ScalarKind.Int when value is int number:
                        writer.WriteInt(number);
                        return true;
                    case ScalarKind.Boolean when value is bool flag:
                        writer.WriteRaw(flag ? "true"u8 : "false"u8);
                        return true;
                }
                return CompleteFieldValueAsJson(writer, selection, value);
            }
        }

        var context = RentContextInJson(selection, parent);
        try
        {
            try
            {
                context.Arguments = selection.Arguments.StaticValues ?? selection.Arguments.Coerce(Variables);
                value = selection.PureResolver is { } pure ? pure(context) : ResultOfSynchronous(selection.Resolver(context));
            }
            catch (Exception ex) when (!IsAbort(ex))
            {
                AddErrors(ex, selection.Locations, CreateJsonPath());
                return WriteNullAsJson(writer, selection.IsNullable);
            }
            return CompleteFieldValueAsJson(writer, selection, value);
        }
        finally
        {
            ReturnContext(context);
        }
    }

    /// <summary>The value of a synchronous resolver's task (<see cref="Selection.IsSynchronousResolver"/>), which is always completed.</summary>
    private static object? ResultOfSynchronous(ValueTask<object?> task) =>
        task.IsCompleted ? task.Result : throw new InvalidOperationException("A synchronous resolver returned a task that is not completed.");

    /// <summary>Writes the null of a nullable position; false for a non-null one (the null goes up).</summary>
    private static bool WriteNullAsJson(CompactResultWriter writer, bool isNullable)
    {
        if (!isNullable)
        {
            return false;
        }
        writer.WriteRaw(NullBytes);
        return true;
    }

    /// <summary>Adds a path level for an object's fields or (null) a list's items, and returns its index.</summary>
    private int Push(SelectionSet? selectionSet)
    {
        var depth = _jsonDepth;
        if (depth == _jsonSets.Length)
        {
            Array.Resize(ref _jsonSets, depth * 2);
            Array.Resize(ref _jsonItems, depth * 2);
        }
        _jsonSets[depth] = selectionSet;
        _jsonDepth = depth + 1;
        return depth;
    }

    /// <summary>The response path of the value being completed into JSON.</summary>
    public Path CreateJsonPath()
    {
        var path = CreatePath(_jsonContainer, _jsonIndex);
        for (var i = 0; i < _jsonDepth; i++)
        {
            path = _jsonSets[i] is { } selectionSet ? path.Append(selectionSet.Selections[_jsonItems[i]].ResponseName) : path.Append(_jsonItems[i]);
        }
        return path;
    }

    private ResolverContext RentContextInJson(Selection selection, object parent)
    {
        var context = TakeContext();
        context.InitializeInJson(this, selection, parent, _jsonContainer, _jsonIndex);
        return context;
    }
}
