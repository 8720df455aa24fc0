namespace Graph.Api.Hosting;

/// <summary>The "Graph" configuration section (appsettings.json, then environment variables such as
/// <c>Graph__Auth__SigningKey</c>).</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    public AuthOptions Auth { get; set; } = new();

    public AdminUiOptions AdminUi { get; set; } = new();

    public GraphQLOptions GraphQL { get; set; } = new();

    public sealed class AuthOptions
    {
        /// <summary>The key that signs access tokens: at least 32 bytes of secret, never the development value outside Development.</summary>
        public string SigningKey { get; set; } = "";
    }

    public sealed class AdminUiOptions
    {
        /// <summary>Folder holding the built SPA (index.html + assets), served under /admin. Relative paths start at the content root.</summary>
        public string Path { get; set; } = "wwwroot/admin";
    }

    public sealed class GraphQLOptions
    {
        public IdeOptions Ide { get; set; } = new();
    }

    /// <summary>The Banana Cake Pop IDE a browser gets at /graphql ("Graph:GraphQL:Ide").</summary>
    public sealed class IdeOptions
    {
        /// <summary>Whether the IDE is served (appsettings: true). A production deployment may switch it off
        /// (<c>Graph__GraphQL__Ide__Enabled=false</c>): browsers then get 406, GraphQL requests are unchanged.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>The folder of the IDE's files; relative paths start at the content root. Empty: wwwroot/graphql-ide
        /// (the container image), else the repository's node_modules/@chillicream/bananacakepop-graphql-ide (npm install).</summary>
        public string? Path { get; set; }
    }
}
