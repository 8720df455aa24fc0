using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation;

/// <summary>
/// What the schema says about the current position of a document walk: the output type, the parent composite type, the
/// field definition, the expected input type (and the one around it), the argument, directive and the default value of
/// the current argument or input field. The document walker keeps it up to date (the reference implementation's TypeInfo).
/// </summary>
public sealed class TypeInfo
{
    private readonly ISchema _schema;
    private readonly RefStack<IOutputType> _typeStack = new();
    private readonly RefStack<INamedType> _parentTypeStack = new();
    private readonly RefStack<IInputType> _inputTypeStack = new();
    private readonly RefStack<IOutputField> _fieldDefStack = new();
    private readonly RefStack<InputValueBase> _inputValueStack = new();

    /// <summary>Creates type information for walks over documents validated against <paramref name="schema"/>.</summary>
    public TypeInfo(ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
    }

    /// <summary>The output type of the current field, operation or fragment; null when unknown.</summary>
    public IOutputType? Type => _typeStack.Peek();

    /// <summary>The composite type whose selection set is being walked; null when unknown or not composite.</summary>
    public INamedType? ParentType => _parentTypeStack.Peek();

    /// <summary>The expected type of the current value; null when unknown.</summary>
    public IInputType? InputType => _inputTypeStack.Peek();

    /// <summary>The expected type of the value around the current value (a list or input object); null when unknown.</summary>
    public IInputType? ParentInputType => _inputTypeStack.PeekParent();

    /// <summary>The definition of the current field; null when unknown.</summary>
    public IOutputField? FieldDefinition => _fieldDefStack.Peek();

    /// <summary>The definition of the current directive; null when outside a directive or unknown.</summary>
    public DirectiveType? Directive { get; private set; }

    /// <summary>The definition of the current argument; null when outside an argument or unknown.</summary>
    public Argument? Argument { get; private set; }

    /// <summary>
    /// The argument or input field whose value is being walked (its default value applies when the value is absent);
    /// null for list items and unknown positions.
    /// </summary>
    public InputValueBase? InputValue => _inputValueStack.Peek();

    /// <summary>The default value of the current argument or input field (see <see cref="InputValue"/>), or null.</summary>
    public IValueNode? DefaultValue => _inputValueStack.Peek()?.DefaultValue;

    /// <summary>Forgets all state, to walk another document or definition.</summary>
    public void Reset()
    {
        _typeStack.Clear();
        _parentTypeStack.Clear();
        _inputTypeStack.Clear();
        _fieldDefStack.Clear();
        _inputValueStack.Clear();
        Directive = null;
        Argument = null;
    }

    internal void EnterSelectionSet()
    {
        var type = Type;
        var named = type is null ? null : type.NamedType();
        _parentTypeStack.Push(named is not null && named.Kind is TypeKind.Object or TypeKind.Interface or TypeKind.Union ? named : null);
    }

    internal void LeaveSelectionSet() => _parentTypeStack.Pop();

    internal void EnterField(FieldNode node)
    {
        var parentType = ParentType;
        var fieldDef = parentType is null ? null : _schema.GetFieldDefinition(parentType, node.Name.Value);
        _fieldDefStack.Push(fieldDef);
        _typeStack.Push(fieldDef?.Type);
    }

    internal void LeaveField()
    {
        _fieldDefStack.Pop();
        _typeStack.Pop();
    }

    internal void EnterDirective(DirectiveNode node) =>
        Directive = _schema.TryGetDirective(node.Name.Value, out var directive) ? directive : null;

    internal void LeaveDirective() => Directive = null;

    internal void EnterOperationDefinition(OperationDefinitionNode node) => _typeStack.Push(_schema.GetOperationType(node.Operation));

    internal void EnterTypeCondition(NamedTypeNode? typeCondition)
    {
        if (typeCondition is null)
        {
            var type = Type;
            _typeStack.Push(type is null ? null : type.NamedType() as IOutputType);
            return;
        }
        _typeStack.Push(_schema.TryGetType(typeCondition.Name.Value, out var named) && named.Kind != TypeKind.InputObject
            ? named as IOutputType
            : null);
    }

    internal void LeaveOutputType() => _typeStack.Pop();

    internal void EnterVariableDefinition(VariableDefinitionNode node)
    {
        var type = TypeFromSyntax(_schema, node.Type);
        _inputTypeStack.Push(type is not null && type.IsInputType() ? (IInputType)type : null);
        _inputValueStack.Push(null);
    }

    internal void LeaveVariableDefinition()
    {
        _inputTypeStack.Pop();
        _inputValueStack.Pop();
    }

    internal void EnterArgument(ArgumentNode node)
    {
        Argument? argument = null;
        if (Directive is { } directive)
        {
            argument = directive.Arguments.Find(node.Name.Value);
        }
        else if (FieldDefinition is { } field)
        {
            argument = field.Arguments.Find(node.Name.Value);
        }
        Argument = argument;
        _inputValueStack.Push(argument);
        _inputTypeStack.Push(argument?.Type);
    }

    internal void LeaveArgument()
    {
        Argument = null;
        _inputValueStack.Pop();
        _inputTypeStack.Pop();
    }

    internal void EnterListValue()
    {
        var listType = InputType?.NullableType();
        var itemType = listType is ListType list ? list.OfType : listType;
        _inputValueStack.Push(null);
        _inputTypeStack.Push(itemType as IInputType);
    }

    internal void EnterObjectField(ObjectFieldNode node)
    {
        InputField? field = null;
        if (InputType is { } inputType && inputType.NamedType() is InputObjectType objectType)
        {
            field = objectType.Fields.Find(node.Name.Value);
        }
        _inputValueStack.Push(field);
        _inputTypeStack.Push(field?.Type);
    }

    internal void LeaveInputValue()
    {
        _inputValueStack.Pop();
        _inputTypeStack.Pop();
    }

    /// <summary>The schema type a syntax type reference denotes; null when its named type is not in the schema.</summary>
    public static IType? TypeFromSyntax(ISchema schema, ITypeNode typeNode)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(typeNode);
        switch (typeNode)
        {
            case NamedTypeNode named:
                return schema.TryGetType(named.Name.Value, out var type) ? type : null;
            case ListTypeNode list:
                var item = TypeFromSyntax(schema, list.Type);
                return item is null ? null : new ListType(item);
            case NonNullTypeNode nonNull:
                var inner = TypeFromSyntax(schema, nonNull.Type);
                return inner is null ? null : new NonNullType(inner);
            default:
                return null;
        }
    }

    /// <summary>A stack of nullable references that grows without allocating per push.</summary>
    private sealed class RefStack<T>
        where T : class
    {
        private T?[] _items = new T?[16];
        private int _count;

        public void Push(T? item)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }
            _items[_count++] = item;
        }

        public void Pop()
        {
            if (_count > 0)
            {
                _items[--_count] = null;
            }
        }

        public T? Peek() => _count > 0 ? _items[_count - 1] : null;

        public T? PeekParent() => _count > 1 ? _items[_count - 2] : null;

        public void Clear()
        {
            Array.Clear(_items, 0, _count);
            _count = 0;
        }
    }
}
