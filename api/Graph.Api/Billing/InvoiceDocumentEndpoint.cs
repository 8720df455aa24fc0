using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Identity;
using Graph.GraphQL.Types.Relay;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Billing;

/// <summary>
/// <c>GET /billing/invoices/{id}/document</c>: the printable page of an invoice (its global ID), for its buyer, FINANCE and
/// ADMIN, with the graph's bearer token: 401 without a signed-in user, 404 for an invoice that does not exist or that the
/// caller may not see (the same answer, so that IDs cannot be probed). French unless Accept-Language prefers English.
/// </summary>
public static class InvoiceDocumentEndpoint
{
    /// <summary>The route of the endpoint.</summary>
    public const string Route = "/billing/invoices/{id}/document";

    /// <summary>Maps the endpoint.</summary>
    public static RouteHandlerBuilder MapInvoiceDocuments(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Route, HandleAsync).RefuseInvalidBearerTokens().WithName("InvoiceDocument");

    private static async Task<IResult> HandleAsync(
        string id,
        HttpContext context,
        [FromServices] IDbContextFactory<GraphDbContext> contexts,
        [FromServices] INodeIdSerializer ids,
        [FromServices] IOptions<GraphOptions> options)
    {
        var user = context.User;
        if (user.GetUserId() is null)
        {
            return Results.Json(new { error = new { code = "AUTH_NOT_AUTHENTICATED", message = "Sign in to see invoices." } }, statusCode: StatusCodes.Status401Unauthorized);
        }
        Guid? invoiceId = ids.TryParse(id, out var nodeId) && nodeId is { TypeName: nameof(Invoice), Key: Guid key } ? key : null;
        var cancellationToken = context.RequestAborted;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var invoice = invoiceId is { } found
            ? await db.Invoices.AsNoTracking().Include(i => i.Lines).VisibleTo(user).SingleOrDefaultAsync(i => i.Id == found, cancellationToken)
            : null;
        if (invoice is null)
        {
            return Results.Json(new { error = new { code = "INVOICE_NOT_FOUND", message = "There is no invoice with this ID." } }, statusCode: StatusCodes.Status404NotFound);
        }
        var corrects = invoice.CorrectsInvoiceId is { } correctsId
            ? await db.Invoices.AsNoTracking().Where(i => i.Id == correctsId).Select(i => i.Number).SingleAsync(cancellationToken)
            : null;
        var language = PrefersEnglish(context.Request.Headers.AcceptLanguage.ToString()) ? "en" : "fr";
        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers.ContentLanguage = language;
        return Results.Content(InvoiceDocument.Html(invoice, corrects, options.Value.Billing, language), "text/html; charset=utf-8");
    }

    /// <summary>Whether the first language of an Accept-Language header that the documents speak is English.</summary>
    private static bool PrefersEnglish(string header)
    {
        var best = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part =>
            {
                var pieces = part.Split(';', StringSplitOptions.TrimEntries);
                var quality = pieces.Skip(1).Where(p => p.StartsWith("q=", StringComparison.OrdinalIgnoreCase))
                    .Select(p => double.TryParse(p[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q) ? q : 0)
                    .DefaultIfEmpty(1).First();
                return (Language: pieces[0].Split('-')[0].ToLowerInvariant(), Quality: quality);
            })
            .Where(l => l.Language is "fr" or "en" && l.Quality > 0)
            .OrderByDescending(l => l.Quality)
            .FirstOrDefault();
        return best.Language == "en";
    }
}
