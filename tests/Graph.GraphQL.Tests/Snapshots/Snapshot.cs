using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IOPath = System.IO.Path;

namespace Graph.GraphQL.Tests.Snapshots;

/// <summary>
/// File snapshots for tests. <c>Snapshot.Match(actual)</c> compares <paramref name="actual"/> with
/// <c>__snapshots__/&lt;TestClass&gt;.&lt;TestMethod&gt;[.&lt;name&gt;].snap</c> next to the calling test file.
/// A missing snapshot is written and the test passes, unless the environment variable <c>CI</c> is
/// <c>true</c>: then it fails. A mismatch fails with the first differing line and writes the
/// actual text to <c>&lt;snapshot&gt;.mismatch</c>; that file is deleted once the test passes again.
/// </summary>
public static class Snapshot
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Matches a text snapshot.</summary>
    /// <param name="actual">The text produced by the test.</param>
    /// <param name="name">An optional suffix, for several snapshots in one test.</param>
    public static void Match(
        string actual,
        string? name = null,
        [CallerFilePath] string callerFilePath = "",
        [CallerMemberName] string callerMemberName = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        MatchCore(Normalize(actual), name, callerFilePath, callerMemberName);
    }

    /// <summary>Matches an object serialised as indented JSON.</summary>
    public static void Match(
        object? actual,
        string? name = null,
        [CallerFilePath] string callerFilePath = "",
        [CallerMemberName] string callerMemberName = "")
    {
        var json = JsonSerializer.Serialize(actual, actual?.GetType() ?? typeof(object), JsonOptions);
        MatchCore(Normalize(json), name, callerFilePath, callerMemberName);
    }

    /// <summary>The path of the snapshot file a test method uses.</summary>
    public static string GetSnapshotPath(string callerFilePath, string callerMemberName, string? name = null)
    {
        var directory = IOPath.Combine(IOPath.GetDirectoryName(callerFilePath) ?? ".", "__snapshots__");
        var testClass = IOPath.GetFileNameWithoutExtension(callerFilePath);
        var fileName = name is null
            ? $"{testClass}.{callerMemberName}.snap"
            : $"{testClass}.{callerMemberName}.{name}.snap";
        return IOPath.Combine(directory, fileName);
    }

    private static void MatchCore(string actual, string? name, string callerFilePath, string callerMemberName) =>
        MatchFile(actual, GetSnapshotPath(callerFilePath, callerMemberName, name), IsCi());

    /// <summary>Compares <paramref name="actual"/> with the snapshot file at <paramref name="path"/>.</summary>
    internal static void MatchFile(string actual, string path, bool isCi)
    {
        actual = Normalize(actual);
        var mismatchPath = path + ".mismatch";

        if (!File.Exists(path))
        {
            if (isCi)
            {
                Assert.Fail($"Snapshot {path} is missing. Run the tests locally to create it and commit it.");
            }
            Directory.CreateDirectory(IOPath.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, Utf8NoBom);
            DeleteIfExists(mismatchPath);
            return;
        }

        var expected = Normalize(File.ReadAllText(path, Utf8NoBom));
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            DeleteIfExists(mismatchPath);
            return;
        }

        File.WriteAllText(mismatchPath, actual, Utf8NoBom);
        Assert.Fail(DescribeDifference(path, expected, actual));
    }

    internal static string DescribeDifference(string path, string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && string.Equals(expectedLines[line], actualLines[line], StringComparison.Ordinal))
        {
            line++;
        }

        var expectedLine = line < expectedLines.Length ? expectedLines[line] : "<end of snapshot>";
        var actualLine = line < actualLines.Length ? actualLines[line] : "<end of output>";
        return new StringBuilder()
            .Append("Snapshot mismatch: ").AppendLine(path)
            .Append("First difference at line ").Append(line + 1).AppendLine(":")
            .Append("  expected: ").AppendLine(expectedLine)
            .Append("  actual:   ").AppendLine(actualLine)
            .Append("The actual output was written to ").Append(path).Append(".mismatch")
            .ToString();
    }

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static bool IsCi() => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
