using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Graph.Api.Deliveries;

/// <summary>The public addresses of trace pages: <c>{public base URL}/trace/{code}</c>, where the base URL is
/// "Graph:PublicBaseUrl" or, when it is empty, the scheme and host of the request being answered.</summary>
public static class TraceUrls
{
    /// <summary>The path of a trace page, from the site's root.</summary>
    public static string PathOf(string code) => "/trace/" + Uri.EscapeDataString(code);

    /// <summary>The base URL: the configured one, else the request's scheme, host and path base.</summary>
    public static string BaseUrl(GraphOptions options, HttpRequest? request)
    {
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            return options.PublicBaseUrl.Trim().TrimEnd('/');
        }
        return request is null ? "" : $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}";
    }

    /// <summary>The absolute address of the trace page of <paramref name="code"/>.</summary>
    public static string PageUrl(GraphOptions options, HttpRequest? request, string code) => BaseUrl(options, request) + PathOf(code);
}

/// <summary>QR codes of trace pages, drawn with QRCoder at error correction level M (15 % of the symbol may be damaged).</summary>
public static class TraceQrCodes
{
    /// <summary>The pixels of one module in the PNG (a 16-character code's URL gives a symbol of about 37 modules).</summary>
    public const int PngPixelsPerModule = 8;

    /// <summary>The QR code of <paramref name="url"/> as a PNG image.</summary>
    public static byte[] Png(string url)
    {
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(PngPixelsPerModule);
    }

    /// <summary>The QR code of <paramref name="url"/> as an SVG document that scales to its container.</summary>
    public static string Svg(string url)
    {
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(new System.Drawing.Size(256, 256), "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>Whether a delivery or a lot has this trace code (a malformed code is not looked up).</summary>
    public static async Task<bool> ExistsAsync(GraphDbContext db, string code, CancellationToken cancellationToken) =>
        TraceCodes.IsWellFormed(code)
        && (await db.Deliveries.AnyAsync(d => d.TraceCode == code, cancellationToken) || await db.Lots.AnyAsync(l => l.TraceCode == code, cancellationToken));
}

/// <summary>
/// <c>GET /trace/{code}/qr.png</c> and <c>GET /trace/{code}/qr.svg</c>: the QR code of a delivery's or lot's public trace page,
/// anonymous (the code is the capability). A code's image never changes, so it may be cached for a year
/// (<c>Cache-Control: public, max-age=31536000, immutable</c>); an unknown or malformed code gets 404 with a JSON error
/// <c>TRACE_NOT_FOUND</c>. Not counted by the GraphQL rate limit (<see cref="GraphRateLimits"/> counts /graphql only).
/// </summary>
public static class TraceQrCodeEndpoints
{
    /// <summary>Caching of a code's image: it depends only on the code (and the configured public address).</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Maps both images.</summary>
    public static IEndpointRouteBuilder MapTraceQrCodes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/trace/{code}/qr.png", (string code, HttpContext context, [FromServices] IDbContextFactory<GraphDbContext> contexts, [FromServices] IOptions<GraphOptions> options) =>
            ImageAsync(code, context, contexts, options.Value, url => Results.Bytes(TraceQrCodes.Png(url), "image/png"))).AllowAnonymous().WithName("TraceQrPng");
        endpoints.MapGet("/trace/{code}/qr.svg", (string code, HttpContext context, [FromServices] IDbContextFactory<GraphDbContext> contexts, [FromServices] IOptions<GraphOptions> options) =>
            ImageAsync(code, context, contexts, options.Value, url => Results.Text(TraceQrCodes.Svg(url), "image/svg+xml; charset=utf-8"))).AllowAnonymous().WithName("TraceQrSvg");
        return endpoints;
    }

    private static async Task<IResult> ImageAsync(string code, HttpContext context, IDbContextFactory<GraphDbContext> contexts, GraphOptions options, Func<string, IResult> draw)
    {
        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        if (!await TraceQrCodes.ExistsAsync(db, code, context.RequestAborted))
        {
            return NotFound();
        }
        context.Response.Headers.CacheControl = ImmutableCacheControl;
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        return draw(TraceUrls.PageUrl(options, context.Request, code));
    }

    /// <summary>The answer for a code that names nothing.</summary>
    internal static IResult NotFound() =>
        Results.Json(new { error = new { code = "TRACE_NOT_FOUND", message = "No delivery or lot has this trace code." } }, statusCode: StatusCodes.Status404NotFound);
}

/// <summary>The trace page and QR code of a delivery.</summary>
[ExtendObjectType<Delivery>]
public sealed class DeliveryTraceFields
{
    /// <summary>The address of the delivery's public trace page (what its QR code holds).</summary>
    public string GetTraceUrl([Parent] Delivery delivery, IHttpContextAccessor http, IOptions<GraphOptions> options) =>
        TraceUrls.PageUrl(options.Value, http.HttpContext?.Request, delivery.TraceCode);

    /// <summary>The QR code of the trace page, as an SVG document (also served at <c>/trace/{code}/qr.svg</c>).</summary>
    public string GetQrCodeSvg([Parent] Delivery delivery, IHttpContextAccessor http, IOptions<GraphOptions> options) =>
        TraceQrCodes.Svg(TraceUrls.PageUrl(options.Value, http.HttpContext?.Request, delivery.TraceCode));
}

/// <summary>The trace page and QR code of a lot.</summary>
[ExtendObjectType<Lot>]
public sealed class LotTraceFields
{
    /// <summary>The address of the lot's public trace page (what its QR code holds).</summary>
    public string GetTraceUrl([Parent] Lot lot, IHttpContextAccessor http, IOptions<GraphOptions> options) =>
        TraceUrls.PageUrl(options.Value, http.HttpContext?.Request, lot.TraceCode);

    /// <summary>The QR code of the trace page, as an SVG document (also served at <c>/trace/{code}/qr.svg</c>).</summary>
    public string GetQrCodeSvg([Parent] Lot lot, IHttpContextAccessor http, IOptions<GraphOptions> options) =>
        TraceQrCodes.Svg(TraceUrls.PageUrl(options.Value, http.HttpContext?.Request, lot.TraceCode));
}
