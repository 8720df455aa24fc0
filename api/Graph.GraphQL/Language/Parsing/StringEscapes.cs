namespace Graph.GraphQL.Language;

/// <summary>Escape sequences of quoted strings: <c>\n</c>-style, <c>\uXXXX</c> (with legacy surrogate pairs) and <c>\u{X...}</c>.</summary>
internal static class StringEscapes
{
    /// <summary>Checks the escape sequence at <paramref name="position"/> (a backslash) and returns its length; throws when it is invalid.</summary>
    public static int Validate(ReadOnlySpan<char> body, int position)
    {
        var size = Read(body, position, out _, out _);
        if (size > 0)
        {
            return size;
        }

        var errorLength = -size;
        var text = body.Slice(position, Math.Min(errorLength, body.Length - position));
        var message = CharAt(body, position + 1) == 'u'
            ? "Invalid Unicode escape sequence: \"" + text.ToString() + "\"."
            : "Invalid character escape sequence: \"" + text.ToString() + "\".";
        SyntaxErrors.Throw(body, position, message);
        return 0;
    }

    /// <summary>Decodes the (valid) escape sequence at <paramref name="position"/> into <paramref name="destination"/> and returns its length.</summary>
    public static int Decode(ReadOnlySpan<char> raw, int position, Span<char> destination, ref int length)
    {
        var size = Read(raw, position, out var first, out var second);
        if (first > 0xFFFF)
        {
            var value = first - 0x10000;
            destination[length++] = (char)(0xD800 + (value >> 10));
            destination[length++] = (char)(0xDC00 + (value & 0x3FF));
        }
        else
        {
            destination[length++] = (char)first;
            if (second >= 0)
            {
                destination[length++] = (char)second;
            }
        }
        return size;
    }

    /// <summary>
    /// Reads the escape at <paramref name="position"/>. Returns its length, or minus the length of
    /// the text to quote in the error message when it is invalid. <paramref name="first"/> is the
    /// code point (or leading surrogate of a legacy pair, then <paramref name="second"/> is the trailing one).
    /// </summary>
    private static int Read(ReadOnlySpan<char> body, int position, out int first, out int second)
    {
        first = 0;
        second = -1;
        var code = CharAt(body, position + 1);
        switch (code)
        {
            case '"':
                first = '"';
                return 2;
            case '\\':
                first = '\\';
                return 2;
            case '/':
                first = '/';
                return 2;
            case 'b':
                first = '\b';
                return 2;
            case 'f':
                first = '\f';
                return 2;
            case 'n':
                first = '\n';
                return 2;
            case 'r':
                first = '\r';
                return 2;
            case 't':
                first = '\t';
                return 2;
            case 'u':
                return CharAt(body, position + 2) == '{'
                    ? ReadVariableWidth(body, position, out first)
                    : ReadFixedWidth(body, position, out first, out second);
            default:
                return -2;
        }
    }

    private static int ReadVariableWidth(ReadOnlySpan<char> body, int position, out int codePoint)
    {
        codePoint = 0;
        var point = 0;
        var size = 3;
        // At most 12 characters: \u{00000000}.
        while (size < 12)
        {
            var code = CharAt(body, position + size++);
            if (code == '}')
            {
                // At least \u{0}, and the value must be a Unicode scalar value.
                if (size < 5 || !IsUnicodeScalarValue(point))
                {
                    break;
                }
                codePoint = point;
                return size;
            }
            point = unchecked((point << 4) | HexValue(code));
            if (point < 0)
            {
                break;
            }
        }
        return -size;
    }

    private static int ReadFixedWidth(ReadOnlySpan<char> body, int position, out int first, out int second)
    {
        second = -1;
        first = Read16BitHex(body, position + 2);
        if (IsUnicodeScalarValue(first))
        {
            return 6;
        }

        // A leading surrogate is allowed when followed by an escaped trailing surrogate.
        if (first >= 0xD800 && first <= 0xDBFF && CharAt(body, position + 6) == '\\' && CharAt(body, position + 7) == 'u')
        {
            var trailing = Read16BitHex(body, position + 8);
            if (trailing >= 0xDC00 && trailing <= 0xDFFF)
            {
                second = trailing;
                return 12;
            }
        }
        return -6;
    }

    private static int Read16BitHex(ReadOnlySpan<char> body, int position) =>
        (HexValue(CharAt(body, position)) << 12)
        | (HexValue(CharAt(body, position + 1)) << 8)
        | (HexValue(CharAt(body, position + 2)) << 4)
        | HexValue(CharAt(body, position + 3));

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    private static bool IsUnicodeScalarValue(int code) => (code >= 0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0x10FFFF);

    private static char CharAt(ReadOnlySpan<char> body, int position) =>
        (uint)position < (uint)body.Length ? body[position] : '\uFFFF';
}
