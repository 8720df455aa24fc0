namespace Graph.GraphQL.Types;

/// <summary>
/// Orders names so that embedded numbers sort by value ("a2" before "a10"), the order graphql-js uses
/// for suggestions and for some validation messages, quirks included: a digit run that starts with 0
/// is the number 0 alone ("a02" reads as 0 then 2), and ties go to the shorter name. Digit runs are
/// compared without parsing them, so a name with any number of digits is safe.
/// </summary>
internal static class NaturalOrder
{
    public static int Compare(string a, string b)
    {
        var i = 0;
        var j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var byValue = CompareNumbers(a, ref i, b, ref j);
                if (byValue != 0)
                {
                    return byValue;
                }
                continue;
            }
            if (a[i] != b[j])
            {
                return a[i].CompareTo(b[j]);
            }
            i++;
            j++;
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Compares the numbers starting at i and j by value and moves past them.</summary>
    private static int CompareNumbers(string a, ref int i, string b, ref int j)
    {
        var startI = i;
        var startJ = j;
        i = EndOfNumber(a, i);
        j = EndOfNumber(b, j);
        var lengths = (i - startI).CompareTo(j - startJ);
        return lengths != 0 ? lengths : a.AsSpan(startI, i - startI).SequenceCompareTo(b.AsSpan(startJ, j - startJ));
    }

    /// <summary>A number is a lone 0, or a run of digits that starts with 1-9.</summary>
    private static int EndOfNumber(string text, int start)
    {
        if (text[start] == '0')
        {
            return start + 1;
        }
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }
        return end;
    }
}
