using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Graph.GraphQL.Language;

/// <summary>
/// The GraphQL parser: turns source text into a syntax tree. A recursive-descent parser over the
/// <see cref="Lexer"/>, split by section of the spec (documents, operations, fragments, values,
/// directives, type references, type system definitions and extensions, schema coordinates).
/// Syntax errors are thrown as <see cref="GraphQLSyntaxException"/> with the same messages and
/// locations as the reference implementation.
/// </summary>
public ref partial struct Parser
{
    private readonly ReadOnlySpan<char> _source;
    private readonly bool _noLocations;
    private readonly int _maxTokens;
    private readonly int _maxDepth;
    private readonly int _maxFields;
    private Lexer _lexer;
    private int _tokenCount;
    private int _depth;
    private int _fieldCount;
    private int _lastEnd;
    private object?[] _scratch;
    private int _scratchCount;

    private Parser(ReadOnlySpan<char> source, ParserOptions? options)
    {
        options ??= ParserOptions.Default;
        _source = source;
        _lexer = new Lexer(source);
        _noLocations = options.NoLocations;
        _maxTokens = options.MaxAllowedTokens;
        _maxDepth = options.MaxAllowedDepth;
        _maxFields = options.MaxAllowedFields;
        _scratch = ArrayPool<object?>.Shared.Rent(64);
    }

    /// <summary>Parses a GraphQL document (executable definitions, type system definitions and extensions).</summary>
    /// <exception cref="GraphQLSyntaxException">The source is not a valid document or exceeds a limit of <paramref name="options"/>.</exception>
    public static DocumentNode Parse(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Parse(source.AsSpan(), options);
    }

    /// <inheritdoc cref="Parse(string, ParserOptions?)"/>
    public static DocumentNode Parse(ReadOnlySpan<char> source, ParserOptions? options = null)
    {
        var parser = new Parser(source, options);
        try
        {
            return parser.ParseDocument();
        }
        finally
        {
            parser.Dispose();
        }
    }

    /// <summary>Parses a single value literal (variables allowed), e.g. <c>[42, $var]</c>.</summary>
    /// <exception cref="GraphQLSyntaxException">The source is not a single valid value.</exception>
    public static IValueNode ParseValue(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ParseValue(source.AsSpan(), options);
    }

    /// <inheritdoc cref="ParseValue(string, ParserOptions?)"/>
    public static IValueNode ParseValue(ReadOnlySpan<char> source, ParserOptions? options = null)
    {
        var parser = new Parser(source, options);
        try
        {
            parser.ExpectToken(TokenKind.StartOfFile);
            var value = parser.ParseValueLiteral(isConst: false);
            parser.ExpectToken(TokenKind.EndOfFile);
            return value;
        }
        finally
        {
            parser.Dispose();
        }
    }

    /// <summary>Parses a single constant value literal; a variable is a syntax error.</summary>
    /// <exception cref="GraphQLSyntaxException">The source is not a single valid constant value.</exception>
    public static IValueNode ParseConstValue(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ParseConstValue(source.AsSpan(), options);
    }

    /// <inheritdoc cref="ParseConstValue(string, ParserOptions?)"/>
    public static IValueNode ParseConstValue(ReadOnlySpan<char> source, ParserOptions? options = null)
    {
        var parser = new Parser(source, options);
        try
        {
            parser.ExpectToken(TokenKind.StartOfFile);
            var value = parser.ParseValueLiteral(isConst: true);
            parser.ExpectToken(TokenKind.EndOfFile);
            return value;
        }
        finally
        {
            parser.Dispose();
        }
    }

    /// <summary>Parses a type reference, e.g. <c>[String!]!</c>.</summary>
    /// <exception cref="GraphQLSyntaxException">The source is not a single valid type reference.</exception>
    public static ITypeNode ParseType(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ParseType(source.AsSpan(), options);
    }

    /// <inheritdoc cref="ParseType(string, ParserOptions?)"/>
    public static ITypeNode ParseType(ReadOnlySpan<char> source, ParserOptions? options = null)
    {
        var parser = new Parser(source, options);
        try
        {
            parser.ExpectToken(TokenKind.StartOfFile);
            var type = parser.ParseTypeReference();
            parser.ExpectToken(TokenKind.EndOfFile);
            return type;
        }
        finally
        {
            parser.Dispose();
        }
    }

    private void Dispose()
    {
        var scratch = _scratch;
        _scratch = [];
        if (scratch.Length > 0)
        {
            ArrayPool<object?>.Shared.Return(scratch, clearArray: true);
        }
    }

    // ---- tokens -------------------------------------------------------------------------

    /// <summary>Moves to the next token, counting it against <see cref="ParserOptions.MaxAllowedTokens"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Advance()
    {
        _lastEnd = _lexer.End;
        if (_lexer.Read() && ++_tokenCount > _maxTokens)
        {
            ThrowTooManyTokens();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly bool Peek(TokenKind kind) => _lexer.Kind == kind;

    private readonly bool PeekDescription() => _lexer.Kind is TokenKind.String or TokenKind.BlockString;

    /// <summary>The token after the current one, without moving.</summary>
    private readonly Lexer Lookahead()
    {
        var copy = _lexer;
        copy.Read();
        return copy;
    }

    private void ExpectToken(TokenKind kind)
    {
        if (_lexer.Kind == kind)
        {
            Advance();
            return;
        }
        throw Error(_lexer.Start, "Expected " + kind.GetDescription() + ", found " + _lexer.Describe() + ".");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ExpectOptionalToken(TokenKind kind)
    {
        if (_lexer.Kind == kind)
        {
            Advance();
            return true;
        }
        return false;
    }

    private void ExpectKeyword(string keyword)
    {
        if (_lexer.IsKeyword(keyword))
        {
            Advance();
            return;
        }
        throw Error(_lexer.Start, "Expected \"" + keyword + "\", found " + _lexer.Describe() + ".");
    }

    private bool ExpectOptionalKeyword(string keyword)
    {
        if (_lexer.IsKeyword(keyword))
        {
            Advance();
            return true;
        }
        return false;
    }

    /// <summary>An "Unexpected ..." error for the current token.</summary>
    private readonly GraphQLSyntaxException Unexpected() => Unexpected(in _lexer);

    private readonly GraphQLSyntaxException Unexpected(in Lexer token) =>
        Error(token.Start, "Unexpected " + token.Describe() + ".");

    private readonly GraphQLSyntaxException Error(int position, string message, string code = ErrorCodes.ParseFailed) =>
        SyntaxErrors.Create(_source, position, message, code);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTooManyTokens() =>
        throw Error(
            _lexer.Start,
            "Document contains more than " + _maxTokens.ToString(CultureInfo.InvariantCulture) + " tokens. Parsing aborted.",
            ErrorCodes.MaxTokensExceeded);

    // ---- limits -------------------------------------------------------------------------

    /// <summary>Opens one nesting level; throws when <see cref="ParserOptions.MaxAllowedDepth"/> is exceeded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnterLevel()
    {
        if (++_depth > _maxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            ThrowTooDeep();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ExitLevel() => _depth--;

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTooDeep() =>
        throw Error(
            _lexer.Start,
            "Document is nested more than " + _maxDepth.ToString(CultureInfo.InvariantCulture) + " levels deep. Parsing aborted.",
            ErrorCodes.MaxDepthExceeded);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTooManyFields() =>
        throw Error(
            _lexer.Start,
            "Document contains more than " + _maxFields.ToString(CultureInfo.InvariantCulture) + " fields. Parsing aborted.",
            ErrorCodes.MaxFieldsExceeded);

    // ---- locations ----------------------------------------------------------------------

    /// <summary>Where a node starts: the current token's offset, line and column.</summary>
    private readonly struct Mark(int start, int line, int column)
    {
        public readonly int Start = start;
        public readonly int Line = line;
        public readonly int Column = column;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly Mark Begin() => new(_lexer.Start, _lexer.Line, _lexer.Column);

    /// <summary>The location from <paramref name="start"/> to the end of the last consumed token; null with <see cref="ParserOptions.NoLocations"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly Location? End(in Mark start) =>
        _noLocations ? null : new Location(start.Start, _lastEnd, start.Line, start.Column);

    // ---- names --------------------------------------------------------------------------

    /// <summary>Name : /[_A-Za-z][_0-9A-Za-z]*/</summary>
    private NameNode ParseName()
    {
        if (_lexer.Kind != TokenKind.Name)
        {
            throw Error(_lexer.Start, "Expected Name, found " + _lexer.Describe() + ".");
        }
        var start = Begin();
        var value = new string(_lexer.Text);
        Advance();
        return new NameNode(End(start), value);
    }

    // ---- lists --------------------------------------------------------------------------
    // Items of the list being parsed are pushed on a pooled scratch stack; nested lists push
    // above their parent's items. Finishing a list copies its items into one exact-size array.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int BeginList() => _scratchCount;

    private void Push(object item)
    {
        if (_scratchCount == _scratch.Length)
        {
            var larger = ArrayPool<object?>.Shared.Rent(_scratch.Length * 2);
            Array.Copy(_scratch, larger, _scratchCount);
            Array.Clear(_scratch, 0, _scratchCount);
            ArrayPool<object?>.Shared.Return(_scratch);
            _scratch = larger;
        }
        _scratch[_scratchCount++] = item;
    }

    private T[] EndList<T>(int start)
    {
        var count = _scratchCount - start;
        if (count == 0)
        {
            return [];
        }
        var items = new T[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = (T)_scratch[start + i]!;
            _scratch[start + i] = null;
        }
        _scratchCount = start;
        return items;
    }
}
