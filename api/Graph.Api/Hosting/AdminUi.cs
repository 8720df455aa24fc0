using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Graph.Api.Hosting;

/// <summary>
/// Serves the built admin SPA under /admin: hashed assets cached for a year, index.html for every
/// other path below /admin so that client-side routes survive a reload. A missing file (a path with
/// an extension, such as /admin/assets/app-1234.js or /admin/favicon.ico) is a 404, not index.html.
/// </summary>
public static class AdminUi
{
    public const string BasePath = "/admin";

    /// <summary>The SPA's index.html, or null when the SPA is not built. Found once, when the pipeline is built.</summary>
    public static string? FindIndexFile(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GraphOptions>>().Value.AdminUi;
        var index = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, options.Path, "index.html"));
        return File.Exists(index) ? index : null;
    }

    /// <summary>Static files of the SPA. Must come before routing, or the SPA fallback would swallow the assets.</summary>
    /// <remarks>index: from <see cref="FindIndexFile"/>.</remarks>
    public static WebApplication UseAdminUi(this WebApplication app, string? index)
    {
        if (index is null)
        {
            app.Logger.LogWarning("The admin UI is not built: run `npm run build --workspace admin-ui` (npm start does it).");
            return app;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(index)!),
            RequestPath = BasePath,
            OnPrepareResponse = ctx =>
            {
                var isHashedAsset = ctx.Context.Request.Path.StartsWithSegments(BasePath + "/assets");
                ctx.Context.Response.Headers[HeaderNames.CacheControl] = isHashedAsset ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
        return app;
    }

    /// <summary>"/" and "/admin" redirect to the SPA; any other path below /admin without an extension gets
    /// index.html (client-side routes); a path with one reaches here only when the file is missing: 404.</summary>
    /// <remarks>index: from <see cref="FindIndexFile"/>.</remarks>
    public static WebApplication MapAdminUi(this WebApplication app, string? index)
    {
        app.MapGet("/", () => Results.Redirect(BasePath + "/"));
        app.MapGet(BasePath + "/{**path}", async (HttpContext context, string? path) =>
        {
            if (context.Request.Path.Value == BasePath)
            {
                context.Response.Redirect(BasePath + "/");
                return;
            }

            // The static files come first; a file name that gets this far does not exist. Answering
            // index.html would hand the browser HTML for a script, an image or a source map.
            if (Path.HasExtension(path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (index is null)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("The admin UI has not been built. Run `npm run build --workspace admin-ui` (npm start does it).");
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            await context.Response.SendFileAsync(index, context.RequestAborted);
        });
        return app;
    }
}
