using System.Buffers;
using System.Runtime.CompilerServices;

namespace Graph.GraphQL.Language;

/// <summary>
/// The GraphQL lexer: reads tokens one at a time from the source text, skipping ignored tokens
/// (BOM, whitespace, line terminators, commas and, unless asked for, comments). Token values are
/// decoded only when <see cref="GetValue"/> is called; the raw text is <see cref="Text"/>.
/// Syntax errors are thrown as <see cref="GraphQLSyntaxException"/>.
/// </summary>
/// <remarks>
/// A mutable ref struct: copy it to look ahead without moving the original.
/// Starts on a <see cref="TokenKind.StartOfFile"/> token; after the last token it stays on
/// <see cref="TokenKind.EndOfFile"/>.
/// </remarks>
public ref struct Lexer
{
    private readonly ReadOnlySpan<char> _source;
    private readonly bool _emitComments;
    private int _line;
    private int _lineStart;
    private bool _hasEscapes;

    /// <summary>Creates a lexer positioned before the first token.</summary>
    public Lexer(ReadOnlySpan<char> source) : this(source, emitComments: false) { }

    /// <summary>Creates a lexer positioned before the first token.</summary>
    /// <param name="source">The source text.</param>
    /// <param name="emitComments">When true, comments are returned as <see cref="TokenKind.Comment"/> tokens instead of being skipped.</param>
    public Lexer(ReadOnlySpan<char> source, bool emitComments)
    {
        _source = source;
        _emitComments = emitComments;
        _line = 1;
        Kind = TokenKind.StartOfFile;
    }

    /// <summary>The kind of the current token.</summary>
    public TokenKind Kind { get; private set; }

    /// <summary>The offset of the current token's first character.</summary>
    public int Start { get; private set; }

    /// <summary>The offset just past the current token's last character.</summary>
    public int End { get; private set; }

    /// <summary>The 1-based line of the current token (0 on the start-of-file token).</summary>
    public int Line { get; private set; }

    /// <summary>The 1-based column of the current token (0 on the start-of-file token).</summary>
    public int Column { get; private set; }

    /// <summary>The source text.</summary>
    public readonly ReadOnlySpan<char> Source => _source;

    /// <summary>The raw text of the current token, quotes and escapes included.</summary>
    public readonly ReadOnlySpan<char> Text => _source[Start..End];

    /// <summary>Moves to the next token. Returns false once the end of the source is reached.</summary>
    public bool Read()
    {
        if (Kind == TokenKind.EndOfFile)
        {
            return false;
        }

        var body = _source;
        var position = End;
        while ((uint)position < (uint)body.Length)
        {
            var code = body[position];
            switch (code)
            {
                case '\uFEFF':
                case '\t':
                case ' ':
                case ',':
                    position++;
                    continue;
                case '\n':
                    position++;
                    _line++;
                    _lineStart = position;
                    continue;
                case '\r':
                    position += position + 1 < body.Length && body[position + 1] == '\n' ? 2 : 1;
                    _line++;
                    _lineStart = position;
                    continue;
                case '#':
                    var commentEnd = ReadComment(body, position);
                    if (_emitComments)
                    {
                        SetToken(TokenKind.Comment, position, commentEnd);
                        return true;
                    }
                    position = commentEnd;
                    continue;
                case '!':
                    SetToken(TokenKind.Bang, position, position + 1);
                    return true;
                case '$':
                    SetToken(TokenKind.Dollar, position, position + 1);
                    return true;
                case '&':
                    SetToken(TokenKind.Ampersand, position, position + 1);
                    return true;
                case '(':
                    SetToken(TokenKind.LeftParenthesis, position, position + 1);
                    return true;
                case ')':
                    SetToken(TokenKind.RightParenthesis, position, position + 1);
                    return true;
                case '.':
                    if (position + 2 < body.Length && body[position + 1] == '.' && body[position + 2] == '.')
                    {
                        SetToken(TokenKind.Spread, position, position + 3);
                        return true;
                    }
                    break;
                case ':':
                    SetToken(TokenKind.Colon, position, position + 1);
                    return true;
                case '=':
                    SetToken(TokenKind.Equal, position, position + 1);
                    return true;
                case '@':
                    SetToken(TokenKind.At, position, position + 1);
                    return true;
                case '[':
                    SetToken(TokenKind.LeftBracket, position, position + 1);
                    return true;
                case ']':
                    SetToken(TokenKind.RightBracket, position, position + 1);
                    return true;
                case '{':
                    SetToken(TokenKind.LeftBrace, position, position + 1);
                    return true;
                case '|':
                    SetToken(TokenKind.Pipe, position, position + 1);
                    return true;
                case '}':
                    SetToken(TokenKind.RightBrace, position, position + 1);
                    return true;
                case '"':
                    if (position + 2 < body.Length && body[position + 1] == '"' && body[position + 2] == '"')
                    {
                        ReadBlockString(position);
                    }
                    else
                    {
                        ReadString(position);
                    }
                    return true;
            }

            if (CharClasses.IsDigit(code) || code == '-')
            {
                ReadNumber(position);
                return true;
            }

            if (CharClasses.IsNameStart(code))
            {
                var end = position + 1;
                while (end < body.Length && CharClasses.IsNameContinue(body[end]))
                {
                    end++;
                }
                SetToken(TokenKind.Name, position, end);
                return true;
            }

            ThrowUnexpectedCharacter(body, position);
        }

        SetToken(TokenKind.EndOfFile, body.Length, body.Length);
        return false;
    }

    /// <summary>True when the current token is the name <paramref name="keyword"/>.</summary>
    public readonly bool IsKeyword(string keyword) => Kind == TokenKind.Name && Text.SequenceEqual(keyword);

    /// <summary>
    /// The value of the current token: the text of a name or number, the decoded value of a
    /// string (escapes resolved) or block string (dedented), the text after <c>#</c> of a comment;
    /// null for punctuators and the start and end of file.
    /// </summary>
    public readonly string? GetValue() => Kind switch
    {
        TokenKind.Name or TokenKind.Int or TokenKind.Float => new string(Text),
        TokenKind.String => _hasEscapes ? DecodeString(_source[(Start + 1)..(End - 1)]) : new string(_source[(Start + 1)..(End - 1)]),
        TokenKind.BlockString => BlockString.Dedent(_source[(Start + 3)..(End - 3)], unescapeTripleQuotes: true),
        TokenKind.Comment => new string(_source[(Start + 1)..End]),
        _ => null,
    };

    /// <summary>Describes the current token for an error message, e.g. <c>Name "foo"</c> or <c>"{"</c>.</summary>
    public readonly string Describe()
    {
        var value = GetValue();
        var kind = Kind.GetDescription();
        return value is null ? kind : kind + " \"" + value + "\"";
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetToken(TokenKind kind, int start, int end)
    {
        Kind = kind;
        Start = start;
        End = end;
        Line = _line;
        Column = 1 + start - _lineStart;
    }

    private static int ReadComment(ReadOnlySpan<char> body, int start)
    {
        var position = start + 1;
        while (position < body.Length)
        {
            var code = body[position];
            if (code == '\n' || code == '\r')
            {
                break;
            }
            if (!char.IsSurrogate(code))
            {
                position++;
            }
            else if (CharClasses.IsSurrogatePair(body, position))
            {
                position += 2;
            }
            else
            {
                break;
            }
        }
        return position;
    }

    private void ReadNumber(int start)
    {
        var body = _source;
        var position = start;
        var code = body[position];
        var isFloat = false;

        if (code == '-')
        {
            code = CharAt(body, ++position);
        }

        if (code == '0')
        {
            code = CharAt(body, ++position);
            if (CharClasses.IsDigit(code))
            {
                SyntaxErrors.Throw(body, position, "Invalid number, unexpected digit after 0: " + SyntaxErrors.DescribeCharAt(body, position) + ".");
            }
        }
        else
        {
            position = ReadDigits(body, position);
            code = CharAt(body, position);
        }

        if (code == '.')
        {
            isFloat = true;
            position = ReadDigits(body, position + 1);
            code = CharAt(body, position);
        }

        if (code == 'E' || code == 'e')
        {
            isFloat = true;
            code = CharAt(body, ++position);
            if (code == '+' || code == '-')
            {
                ++position;
            }
            position = ReadDigits(body, position);
            code = CharAt(body, position);
        }

        // A number must not be followed by a '.' or a name start.
        if (code == '.' || CharClasses.IsNameStart(code))
        {
            SyntaxErrors.Throw(body, position, "Invalid number, expected digit but got: " + SyntaxErrors.DescribeCharAt(body, position) + ".");
        }

        SetToken(isFloat ? TokenKind.Float : TokenKind.Int, start, position);
    }

    private static int ReadDigits(ReadOnlySpan<char> body, int start)
    {
        if (!CharClasses.IsDigit(CharAt(body, start)))
        {
            SyntaxErrors.Throw(body, start, "Invalid number, expected digit but got: " + SyntaxErrors.DescribeCharAt(body, start) + ".");
        }
        var position = start + 1;
        while (position < body.Length && CharClasses.IsDigit(body[position]))
        {
            position++;
        }
        return position;
    }

    private void ReadString(int start)
    {
        var body = _source;
        var position = start + 1;
        var hasEscapes = false;

        while (position < body.Length)
        {
            var code = body[position];

            if (code == '"')
            {
                _hasEscapes = hasEscapes;
                SetToken(TokenKind.String, start, position + 1);
                return;
            }

            if (code == '\\')
            {
                hasEscapes = true;
                position += StringEscapes.Validate(body, position);
                continue;
            }

            if (code == '\n' || code == '\r')
            {
                break;
            }

            if (!char.IsSurrogate(code))
            {
                position++;
            }
            else if (CharClasses.IsSurrogatePair(body, position))
            {
                position += 2;
            }
            else
            {
                SyntaxErrors.Throw(body, position, "Invalid character within String: " + SyntaxErrors.DescribeCharAt(body, position) + ".");
            }
        }

        SyntaxErrors.Throw(body, position, "Unterminated string.");
    }

    private void ReadBlockString(int start)
    {
        var body = _source;
        var position = start + 3;
        var lines = 0;
        var lineStart = _lineStart;

        while (position < body.Length)
        {
            var code = body[position];

            if (code == '"' && position + 2 < body.Length && body[position + 1] == '"' && body[position + 2] == '"')
            {
                SetToken(TokenKind.BlockString, start, position + 3);
                _line += lines;
                _lineStart = lineStart;
                return;
            }

            if (code == '\\' && position + 3 < body.Length && body[position + 1] == '"' && body[position + 2] == '"' && body[position + 3] == '"')
            {
                position += 4;
                continue;
            }

            if (code == '\n' || code == '\r')
            {
                position += code == '\r' && position + 1 < body.Length && body[position + 1] == '\n' ? 2 : 1;
                lines++;
                lineStart = position;
                continue;
            }

            if (!char.IsSurrogate(code))
            {
                position++;
            }
            else if (CharClasses.IsSurrogatePair(body, position))
            {
                position += 2;
            }
            else
            {
                SyntaxErrors.Throw(body, position, "Invalid character within String: " + SyntaxErrors.DescribeCharAt(body, position) + ".");
            }
        }

        SyntaxErrors.Throw(body, position, "Unterminated string.");
    }

    private static string DecodeString(ReadOnlySpan<char> raw)
    {
        char[]? rented = null;
        var buffer = raw.Length <= 256 ? stackalloc char[raw.Length] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            var length = 0;
            var position = 0;
            while (position < raw.Length)
            {
                var next = raw[position..].IndexOf('\\');
                if (next < 0)
                {
                    raw[position..].CopyTo(buffer[length..]);
                    length += raw.Length - position;
                    break;
                }
                raw.Slice(position, next).CopyTo(buffer[length..]);
                length += next;
                position += next;
                position += StringEscapes.Decode(raw, position, buffer, ref length);
            }
            return new string(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char CharAt(ReadOnlySpan<char> body, int position) =>
        (uint)position < (uint)body.Length ? body[position] : '\0';

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnexpectedCharacter(ReadOnlySpan<char> body, int position)
    {
        var code = body[position];
        string message;
        if (code == '\'')
        {
            message = "Unexpected single quote character ('), did you mean to use a double quote (\")?";
        }
        else if (!char.IsSurrogate(code) || CharClasses.IsSurrogatePair(body, position))
        {
            message = "Unexpected character: " + SyntaxErrors.DescribeCharAt(body, position) + ".";
        }
        else
        {
            message = "Invalid character: " + SyntaxErrors.DescribeCharAt(body, position) + ".";
        }
        SyntaxErrors.Throw(body, position, message);
    }
}

/// <summary>Character classes of the lexical grammar.</summary>
internal static class CharClasses
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNameStart(char c) => IsLetter(c) || c == '_';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNameContinue(char c) => IsLetter(c) || IsDigit(c) || c == '_';

    public static bool IsSurrogatePair(ReadOnlySpan<char> body, int position) =>
        char.IsHighSurrogate(body[position]) && position + 1 < body.Length && char.IsLowSurrogate(body[position + 1]);

    /// <summary>True when <paramref name="name"/> matches <c>/[_A-Za-z][_0-9A-Za-z]*/</c>.</summary>
    public static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !IsNameStart(name[0]))
        {
            return false;
        }
        for (var i = 1; i < name.Length; i++)
        {
            if (!IsNameContinue(name[i]))
            {
                return false;
            }
        }
        return true;
    }
}
