using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Graph.GraphQL.AspNetCore.Ide;

/// <summary>
/// Serves the self-hosted Banana Cake Pop IDE of one endpoint (see <see cref="GraphQLToolOptions"/>):
/// <list type="bullet">
/// <item><c>GET {path}</c> (and <c>{path}/</c>, <c>{path}/index.html</c>): the package's index.html with a
/// <c>&lt;base href="{path}/"&gt;</c>, so that its relative assets (<c>static/js/...</c>) load from <c>{path}/</c>;</item>
/// <item><c>GET {path}/bcp-config.json</c>: what the IDE reads at start (it fetches <c>bcp-config.json</c> next to the
/// page's URL): the endpoint, over HTTP POST;</item>
/// <item><c>GET {path}/...</c>: the package's other files; hashed ones (<c>static/</c>) cached for a year.</item>
/// </list>
/// When the files cannot be found the answer is 404 with how to install them, never an exception.
/// </summary>
internal sealed class GraphQLIde(GraphQLServerOptions options, string path, string contentRoot, ILogger logger)
{
    public const string ConfigFile = "bcp-config.json";
    private const string HashedAssets = "static/";
    private static readonly FileExtensionContentTypeProvider ContentTypes = CreateContentTypes();

    private readonly string _path = path.TrimEnd('/');
    private Files? _files;
    private bool _warned;

    /// <summary>Writes the IDE's index.html (or the 404 that says how to install it).</summary>
    public async Task WriteIndexAsync(HttpContext context)
    {
        if (Find() is not { } files)
        {
            await WriteMissingAsync(context).ConfigureAwait(false);
            return;
        }
        var baseHref = HtmlEncoder.Default.Encode(context.Request.PathBase.Add(_path).Value + "/");
        var html = files.Index.Insert(files.HeadEnd, $"<base href=\"{baseHref}\"/>");
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        await context.Response.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary><c>GET {path}/{file}</c>: index.html, bcp-config.json or a file of the package; 404 when the IDE is off.</summary>
    public async Task HandleFileAsync(HttpContext context)
    {
        if (!options.Tool.Enable)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var file = (context.Request.RouteValues["file"] as string ?? string.Empty).TrimStart('/');
        if (file.Length == 0 || file.Equals("index.html", StringComparison.OrdinalIgnoreCase))
        {
            await WriteIndexAsync(context).ConfigureAwait(false);
            return;
        }
        if (file.Equals(ConfigFile, StringComparison.OrdinalIgnoreCase))
        {
            await WriteConfigAsync(context).ConfigureAwait(false);
            return;
        }
        if (Find() is not { } files)
        {
            await WriteMissingAsync(context).ConfigureAwait(false);
            return;
        }
        // The file provider refuses paths that leave its root (.., absolute paths) and hidden files.
        var info = files.Provider.GetFileInfo(file);
        if (!info.Exists || info.IsDirectory || info.PhysicalPath is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!ContentTypes.TryGetContentType(file, out var contentType))
        {
            contentType = "application/octet-stream";
        }
        context.Response.Headers[HeaderNames.CacheControl] = file.StartsWith(HashedAssets, StringComparison.Ordinal)
            ? "public, max-age=31536000, immutable"
            : "no-cache";
        context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        var lastModified = info.LastModified;
        var etag = new EntityTagHeaderValue($"\"{lastModified.UtcTicks ^ info.Length:x}\"");
        await TypedResults.PhysicalFile(info.PhysicalPath, contentType, lastModified: lastModified, entityTag: etag)
            .ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>
    /// The IDE's configuration: this endpoint (relative to the page, so it follows the host and path base), over POST.
    /// Subscriptions need no entry: the IDE opens its WebSocket on the same URL (<c>http</c> becomes <c>ws</c>,
    /// <c>https</c> <c>wss</c>), where the endpoint serves them.
    /// </summary>
    private async Task WriteConfigAsync(HttpContext context)
    {
        var config = new Dictionary<string, object?>
        {
            ["endpoint"] = context.Request.PathBase.Add(_path).Value,
            ["useBrowserUrlAsEndpoint"] = true,
            ["useGet"] = false,
            ["includeCookies"] = false,
            ["title"] = options.Tool.Title,
            // Users may be offline, and nothing is sent elsewhere.
            ["disableTelemetry"] = true,
        };
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        await JsonSerializer.SerializeAsync(context.Response.Body, config, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WriteMissingAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        await context.Response.WriteAsync(MissingMessage(), context.RequestAborted).ConfigureAwait(false);
    }

    private string MissingMessage() =>
        "The GraphQL IDE (Banana Cake Pop) is not installed on this server. " +
        "Run `npm install` at the root of the repository (it installs @chillicream/bananacakepop-graphql-ide into node_modules), " +
        $"or copy that package's files into {GraphQLToolOptions.DefaultFolder} below the content root, or point GraphQLServerOptions.Tool.Path " +
        "(Graph:GraphQL:Ide:Path) at them. " +
        $"GraphQL requests still work: POST {_path} with a JSON body.";

    /// <summary>The IDE's files, found on first use (and looked for again while missing, so that an install needs no restart).</summary>
    private Files? Find()
    {
        if (Volatile.Read(ref _files) is { } found)
        {
            return found;
        }
        foreach (var folder in Candidates())
        {
            var index = System.IO.Path.Combine(folder, "index.html");
            if (!File.Exists(index))
            {
                continue;
            }
            try
            {
                var html = File.ReadAllText(index);
                var head = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
                var files = new Files(new PhysicalFileProvider(folder), html, head < 0 ? 0 : head + "<head>".Length);
                Volatile.Write(ref _files, files);
                logger.LogInformation("Serving the GraphQL IDE at {Path} from {Folder}.", _path, folder);
                return files;
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "The GraphQL IDE's index.html at {Index} cannot be read.", index);
            }
        }
        if (!_warned)
        {
            _warned = true;
            logger.LogWarning("{Message} Looked in: {Folders}.", MissingMessage(), string.Join(", ", Candidates()));
        }
        return null;
    }

    /// <summary>The folders that may hold the IDE, in order (see <see cref="GraphQLToolOptions.Path"/>).</summary>
    private IEnumerable<string> Candidates()
    {
        if (options.Tool.Path is { Length: > 0 } configured)
        {
            yield return System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, configured));
            yield break;
        }
        yield return System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, GraphQLToolOptions.DefaultFolder));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(System.IO.Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, GraphQLToolOptions.PackageFolder);
                if (seen.Add(candidate))
                {
                    yield return candidate;
                }
            }
        }
    }

    private static FileExtensionContentTypeProvider CreateContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        provider.Mappings[".js"] = "text/javascript";
        provider.Mappings[".woff2"] = "font/woff2";
        provider.Mappings[".ttf"] = "font/ttf";
        provider.Mappings[".txt"] = "text/plain";
        return provider;
    }

    private sealed record Files(PhysicalFileProvider Provider, string Index, int HeadEnd);
}
