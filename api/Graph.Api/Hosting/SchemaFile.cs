namespace Graph.Api.Hosting;

/// <summary>Where the checked-in schema lives: schema/schema.graphql at the repository root.</summary>
public static class SchemaFile
{
    public const string RelativePath = "schema/schema.graphql";

    /// <summary>The schema file of the repository that holds <paramref name="start"/>, or below <paramref name="start"/> when it is in none.</summary>
    public static string DefaultPath(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
            {
                return Path.Combine(dir.FullName, RelativePath);
            }
        }
        return Path.GetFullPath(Path.Combine(start, RelativePath));
    }
}
