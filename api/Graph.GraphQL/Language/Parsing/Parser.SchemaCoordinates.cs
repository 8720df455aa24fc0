using System.Globalization;

namespace Graph.GraphQL.Language;

public ref partial struct Parser
{
    /// <summary>
    /// Parses a schema coordinate:
    /// <c>Type</c>, <c>Type.member</c>, <c>Type.field(argument:)</c>, <c>@directive</c> or <c>@directive(argument:)</c>.
    /// A schema coordinate is its own small grammar: names and the punctuators <c>( ) . : @</c>, with
    /// no whitespace, comments or commas anywhere.
    /// </summary>
    /// <exception cref="GraphQLSyntaxException">The source is not a schema coordinate.</exception>
    public static ISchemaCoordinateNode ParseSchemaCoordinate(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ParseSchemaCoordinate(source.AsSpan(), options);
    }

    /// <inheritdoc cref="ParseSchemaCoordinate(string, ParserOptions?)"/>
    public static ISchemaCoordinateNode ParseSchemaCoordinate(ReadOnlySpan<char> source, ParserOptions? options = null)
    {
        options ??= ParserOptions.Default;
        var reader = new CoordinateReader(source, options.MaxAllowedTokens, options.NoLocations);
        reader.Advance();

        var ofDirective = reader.ExpectOptional(TokenKind.At);
        var name = reader.ParseName();

        NameNode? memberName = null;
        if (!ofDirective && reader.ExpectOptional(TokenKind.Dot))
        {
            memberName = reader.ParseName();
        }

        NameNode? argumentName = null;
        if ((ofDirective || memberName is not null) && reader.ExpectOptional(TokenKind.LeftParenthesis))
        {
            argumentName = reader.ParseName();
            reader.Expect(TokenKind.Colon);
            reader.Expect(TokenKind.RightParenthesis);
        }

        var location = reader.LocationFromStart();
        reader.Expect(TokenKind.EndOfFile);

        if (ofDirective)
        {
            return argumentName is null
                ? new DirectiveCoordinateNode(location, name)
                : new DirectiveArgumentCoordinateNode(location, name, argumentName);
        }
        if (memberName is null)
        {
            return new TypeCoordinateNode(location, name);
        }
        return argumentName is null
            ? new MemberCoordinateNode(location, name, memberName)
            : new ArgumentCoordinateNode(location, name, memberName, argumentName);
    }

    /// <summary>The lexer and token helpers of the schema coordinate grammar.</summary>
    private ref struct CoordinateReader(ReadOnlySpan<char> source, int maxTokens, bool noLocations)
    {
        private readonly ReadOnlySpan<char> _source = source;
        private int _tokenCount;
        private int _lastEnd;

        public TokenKind Kind { get; private set; } = TokenKind.StartOfFile;

        public int Start { get; private set; }

        public int End { get; private set; }

        public void Advance()
        {
            _lastEnd = End;
            if (Kind == TokenKind.EndOfFile)
            {
                return;
            }

            var position = End;
            if (position >= _source.Length)
            {
                Set(TokenKind.EndOfFile, _source.Length, _source.Length);
                return;
            }

            var code = _source[position];
            switch (code)
            {
                case '.':
                    Set(TokenKind.Dot, position, position + 1);
                    break;
                case '(':
                    Set(TokenKind.LeftParenthesis, position, position + 1);
                    break;
                case ')':
                    Set(TokenKind.RightParenthesis, position, position + 1);
                    break;
                case ':':
                    Set(TokenKind.Colon, position, position + 1);
                    break;
                case '@':
                    Set(TokenKind.At, position, position + 1);
                    break;
                default:
                    if (!CharClasses.IsNameStart(code))
                    {
                        SyntaxErrors.Throw(_source, position, "Invalid character: " + SyntaxErrors.DescribeCharAt(_source, position) + ".");
                    }
                    var end = position + 1;
                    while (end < _source.Length && CharClasses.IsNameContinue(_source[end]))
                    {
                        end++;
                    }
                    Set(TokenKind.Name, position, end);
                    break;
            }

            if (++_tokenCount > maxTokens)
            {
                SyntaxErrors.Throw(
                    _source,
                    Start,
                    "Document contains more than " + maxTokens.ToString(CultureInfo.InvariantCulture) + " tokens. Parsing aborted.",
                    ErrorCodes.MaxTokensExceeded);
            }
        }

        public bool ExpectOptional(TokenKind kind)
        {
            if (Kind != kind)
            {
                return false;
            }
            Advance();
            return true;
        }

        public void Expect(TokenKind kind)
        {
            if (!ExpectOptional(kind))
            {
                SyntaxErrors.Throw(_source, Start, "Expected " + kind.GetDescription() + ", found " + Describe() + ".");
            }
        }

        public NameNode ParseName()
        {
            if (Kind != TokenKind.Name)
            {
                SyntaxErrors.Throw(_source, Start, "Expected Name, found " + Describe() + ".");
            }
            var start = Start;
            var value = new string(_source[Start..End]);
            Advance();
            return new NameNode(noLocations ? null : new Location(start, _lastEnd, 1, start + 1), value);
        }

        public readonly Location? LocationFromStart() => noLocations ? null : new Location(0, _lastEnd, 1, 1);

        private readonly string Describe() =>
            Kind == TokenKind.Name ? "Name \"" + _source[Start..End].ToString() + "\"" : Kind.GetDescription();

        private void Set(TokenKind kind, int start, int end)
        {
            Kind = kind;
            Start = start;
            End = end;
        }
    }
}
