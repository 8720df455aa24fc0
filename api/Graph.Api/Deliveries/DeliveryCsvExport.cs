using System.Globalization;
using System.Text;
using CsvHelper;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Types.Relay;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Deliveries;

/// <summary>The filters of the deliveries export: those of the SPA's delivery list.</summary>
public sealed class DeliveryExportFilter
{
    /// <summary>One cooperative's deliveries.</summary>
    public Guid? CooperativeId { get; init; }

    /// <summary>One planter's own deliveries.</summary>
    public Guid? PlanterId { get; init; }

    /// <summary>A chief planter: their own deliveries and their members'.</summary>
    public Guid? ChiefPlanterId { get; init; }

    /// <summary>The deliveries to one warehouse.</summary>
    public Guid? WarehouseId { get; init; }

    /// <summary>The statuses kept; all when empty.</summary>
    public IReadOnlyList<DeliveryStatus> Statuses { get; init; } = [];

    /// <summary>The grades kept; all when empty.</summary>
    public IReadOnlyList<CocoaGrade> Grades { get; init; } = [];

    /// <summary>The first day, included.</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last day, included.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Part of the planter's name (case-insensitive).</summary>
    public string? Search { get; init; }

    /// <summary>The field separator: a comma (RFC 4180) or a semicolon (what Excel expects in French).</summary>
    public char Separator { get; init; } = ',';
}

/// <summary>A parameter of the export that cannot be read: answered 400 with <see cref="Code"/>.</summary>
public sealed class DeliveryExportParameterException(string parameter, string message) : Exception(message)
{
    /// <summary>The code of the error.</summary>
    public const string Code = "INVALID_EXPORT_PARAMETER";

    /// <summary>The query parameter at fault.</summary>
    public string Parameter { get; } = parameter;
}

/// <summary>
/// The deliveries as CSV: one query read row by row (no tracking), written through CsvHelper straight to the response and
/// flushed every <see cref="FlushEvery"/> rows, so memory does not grow with the file. UTF-8 with a byte order mark (Excel),
/// French headers, invariant decimal points (CsvHelper 34's writer), and cells beginning with <c>= + - @</c>, tab or carriage return prefixed with
/// an apostrophe (CSV formula injection).
/// </summary>
public static class DeliveryCsvExport
{
    /// <summary>Rows written between two flushes to the client.</summary>
    public const int FlushEvery = 500;

    /// <summary>The headers, in column order.</summary>
    public static readonly string[] Headers =
    [
        "Date", "Coopérative", "Planteur", "Chef planteur", "Village", "Parcelle", "Magasin", "Poids brut (kg)", "Tare (kg)", "Poids net (kg)",
        "Humidité (%)", "Poids payable (kg)", "Grade", "Prix par kg", "Montant", "Devise", "Statut", "Code de traçabilité",
    ];

