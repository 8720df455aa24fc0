using Xunit.Sdk;
using IOPath = System.IO.Path;

namespace Graph.GraphQL.Tests.Snapshots;

public sealed class SnapshotTests : IDisposable
{
    private readonly string _directory = IOPath.Combine(IOPath.GetTempPath(), "snapshot-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private string SnapshotPath => IOPath.Combine(_directory, "__snapshots__", "Some.Test.snap");

    [Fact]
    public void Snapshot_path_is_next_to_the_test_file()
    {
        var path = Snapshot.GetSnapshotPath("/src/tests/Language/ParserTests.cs", "Parses", "extra");
        Assert.Equal(IOPath.Combine("/src/tests/Language", "__snapshots__", "ParserTests.Parses.extra.snap"), path);
        Assert.EndsWith("ParserTests.Parses.snap", Snapshot.GetSnapshotPath("/src/tests/Language/ParserTests.cs", "Parses"), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_snapshot_is_written_outside_ci()
    {
        Snapshot.MatchFile("line 1\r\nline 2", SnapshotPath, isCi: false);
        Assert.Equal("line 1\nline 2", File.ReadAllText(SnapshotPath));
        Snapshot.MatchFile("line 1\nline 2", SnapshotPath, isCi: true);
    }

    [Fact]
    public void Missing_snapshot_fails_on_ci()
    {
        var exception = Assert.ThrowsAny<XunitException>(() => Snapshot.MatchFile("text", SnapshotPath, isCi: true));
        Assert.Contains("is missing", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(SnapshotPath));
    }

    [Fact]
    public void Mismatch_fails_with_the_first_different_line_and_writes_the_actual_text()
    {
        Snapshot.MatchFile("same\nold\nend", SnapshotPath, isCi: false);

        var exception = Assert.ThrowsAny<XunitException>(() => Snapshot.MatchFile("same\nnew\nend", SnapshotPath, isCi: false));
        Assert.Contains("First difference at line 2:", exception.Message, StringComparison.Ordinal);
        Assert.Contains("  expected: old", exception.Message, StringComparison.Ordinal);
        Assert.Contains("  actual:   new", exception.Message, StringComparison.Ordinal);
        Assert.Equal("same\nnew\nend", File.ReadAllText(SnapshotPath + ".mismatch"));
        Assert.Equal("same\nold\nend", File.ReadAllText(SnapshotPath));

        Snapshot.MatchFile("same\nold\nend", SnapshotPath, isCi: false);
        Assert.False(File.Exists(SnapshotPath + ".mismatch"));
    }

    [Fact]
    public void Extra_or_missing_lines_are_reported()
    {
        Assert.Contains("  actual:   <end of output>", Snapshot.DescribeDifference("p", "a\nb", "a"), StringComparison.Ordinal);
        Assert.Contains("  expected: <end of snapshot>", Snapshot.DescribeDifference("p", "a", "a\nb"), StringComparison.Ordinal);
    }
}
