using System.Globalization;
using System.Numerics;

namespace Graph.GraphQL.Language;

/// <summary>A variable: <c>$name</c>.</summary>
public sealed class VariableNode : IValueNode<string>, INamedSyntaxNode
{
    public VariableNode(Location? location, NameNode name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Location = location;
        Name = name;
    }

    public VariableNode(string name) : this(null, new NameNode(name)) { }

    public SyntaxKind Kind => SyntaxKind.Variable;

    public Location? Location { get; }

    public NameNode Name { get; }

    /// <summary>The variable name (without <c>$</c>).</summary>
    public string Value => Name.Value;

    object? IValueNode.Value => Name.Value;

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Name;
    }

    public VariableNode WithLocation(Location? location) => new(location, Name);

    public VariableNode WithName(NameNode name) => new(Location, name);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An Int literal. Keeps the source text; the <c>To*</c> helpers convert it.</summary>
public sealed class IntValueNode : IValueNode<string>
{
    public IntValueNode(Location? location, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Location = location;
        Value = value;
    }

    public IntValueNode(int value) : this(null, value.ToString(CultureInfo.InvariantCulture)) { }

    public IntValueNode(long value) : this(null, value.ToString(CultureInfo.InvariantCulture)) { }

    public IntValueNode(BigInteger value) : this(null, value.ToString(CultureInfo.InvariantCulture)) { }

    public SyntaxKind Kind => SyntaxKind.IntValue;

    public Location? Location { get; }

    /// <summary>The literal as written, e.g. <c>-42</c>.</summary>
    public string Value { get; }

    object? IValueNode.Value => Value;

    /// <summary>The value as an <see cref="int"/>; throws <see cref="OverflowException"/> when it does not fit.</summary>
    public int ToInt32() => int.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>The value as a <see cref="long"/>; throws <see cref="OverflowException"/> when it does not fit.</summary>
    public long ToInt64() => long.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public bool TryToInt32(out int value) => int.TryParse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public bool TryToInt64(out long value) => long.TryParse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public decimal ToDecimal() => decimal.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public double ToDouble() => double.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public BigInteger ToBigInteger() => BigInteger.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public IEnumerable<ISyntaxNode> GetNodes() => [];

    public IntValueNode WithLocation(Location? location) => new(location, Value);

    public override string ToString() => Value;
}

/// <summary>A Float literal. Keeps the source text; the <c>To*</c> helpers convert it.</summary>
public sealed class FloatValueNode : IValueNode<string>
{
    public FloatValueNode(Location? location, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Location = location;
        Value = value;
    }

    /// <summary>A float literal for <paramref name="value"/>; always written with a fraction or an exponent.</summary>
    public FloatValueNode(double value) : this(null, Format(value)) { }

    public FloatValueNode(decimal value) : this(null, Format(value)) { }

    public SyntaxKind Kind => SyntaxKind.FloatValue;

    public Location? Location { get; }

    /// <summary>The literal as written, e.g. <c>1.5e-3</c>.</summary>
    public string Value { get; }

    object? IValueNode.Value => Value;

    public double ToDouble() => double.Parse(Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    public float ToSingle() => float.Parse(Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The value as a <see cref="decimal"/>; throws <see cref="OverflowException"/> when out of range.</summary>
    public decimal ToDecimal() => decimal.Parse(Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    public IEnumerable<ISyntaxNode> GetNodes() => [];

    public FloatValueNode WithLocation(Location? location) => new(location, Value);

    public override string ToString() => Value;

    private static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "GraphQL has no literal for NaN or infinity.");
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E') < 0 ? text + ".0" : text;
    }

    private static string Format(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }
}

/// <summary>A string literal, quoted (<c>"..."</c>) or block (<c>"""..."""</c>). <see cref="Value"/> is decoded.</summary>
public sealed class StringValueNode : IValueNode<string>
{
    public StringValueNode(Location? location, string value, bool block)
    {
        ArgumentNullException.ThrowIfNull(value);
        Location = location;
        Value = value;
        Block = block;
    }

    public StringValueNode(string value) : this(null, value, false) { }

    public SyntaxKind Kind => SyntaxKind.StringValue;

    public Location? Location { get; }

    /// <summary>The decoded string (escapes resolved, block strings dedented).</summary>
    public string Value { get; }

    /// <summary>True when written as a block string.</summary>
    public bool Block { get; }

    object? IValueNode.Value => Value;

    public IEnumerable<ISyntaxNode> GetNodes() => [];

    public StringValueNode WithLocation(Location? location) => new(location, Value, Block);

    public StringValueNode WithValue(string value, bool block) => new(Location, value, block);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A boolean literal: <c>true</c> or <c>false</c>.</summary>
public sealed class BooleanValueNode : IValueNode<bool>
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    public BooleanValueNode(Location? location, bool value)
    {
        Location = location;
        Value = value;
    }

    public BooleanValueNode(bool value) : this(null, value) { }

