namespace Graph.GraphQL.Validation;

/// <summary>
/// The reference implementation's <c>naturalCompare</c>: compares names so that embedded numbers sort by value
/// ("a2" before "a10"). (The type system's <c>Suggestions</c> has the same ordering, but privately.)
/// </summary>
internal static class NameOrder
{
    public static int NaturalCompare(string a, string b)
    {
        var i = 0;
        var j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var startI = i;
                var startJ = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }
                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }
                var numberA = decimal.Parse(a.AsSpan(startI, i - startI), provider: System.Globalization.CultureInfo.InvariantCulture);
                var numberB = decimal.Parse(b.AsSpan(startJ, j - startJ), provider: System.Globalization.CultureInfo.InvariantCulture);
                if (numberA != numberB)
                {
                    return numberA.CompareTo(numberB);
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
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