    /// <summary>Reads the query string; throws <see cref="DeliveryExportParameterException"/> for a value it cannot read.</summary>
    public static DeliveryExportFilter ParseFilter(IQueryCollection query, INodeIdSerializer ids)
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "cooperativeId", "planterId", "chiefPlanterId", "warehouseId", "status", "grade", "from", "to", "search", "separator" };
        if (query.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new DeliveryExportParameterException(unknown, $"Unknown parameter '{unknown}'.");
        }
        var from = Date(query, "from");
        var to = Date(query, "to");
        if (from > to)
        {
            throw new DeliveryExportParameterException("to", "'to' is before 'from'.");
        }
        var search = Single(query, "search")?.Trim();
        if (search is { Length: > 200 })
        {
            throw new DeliveryExportParameterException("search", "'search' is longer than 200 characters.");
        }
        return new DeliveryExportFilter
        {
            CooperativeId = Id(query, "cooperativeId", nameof(Cooperative), ids),
            PlanterId = Id(query, "planterId", nameof(Planter), ids),
            ChiefPlanterId = Id(query, "chiefPlanterId", nameof(Planter), ids),
            WarehouseId = Id(query, "warehouseId", nameof(Warehouse), ids),
            Statuses = Enums<DeliveryStatus>(query, "status"),
            Grades = Enums<CocoaGrade>(query, "grade"),
            From = from,
            To = to,
            Search = string.IsNullOrEmpty(search) ? null : search,
            Separator = Single(query, "separator") switch
            {
                null or "comma" => ',',
                "semicolon" => ';',
                _ => throw new DeliveryExportParameterException("separator", "'separator' is 'comma' or 'semicolon'."),
            },
        };
    }

    /// <summary>The deliveries the filter keeps, among <paramref name="deliveries"/> (already under the row rule).</summary>
    public static IQueryable<Delivery> Apply(IQueryable<Delivery> deliveries, GraphDbContext db, DeliveryExportFilter filter)
    {
        if (filter.CooperativeId is { } cooperative)
        {
            deliveries = deliveries.Where(d => d.CooperativeId == cooperative);
        }
        if (filter.PlanterId is { } planter)
        {
            deliveries = deliveries.Where(d => d.PlanterId == planter);
        }
        if (filter.ChiefPlanterId is { } chief)
        {
            deliveries = deliveries.Where(d => d.PlanterId == chief || db.Planters.Any(p => p.Id == d.PlanterId && p.ChiefId == chief));
        }
        if (filter.WarehouseId is { } warehouse)
        {
            deliveries = deliveries.Where(d => d.WarehouseId == warehouse);
        }
        if (filter.Statuses.Count > 0)
        {
            var statuses = filter.Statuses.ToList();
            deliveries = deliveries.Where(d => statuses.Contains(d.Status));
        }
        if (filter.Grades.Count > 0)
        {
            var grades = filter.Grades.ToList();
            deliveries = deliveries.Where(d => grades.Contains(d.Grade));
        }
        if (filter.From is { } from)
        {
            deliveries = deliveries.Where(d => d.DeliveredOn >= from);
        }
        if (filter.To is { } to)
        {
            deliveries = deliveries.Where(d => d.DeliveredOn <= to);
        }
        if (filter.Search is { } search)
        {
            var pattern = "%" + search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            deliveries = deliveries.Where(d => db.Planters.Any(p => p.Id == d.PlanterId && EF.Functions.ILike(p.FullName, pattern, "\\")));
        }
        return deliveries;
    }

    /// <summary>One line of the file: a delivery with the names of its cooperative, planter, chief planter, village, plot and
    /// warehouse.</summary>
    public sealed record Row(
        DateOnly DeliveredOn, string Cooperative, string Planter, string? Chief, string? Village, string Plot, string Warehouse,
        decimal Gross, decimal Tare, decimal Net, decimal Moisture, decimal Payable, CocoaGrade Grade, decimal Price, decimal Amount,
        Currency Currency, DeliveryStatus Status, string TraceCode);

    /// <summary>The lines of the filtered deliveries, newest first, joined to their names.</summary>
    public static IQueryable<Row> Rows(GraphDbContext db, IQueryable<Delivery> deliveries) =>
        from d in deliveries.AsNoTracking()
        join c in db.Cooperatives on d.CooperativeId equals c.Id
        join p in db.Planters on d.PlanterId equals p.Id
        join chief in db.Planters on p.ChiefId equals (Guid?)chief.Id into chiefs
        from chief in chiefs.DefaultIfEmpty()
        join plot in db.Plots on d.PlotId equals plot.Id
        join w in db.Warehouses on d.WarehouseId equals w.Id
        orderby d.DeliveredOn descending, d.RecordedAt descending, d.Id descending
        select new Row(d.DeliveredOn, c.Name, p.FullName, chief == null ? null : chief.FullName, p.Village, plot.Name, w.Name,
            d.GrossWeightKg, d.TareKg, d.NetWeightKg, d.MoisturePercent, d.PayableWeightKg, d.Grade, d.PricePerKg.Amount, d.Amount.Amount,
            d.Amount.Currency, d.Status, d.TraceCode);

    /// <summary>Writes <paramref name="rows"/> as CSV to <paramref name="body"/>, flushing as it goes; returns the rows written.</summary>
    public static async Task<int> WriteAsync(IAsyncEnumerable<Row> rows, Stream body, char separator, CancellationToken cancellationToken)
    {
        var options = CsvWriterOptions.Default with
        {
            Separator = separator,
            Injection = CsvInjection.Escape,
            InjectionEscape = '\'',
            WriteByteOrderMark = true,
            BufferSize = 32 * 1024,
        };
        await using var csv = CsvWriter.Create(body, options, leaveOpen: true);
        await csv.WriteRecordAsync(Headers, cancellationToken);
        await csv.FlushAsync(cancellationToken);
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField(row.DeliveredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(row.Cooperative);
            csv.WriteField(row.Planter);
            csv.WriteField(row.Chief ?? "");
            csv.WriteField(row.Village ?? "");
            csv.WriteField(row.Plot);
            csv.WriteField(row.Warehouse);
            csv.WriteField(Number(row.Gross));
            csv.WriteField(Number(row.Tare));
            csv.WriteField(Number(row.Net));
            csv.WriteField(Number(row.Moisture));
            csv.WriteField(Number(row.Payable));
            csv.WriteField(PublicTracePage.GradeLabel(row.Grade));
            csv.WriteField(Number(row.Price));
            csv.WriteField(Number(row.Amount));
            csv.WriteField(row.Currency.ToString());
            csv.WriteField(StatusLabel(row.Status));
            csv.WriteField(row.TraceCode);
            await csv.EndRecordAsync(cancellationToken);
            if (++count % FlushEvery == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }
        await csv.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>A figure with a decimal point and no needless zeros (1250.500 gives 1250.5).</summary>
    public static string Number(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>A status in French.</summary>
    public static string StatusLabel(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Recorded => "Enregistrée",
        DeliveryStatus.Validated => "Validée",
        DeliveryStatus.Paid => "Payée",
        _ => "Rejetée",
    };

    private static string? Single(IQueryCollection query, string name)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            throw new DeliveryExportParameterException(name, $"'{name}' is given more than once.");
        }
        return values.Count == 0 || string.IsNullOrWhiteSpace(values[0]) ? null : values[0];
    }

    private static Guid? Id(IQueryCollection query, string name, string typeName, INodeIdSerializer ids)
    {
        if (Single(query, name) is not { } text)
        {
            return null;
        }
        return ids.TryParse(text, out var id) && id is { Key: Guid key } && id.TypeName == typeName
            ? key
            : throw new DeliveryExportParameterException(name, $"'{name}' is not the ID of a {typeName}.");
    }

    private static DateOnly? Date(IQueryCollection query, string name)
    {
        if (Single(query, name) is not { } text)
        {
            return null;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new DeliveryExportParameterException(name, $"'{name}' is not a date (yyyy-MM-dd).");
    }

    // Comma-separated or repeated: status=VALIDATED,PAID or status=VALIDATED&status=PAID, in the graph's names.
    private static List<T> Enums<T>(IQueryCollection query, string name) where T : struct, Enum
    {
        var result = new List<T>();
        foreach (var value in query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            try
            {
                result.Add(EnumNames<T>.Parse(value.ToUpperInvariant()));
            }
            catch (FormatException)
            {
                throw new DeliveryExportParameterException(name, $"'{value}' is not one of {string.Join(", ", EnumNames<T>.All.Select(EnumNames<T>.ToName))}.");
            }
        }
        return result;
    }
}

/// <summary>
/// <c>GET /exports/deliveries.csv</c>: the deliveries the caller may see (<see cref="DeliveryAccess"/>), filtered like the
/// SPA's list, as a streamed CSV file. Signed in with the graph's bearer token (401 otherwise). Query parameters (all
/// optional): <c>cooperativeId</c>, <c>planterId</c>, <c>chiefPlanterId</c> (the chief's and their members' deliveries),
/// <c>warehouseId</c> (global IDs as the graph gives them), <c>status</c> and <c>grade</c> (the graph's enum names,
/// comma-separated or repeated), <c>from</c> and <c>to</c> (days, yyyy-MM-dd, included), <c>search</c> (part of the planter's
/// name) and <c>separator</c> (<c>comma</c> or <c>semicolon</c>). A parameter that cannot be read gets 400 with
/// <c>{"error":{"code":"INVALID_EXPORT_PARAMETER","parameter","message"}}</c>. Rows are newest first.
/// </summary>
public static class DeliveryCsvExportEndpoint
{
    /// <summary>The route of the export.</summary>
    public const string Route = "/exports/deliveries.csv";

    /// <summary>Maps the export.</summary>
    public static RouteHandlerBuilder MapDeliveryCsvExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Route, HandleAsync).RefuseInvalidBearerTokens().WithName("DeliveriesCsv");

    private static async Task HandleAsync(HttpContext context, [FromServices] IDbContextFactory<GraphDbContext> contexts, [FromServices] INodeIdSerializer ids, [FromServices] TimeProvider time)
    {
        var response = context.Response;
        if (context.User.GetUserId() is null)
        {
            await Results.Json(new { error = new { code = "AUTH_NOT_AUTHENTICATED", message = "Sign in to export deliveries." } }, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }
        DeliveryExportFilter filter;
        try
        {
            filter = DeliveryCsvExport.ParseFilter(context.Request.Query, ids);
        }
        catch (DeliveryExportParameterException e)
        {
            await Results.Json(new { error = new { code = DeliveryExportParameterException.Code, parameter = e.Parameter, message = e.Message } }, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }
        var cancellationToken = context.RequestAborted;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deliveries = DeliveryCsvExport.Apply(db.Deliveries.VisibleTo(db, context.User), db, filter);
        var rows = DeliveryCsvExport.Rows(db, deliveries).AsAsyncEnumerable();

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"livraisons-{today:yyyy-MM-dd}.csv\"";
        response.Headers.CacheControl = "private, no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        // Compression middleware would buffer per block anyway; the file leaves as it is written.
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await DeliveryCsvExport.WriteAsync(rows, response.Body, filter.Separator, cancellationToken);
    }
}
