using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Deliveries;

/// <summary>
/// <c>GET /trace/{code}</c>: the public trace page a QR code leads to. Server-rendered HTML in French, readable on a phone,
/// without scripts (a Content-Security-Policy forbids them), every value HTML-encoded; an unknown or malformed code gets a
/// 404 page. Anonymous and not counted by the GraphQL rate limit (<see cref="GraphRateLimits"/> counts /graphql only).
/// </summary>
public static class PublicTracePage
{
    /// <summary>The page's Content-Security-Policy: no scripts, images and styles from the page itself only.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    // The server runs in globalization-invariant mode: French months and number formats are written here.
    private static readonly string[] Months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    // Encodes markup characters; accented letters stay as they are (the page is UTF-8).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Maps the page.</summary>
    public static IEndpointRouteBuilder MapPublicTracePage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/trace/{code}", HandleAsync).AllowAnonymous().WithName("PublicTracePage");
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(string code, HttpContext context, [FromServices] IDbContextFactory<GraphDbContext> contexts, [FromServices] IOptions<GraphOptions> options)
    {
        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        var trace = await PublicTraces.FindAsync(db, code, TraceUrls.PageUrl(options.Value, context.Request, code), context.RequestAborted);
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers.ContentLanguage = "fr";
        if (trace is null)
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(NotFoundHtml(), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);
        }
        // The chain grows and a verification may change: a short cache only.
        context.Response.Headers.CacheControl = "public, max-age=60";
        return Results.Content(Html(trace), "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The page of a trace.</summary>
    public static string Html(PublicTrace trace)
    {
        var html = new StringBuilder(4096);
        var title = trace.Subject == PublicTraceSubject.Lot && trace.Lot is { } titleLot ? $"Lot {titleLot.Code}" : "Livraison de cacao";
        Open(html, "Traçabilité — " + title);
        html.Append("<h1>").Append(E(title)).Append("</h1>\n");
        html.Append("<p class=\"coop\">").Append(E(trace.Cooperative.Name));
        var place = string.Join(", ", new[] { trace.Cooperative.Region, trace.Cooperative.Country }.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (place.Length > 0)
        {
            html.Append(" — ").Append(E(place));
        }
        html.Append("</p>\n");

        var v = trace.Verification;
        html.Append(v.Valid
            ? $"<p class=\"ok\">✔ Chaîne de traçabilité vérifiée ({v.CheckedEvents.ToString(CultureInfo.InvariantCulture)} événements).</p>\n"
            : $"<p class=\"ko\">✘ Chaîne de traçabilité rompue à l'événement n° {E(v.BrokenAtSequence?.ToString(CultureInfo.InvariantCulture) ?? "?")} ({E(ReasonLabel(v.Reason))}).</p>\n");

        if (trace.Lot is { } lot)
        {
            html.Append("<h2>Lot</h2>\n<dl>");
            Item(html, "Code", lot.Code);
            Item(html, "Qualité", GradeLabel(lot.Grade));
            Item(html, "Poids", Kg(lot.WeightKg));
            Item(html, "Magasin", lot.WarehouseTown ?? "—");
            Item(html, "État", lot.Status == LotStatus.Sold ? "Vendu" : "En stock");
            Item(html, "Constitué le", $"{lot.FormedAt.Day} {Months[lot.FormedAt.Month - 1]} {lot.FormedAt.Year}");
            html.Append("</dl>\n");
        }

        html.Append("<h2>Origines</h2>\n<table><thead><tr><th>Date</th><th>Poids net</th><th>Planteur</th><th>Village</th><th>Parcelle</th></tr></thead><tbody>\n");
        foreach (var delivery in trace.Deliveries)
        {
            var o = delivery.Origin;
            html.Append("<tr><td>").Append(E(delivery.DeliveredOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)))
                .Append("</td><td>").Append(E(Kg(delivery.NetWeightKg)))
                .Append("</td><td>").Append(E(o.Planter))
                .Append("</td><td>").Append(E(o.Village ?? "—"))
                .Append("</td><td>").Append(E($"{FrenchNumber(o.AreaHectares)} ha, {o.Latitude.ToString("0.00", CultureInfo.InvariantCulture)}, {o.Longitude.ToString("0.00", CultureInfo.InvariantCulture)}"))
                .Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n");

        html.Append("<h2>Historique</h2>\n<ol class=\"events\">\n");
        foreach (var e in trace.Events)
        {
            html.Append("<li><b>").Append(E(KindLabel(e.Kind))).Append("</b> — ")
                .Append(E(e.RecordedAt.ToString("dd/MM/yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture)))
                .Append("<br><code>").Append(E(e.Hash)).Append("</code></li>\n");
        }
        html.Append("</ol>\n");

        html.Append("<p class=\"qr\"><img src=\"").Append(E(TraceUrls.PathOf(trace.Code) + "/qr.svg")).Append("\" alt=\"Code QR de cette page\" width=\"160\" height=\"160\"><br><code>")
            .Append(E(trace.Code)).Append("</code></p>\n");
        Close(html);
        return html.ToString();
    }

    /// <summary>The page for a code that names nothing.</summary>
    public static string NotFoundHtml()
    {
        var html = new StringBuilder(1024);
        Open(html, "Traçabilité — code inconnu");
        html.Append("<h1>Code inconnu</h1>\n<p>Aucune livraison ni aucun lot ne porte ce code de traçabilité. Vérifiez le code imprimé sous le QR code.</p>\n");
        Close(html);
        return html.ToString();
    }

    private static void Open(StringBuilder html, string title) => html
        .Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n")
        .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>")
        .Append(E(title)).Append("</title>\n<style>")
        .Append("body{font-family:system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem;line-height:1.4;color:#222}")
        .Append("table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}")
        .Append("dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem 1rem}dt{font-weight:bold}dd{margin:0}")
        .Append(".ok{color:#1a7f37;font-weight:bold}.ko{color:#b00020;font-weight:bold}code{font-size:.75rem;word-break:break-all}.qr{text-align:center}")
        .Append("</style>\n</head>\n<body>\n");

    private static void Close(StringBuilder html) => html.Append("<footer><small>CocoaTrack — page publique de traçabilité</small></footer>\n</body>\n</html>\n");

    private static void Item(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static string E(string value) => Encoder.Encode(value);

    private static string Kg(decimal kg) => FrenchNumber(kg) + " kg";

    /// <summary>A figure as French readers write it: thin spaces between thousands, a decimal comma, no needless zeros
    /// (12 345,5).</summary>
    internal static string FrenchNumber(decimal value)
    {
        var text = (value / 1.0000000000000000000000000000m).ToString("#,0.###", CultureInfo.InvariantCulture);
        return text.Replace(",", "\u202F", StringComparison.Ordinal).Replace('.', ',');
    }

    internal static string GradeLabel(CocoaGrade grade) => grade switch
    {
        CocoaGrade.GradeI => "Grade I",
        CocoaGrade.GradeII => "Grade II",
        _ => "Sous-grade",
    };

    private static string ReasonLabel(TraceBreakReason? reason) => reason switch
    {
        TraceBreakReason.Altered => "événement modifié",
        TraceBreakReason.LinkBroken => "lien rompu",
        TraceBreakReason.Missing => "événement manquant",
        _ => "inconnu",
    };

    private static string KindLabel(TraceEventKind kind) => kind switch
    {
        TraceEventKind.DeliveryRecorded => "Livraison enregistrée",
        TraceEventKind.DeliveryValidated => "Livraison validée",
        TraceEventKind.DeliveryRejected => "Livraison rejetée",
        TraceEventKind.DeliveryCorrected => "Livraison corrigée",
        TraceEventKind.DeliveryPaid => "Planteur payé",
        TraceEventKind.DeliveryUnpaid => "Paiement du planteur annulé",
        TraceEventKind.LotFormed => "Lot constitué",
        TraceEventKind.LotMoved => "Lot transféré",
        TraceEventKind.LotSold => "Lot vendu",
        _ => kind.ToString(),
    };
}
