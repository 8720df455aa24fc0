namespace Graph.GraphQL.Language;

/// <summary>The kinds of lexical token.</summary>
public enum TokenKind : byte
{
    StartOfFile,
    EndOfFile,
    Bang,
    Dollar,
    Ampersand,
    LeftParenthesis,
    RightParenthesis,
    Spread,

    /// <summary><c>.</c>; only lexed inside schema coordinates.</summary>
    Dot,
    Colon,
    Equal,
    At,
    LeftBracket,
    RightBracket,
    LeftBrace,
    Pipe,
    RightBrace,
    Name,
    Int,
    Float,
    String,
    BlockString,
    Comment,
}

/// <summary>Helpers for <see cref="TokenKind"/>.</summary>
public static class TokenKindExtensions
{
    /// <summary>
    /// How the kind is named in error messages: punctuators quoted (<c>"{"</c>), others by name
    /// (<c>Name</c>, <c>&lt;EOF&gt;</c>).
    /// </summary>
    public static string GetDescription(this TokenKind kind) => kind switch
    {
        TokenKind.StartOfFile => "<SOF>",
        TokenKind.EndOfFile => "<EOF>",
        TokenKind.Bang => "\"!\"",
        TokenKind.Dollar => "\"$\"",
        TokenKind.Ampersand => "\"&\"",
        TokenKind.LeftParenthesis => "\"(\"",
        TokenKind.RightParenthesis => "\")\"",
        TokenKind.Spread => "\"...\"",
        TokenKind.Dot => "\".\"",
        TokenKind.Colon => "\":\"",
        TokenKind.Equal => "\"=\"",
        TokenKind.At => "\"@\"",
        TokenKind.LeftBracket => "\"[\"",
        TokenKind.RightBracket => "\"]\"",
        TokenKind.LeftBrace => "\"{\"",
        TokenKind.Pipe => "\"|\"",
        TokenKind.RightBrace => "\"}\"",
        TokenKind.Name => "Name",
        TokenKind.Int => "Int",
        TokenKind.Float => "Float",
        TokenKind.String => "String",
        TokenKind.BlockString => "BlockString",
        TokenKind.Comment => "Comment",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>True for tokens that carry a value (names, numbers, strings, comments).</summary>
    public static bool HasValue(this TokenKind kind) => kind >= TokenKind.Name;
}
