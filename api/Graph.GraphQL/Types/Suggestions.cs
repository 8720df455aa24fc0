namespace Graph.GraphQL.Types;

/// <summary>"Did you mean ...?" hints, worded and ranked as the reference implementation does.</summary>
public static class Suggestions
{
    private const int MaxSuggestions = 5;

    /// <summary>The names among <paramref name="options"/> close to <paramref name="input"/>, best first.</summary>
    public static IReadOnlyList<string> SuggestionList(string input, IEnumerable<string> options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var threshold = (int)Math.Floor(input.Length * 0.4) + 1;
        var inputLower = input.ToLowerInvariant();
        var found = new List<(string Option, int Distance)>();
        foreach (var option in options)
        {
            var distance = LexicalDistance(input, inputLower, option, threshold);
            if (distance is int d)
            {
                found.Add((option, d));
            }
        }
        found.Sort(static (a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : NaturalOrder.Compare(a.Option, b.Option));
        var result = new string[found.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = found[i].Option;
        }
        return result;
    }

    /// <summary>
    /// <c> Did you mean "a", "b", or "c"?</c> (with a leading space) for the options close to <paramref name="input"/>;
    /// empty when none is close.
    /// </summary>
    public static string DidYouMean(string? subMessage, string input, IEnumerable<string> options) =>
        Format(subMessage, SuggestionList(input, options));

    /// <summary>Formats already chosen suggestions: <c> Did you mean [subMessage ]"a" or "b"?</c>; empty when there are none.</summary>
    public static string Format(string? subMessage, IReadOnlyList<string> suggestions)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        if (suggestions.Count == 0)
        {
            return string.Empty;
        }
        var prefix = subMessage is null ? " Did you mean " : " Did you mean " + subMessage + " ";
        switch (suggestions.Count)
        {
            case 1:
                return prefix + Quote(suggestions[0]) + "?";
            case 2:
                return prefix + Quote(suggestions[0]) + " or " + Quote(suggestions[1]) + "?";
        }
        var count = Math.Min(suggestions.Count, MaxSuggestions);
        var parts = new string[count - 1];
        for (var i = 0; i < count - 1; i++)
        {
            parts[i] = Quote(suggestions[i]);
        }
        return prefix + string.Join(", ", parts) + ", or " + Quote(suggestions[count - 1]) + "?";
    }

    private static string Quote(string value) => "\"" + value + "\"";

    private static int? LexicalDistance(string input, string inputLower, string option, int threshold)
    {
        if (string.Equals(input, option, StringComparison.Ordinal))
        {
            return 0;
        }
        var optionLower = option.ToLowerInvariant();
        if (string.Equals(inputLower, optionLower, StringComparison.Ordinal))
        {
            return 1;
        }
        var a = inputLower;
        var b = optionLower;
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }
        if (a.Length - b.Length > threshold)
        {
            return null;
        }
        // Damerau-Levenshtein (optimal string alignment) over three rows.
        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = new int[b.Length + 1];
        }
        for (var j = 0; j <= b.Length; j++)
        {
            rows[0][j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            var upRow = rows[(i - 1) % 3];
            var currentRow = rows[i % 3];
            var smallestCell = currentRow[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var currentCell = Math.Min(Math.Min(upRow[j] + 1, currentRow[j - 1] + 1), upRow[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    var doubleDiagonalCell = rows[(i - 2) % 3][j - 2];
                    currentCell = Math.Min(currentCell, doubleDiagonalCell + 1);
                }
                if (currentCell < smallestCell)
                {
                    smallestCell = currentCell;
                }
                currentRow[j] = currentCell;
            }
            if (smallestCell > threshold)
            {
                return null;
            }
        }
        var distance = rows[a.Length % 3][b.Length];
        return distance <= threshold ? distance : null;
    }
}