    /// <summary>A shared <c>true</c> literal without location.</summary>
    public static BooleanValueNode True { get; } = new(null, true);

    /// <summary>A shared <c>false</c> literal without location.</summary>
    public static BooleanValueNode False { get; } = new(null, false);

    public SyntaxKind Kind => SyntaxKind.BooleanValue;

    public Location? Location { get; }

    public bool Value { get; }

    object? IValueNode.Value => Value ? BoxedTrue : BoxedFalse;

    public IEnumerable<ISyntaxNode> GetNodes() => [];

    public BooleanValueNode WithLocation(Location? location) => new(location, Value);

    public override string ToString() => Value ? "true" : "false";
}

/// <summary>The <c>null</c> literal.</summary>
public sealed class NullValueNode : IValueNode
{
    public NullValueNode(Location? location)
    {
        Location = location;
    }

    /// <summary>A shared <c>null</c> literal without location.</summary>
    public static NullValueNode Default { get; } = new(null);

    public SyntaxKind Kind => SyntaxKind.NullValue;

    public Location? Location { get; }

    public object? Value => null;

    public IEnumerable<ISyntaxNode> GetNodes() => [];

    public NullValueNode WithLocation(Location? location) => new(location);

    public override string ToString() => "null";
}

/// <summary>An enum value literal: a name other than <c>true</c>, <c>false</c> and <c>null</c>.</summary>
public sealed class EnumValueNode : IValueNode<string>
{
    public EnumValueNode(Location? location, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Location = location;
        Value = value;
    }

    public EnumValueNode(string value) : this(null, value) { }

    public SyntaxKind Kind => SyntaxKind.EnumValue;

    public Location? Location { get; }

    public string Value { get; }

    object? IValueNode.Value => Value;

    public IEnumerable<ISyntaxNode> GetNodes() => [];

    public EnumValueNode WithLocation(Location? location) => new(location, Value);

    public override string ToString() => Value;
}

/// <summary>A list literal: <c>[ value* ]</c>.</summary>
public sealed class ListValueNode : IValueNode<IReadOnlyList<IValueNode>>
{
    public ListValueNode(Location? location, IReadOnlyList<IValueNode> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Location = location;
        Items = items;
    }

    public ListValueNode(params IValueNode[] items) : this(null, items) { }

    public SyntaxKind Kind => SyntaxKind.ListValue;

    public Location? Location { get; }

    public IReadOnlyList<IValueNode> Items { get; }

    IReadOnlyList<IValueNode> IValueNode<IReadOnlyList<IValueNode>>.Value => Items;

    object? IValueNode.Value => Items;

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        for (var i = 0; i < Items.Count; i++)
        {
            yield return Items[i];
        }
    }

    public ListValueNode WithLocation(Location? location) => new(location, Items);

    public ListValueNode WithItems(IReadOnlyList<IValueNode> items) => new(Location, items);

    public override string ToString() => Printer.Print(this);
}

/// <summary>An input object literal: <c>{ name: value* }</c>.</summary>
public sealed class ObjectValueNode : IValueNode<IReadOnlyList<ObjectFieldNode>>
{
    public ObjectValueNode(Location? location, IReadOnlyList<ObjectFieldNode> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Location = location;
        Fields = fields;
    }

    public ObjectValueNode(params ObjectFieldNode[] fields) : this(null, fields) { }

    public SyntaxKind Kind => SyntaxKind.ObjectValue;

    public Location? Location { get; }

    public IReadOnlyList<ObjectFieldNode> Fields { get; }

    IReadOnlyList<ObjectFieldNode> IValueNode<IReadOnlyList<ObjectFieldNode>>.Value => Fields;

    object? IValueNode.Value => Fields;

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            yield return Fields[i];
        }
    }

    public ObjectValueNode WithLocation(Location? location) => new(location, Fields);

    public ObjectValueNode WithFields(IReadOnlyList<ObjectFieldNode> fields) => new(Location, fields);

    public override string ToString() => Printer.Print(this);
}

/// <summary>A field of an input object literal: <c>name: value</c>.</summary>
public sealed class ObjectFieldNode : INamedSyntaxNode
{
    public ObjectFieldNode(Location? location, NameNode name, IValueNode value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Location = location;
        Name = name;
        Value = value;
    }

    public ObjectFieldNode(string name, IValueNode value) : this(null, new NameNode(name), value) { }

    public SyntaxKind Kind => SyntaxKind.ObjectField;

    public Location? Location { get; }

    public NameNode Name { get; }

    public IValueNode Value { get; }

    public IEnumerable<ISyntaxNode> GetNodes()
    {
        yield return Name;
        yield return Value;
    }

    public ObjectFieldNode WithLocation(Location? location) => new(location, Name, Value);

    public ObjectFieldNode WithValue(IValueNode value) => new(Location, Name, value);

    public override string ToString() => Printer.Print(this);
}
