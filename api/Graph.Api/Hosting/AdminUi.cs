using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Graph.Api.Hosting;

/// <summary>
/// Serves the built admin SPA under /admin: hashed assets cached for a year, index.html for every
/// other path below /admin so that client-side routes survive a reload.
/// </summary>
public static class AdminUi
{
    public const string BasePath = "/admin";

    /// <summary>Static files of the SPA. Must come before routing, or the SPA fallback would swallow the assets.</summary>
    public static WebApplication UseAdminUi(this WebApplication app)
    {
        if (IndexFile(app) is not { } index)
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

    /// <summary>"/" and "/admin" redirect to the SPA; any other path below /admin gets index.html (client-side routes).</summary>
    public static WebApplication MapAdminUi(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect(BasePath + "/"));
        var index = IndexFile(app);
        app.MapGet(BasePath + "/{**path}", async context =>
        {
            if (context.Request.Path.Value == BasePath)
            {
                context.Response.Redirect(BasePath + "/");
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

    private static string? IndexFile(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GraphOptions>>().Value.AdminUi;
        var index = Path.GetFullPath(Path.Combine(app.Environment.ContentRootPath, options.Path, "index.html"));
        return File.Exists(index) ? index : null;
    }
}
