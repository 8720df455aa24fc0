using System.Diagnostics;
using System.Text.Json;
using IOPath = System.IO.Path;

namespace Graph.GraphQL.Tests.Conformance;

/// <summary>
/// Runs graphql-js (the reference implementation, installed by npm in the repository's workspaces)
/// over our output through tests/conformance/introspection-roundtrip.mjs.
/// </summary>
internal static class GraphQLJs
{
    public sealed record Verdict(bool Ok, IReadOnlyList<string> Problems, string? FromIntrospection);

    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<Verdict> JudgeAsync(string sdl, JsonElement introspectionData)
    {
        var script = IOPath.Combine(RepositoryRoot, "tests", "conformance", "introspection-roundtrip.mjs");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = IOPath.GetDirectoryName(script)!,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        await node.StandardInput.WriteAsync(JsonSerializer.Serialize(new { sdl, introspection = introspectionData }));
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        var error = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"graphql-js could not run (exit code {node.ExitCode}); run `npm install` at the repository root. {error}");
        }
        return JsonSerializer.Deserialize<Verdict>(output, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(IOPath.Combine(dir.FullName, "Graph.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (the folder holding Graph.sln) was not found above " + AppContext.BaseDirectory);
    }
}
