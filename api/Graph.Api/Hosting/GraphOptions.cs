namespace Graph.Api.Hosting;

/// <summary>The "Graph" configuration section (appsettings.json, then environment variables such as
/// <c>Graph__Auth__SigningKey</c>).</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    public AuthOptions Auth { get; set; } = new();

    public AdminUiOptions AdminUi { get; set; } = new();

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
}
