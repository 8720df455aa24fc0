namespace Graph.GraphQL.Language;

/// <summary>Options of the <see cref="Parser"/>: locations and the limits that protect the server from hostile documents.</summary>
public sealed class ParserOptions
{
    private readonly int _maxAllowedTokens = 15_000;
    private readonly int _maxAllowedDepth = 64;
    private readonly int _maxAllowedFields = 2_048;

    /// <summary>The defaults: locations on, 15 000 tokens, depth 64, 2 048 fields.</summary>
    public static ParserOptions Default { get; } = new();

    /// <summary>When true, nodes get no <see cref="Location"/> (faster, less memory).</summary>
    public bool NoLocations { get; init; }

    /// <summary>
    /// The most tokens (punctuators, names, numbers, strings; not comments or other ignored text) a
    /// document may have. Parsing stops as soon as one more is read. Default 15 000.
    /// </summary>
    public int MaxAllowedTokens
    {
        get => _maxAllowedTokens;
        init => _maxAllowedTokens = Positive(value);
    }

    /// <summary>
    /// The deepest nesting allowed: every selection set, list value, input object value and list
    /// type opens one level, so <c>{ a { b(arg: [1]) } }</c> reaches depth 3. Default 64, which fits
    /// the deepest introspection query with room to spare while keeping recursion shallow.
    /// </summary>
    public int MaxAllowedDepth
    {
        get => _maxAllowedDepth;
        init => _maxAllowedDepth = Positive(value);
    }

    /// <summary>The most field selections (fields in selection sets, not field definitions) a document may have. Default 2 048.</summary>
    public int MaxAllowedFields
    {
        get => _maxAllowedFields;
        init => _maxAllowedFields = Positive(value);
    }

    private static int Positive(int value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A parser limit must be positive.");
}
