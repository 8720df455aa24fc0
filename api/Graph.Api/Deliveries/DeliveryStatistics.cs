using System.Data.Common;
using System.Globalization;
using System.Security.Claims;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Graph.Api.Deliveries;

/// <summary>What delivery statistics are grouped by.</summary>
public enum DeliveryStatisticsGroup
{
    /// <summary>Each planter's own deliveries.</summary>
    Planter,

    /// <summary>Each chief planter (a planter with members): their own deliveries and their members'.</summary>
    ChiefPlanter,

    /// <summary>Each cooperative.</summary>
    Cooperative,

    /// <summary>Each warehouse the beans were delivered to.</summary>
    Warehouse,

    /// <summary>Each period of the delivery date (see <see cref="StatisticsPeriod"/>).</summary>
    Period,
}

/// <summary>The periods of PERIOD statistics.</summary>
public enum StatisticsPeriod
{
    /// <summary>Calendar days.</summary>
    Day,

    /// <summary>ISO weeks, from Monday.</summary>
    Week,

    /// <summary>Calendar months.</summary>
    Month,

    /// <summary>Cocoa seasons (campagnes), from 1 October to 30 September.</summary>
    Season,
}

/// <summary>Tonnage and amounts of one group of deliveries (VALIDATED and PAID deliveries only).</summary>
public sealed class DeliveryStatisticsRow
{
    /// <summary>The global ID of the planter, chief planter, cooperative or warehouse; null for a period.</summary>
    [GraphQLType("ID")]
    public string? Id { get; init; }

    /// <summary>A readable name: the planter's, cooperative's or warehouse's name, or the period (<c>2026-10-14</c>,
    /// <c>2026-W42</c>, <c>2026-10</c>, <c>2026-2027</c>).</summary>
    public required string Label { get; init; }

    /// <summary>The first day of the period; null unless grouped by PERIOD.</summary>
    public DateOnly? PeriodStart { get; init; }

    /// <summary>How many deliveries.</summary>
    public int Deliveries { get; init; }

    /// <summary>Their net weight, in kilograms.</summary>
    public decimal NetWeightKg { get; init; }

    /// <summary>Their net weight, in tonnes.</summary>
    public decimal NetWeightTonnes => NetWeightKg / 1000m;

    /// <summary>Their payable weight (net less excess moisture), in kilograms.</summary>
    public decimal PayableWeightKg { get; init; }

    /// <summary>Their payable weight, in tonnes.</summary>
    public decimal PayableWeightTonnes => PayableWeightKg / 1000m;

    /// <summary>What the planters are owed for them, one Money per currency (by currency code).</summary>
    public required IReadOnlyList<Money> Amounts { get; init; }
}

/// <summary>
/// Delivery statistics, summed by PostgreSQL (GROUP BY) over VALIDATED and PAID deliveries (recorded ones are not checked yet,
/// rejected ones hold nothing), under the row rule (<see cref="DeliveryAccess"/>).
/// </summary>
public static class DeliveryStatistics
{
    /// <summary>The statuses counted.</summary>
    public static readonly IReadOnlyList<DeliveryStatus> Counted = [DeliveryStatus.Validated, DeliveryStatus.Paid];

    /// <summary>The grouped figures, entities by net weight (largest first), periods in time order.</summary>
    public static async Task<List<DeliveryStatisticsRow>> ComputeAsync(
        GraphDbContext db, ClaimsPrincipal user, INodeIdSerializer ids, DeliveryStatisticsGroup groupBy, StatisticsPeriod period,
        DateOnly? from, DateOnly? to, Guid? cooperativeId, Guid? coveredPlanterId, CancellationToken cancellationToken)
    {
        Guid[]? visible = DeliveryAccess.VisibleCooperativeIds(db, user) is { } query ? await query.ToArrayAsync(cancellationToken) : null;
        var (key, start, label, join, extra, typeName) = coveredPlanterId is not null
            ? ("@planter", "NULL::date", "''", "", "", nameof(Planter))
            : groupBy switch
            {
                DeliveryStatisticsGroup.Planter => ("p.id", "NULL::date", "p.full_name", "", "", nameof(Planter)),
                DeliveryStatisticsGroup.ChiefPlanter => ("chief.id", "NULL::date", "chief.full_name",
                    "JOIN planters chief ON chief.id = COALESCE(p.chief_id, p.id)",
                    "AND EXISTS (SELECT 1 FROM planters m WHERE m.chief_id = chief.id)", nameof(Planter)),
                DeliveryStatisticsGroup.Cooperative => ("c.id", "NULL::date", "c.name", "JOIN cooperatives c ON c.id = d.cooperative_id", "", nameof(Cooperative)),
                DeliveryStatisticsGroup.Warehouse => ("w.id", "NULL::date", "w.name", "JOIN warehouses w ON w.id = d.warehouse_id", "", nameof(Warehouse)),
                _ => ("NULL::uuid", PeriodStartSql(period), "''", "", "", ""),
            };
        if (coveredPlanterId is not null)
        {
            extra = "AND (p.id = @planter OR p.chief_id = @planter)";
        }
        var sql = $"""
            SELECT {key} AS key, {start} AS period_start, {label} AS label, d.amount_currency AS currency,
                   count(*)::int AS deliveries, sum(d.net_weight_kg) AS net_kg, sum(d.payable_weight_kg) AS payable_kg, sum(d.amount) AS amount
            FROM deliveries d
            JOIN planters p ON p.id = d.planter_id
            {join}
            WHERE d.status IN ('VALIDATED', 'PAID')
              AND (@visible::uuid[] IS NULL OR d.cooperative_id = ANY(@visible))
              AND (@cooperative::uuid IS NULL OR d.cooperative_id = @cooperative)
              AND (@from::date IS NULL OR d.delivered_on >= @from)
              AND (@to::date IS NULL OR d.delivered_on <= @to)
              {extra}
            GROUP BY 1, 2, 3, 4
            """;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        var parts = new List<(Guid? Key, DateOnly? Start, string Label, Currency Currency, int Count, decimal Net, decimal Payable, decimal Amount)>();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.Add(new NpgsqlParameter<Guid[]?>("visible", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { TypedValue = visible });
            command.Parameters.Add(new NpgsqlParameter("cooperative", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)cooperativeId ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlTypes.NpgsqlDbType.Date) { Value = (object?)from ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlTypes.NpgsqlDbType.Date) { Value = (object?)to ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("planter", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)coveredPlanterId ?? DBNull.Value });
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                parts.Add((
                    reader.IsDBNull(0) ? null : reader.GetGuid(0),
                    reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1),
                    reader.GetString(2),
                    Enum.Parse<Currency>(reader.GetString(3)),
                    reader.GetInt32(4),
                    reader.GetDecimal(5),
                    reader.GetDecimal(6),
                    reader.GetDecimal(7)));
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
        var rows = parts
            .GroupBy(p => (p.Key, p.Start))
            .Select(g => new DeliveryStatisticsRow
            {
                Id = g.Key.Key is { } id ? ids.Format(typeName, id) : null,
                Label = g.Key.Start is { } day ? PeriodLabel(period, day) : g.First().Label,
                PeriodStart = g.Key.Start,
                Deliveries = g.Sum(p => p.Count),
                NetWeightKg = g.Sum(p => p.Net),
                PayableWeightKg = g.Sum(p => p.Payable),
                Amounts = g.OrderBy(p => p.Currency.ToString(), StringComparer.Ordinal)
                    .Select(p => new Money(decimal.Round(p.Amount, Money.MinorUnits(p.Currency), MidpointRounding.AwayFromZero), p.Currency)).ToList(),
            });
        return groupBy == DeliveryStatisticsGroup.Period && coveredPlanterId is null
            ? rows.OrderBy(r => r.PeriodStart).ToList()
            : rows.OrderByDescending(r => r.NetWeightKg).ThenBy(r => r.Label, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    private static string PeriodStartSql(StatisticsPeriod period) => period switch
    {
        StatisticsPeriod.Day => "d.delivered_on",
        StatisticsPeriod.Week => "date_trunc('week', d.delivered_on)::date",
        StatisticsPeriod.Month => "date_trunc('month', d.delivered_on)::date",
        _ => "make_date(extract(year FROM d.delivered_on - interval '9 months')::int, 10, 1)",
    };

    /// <summary>The label of the period starting on <paramref name="start"/>.</summary>
    public static string PeriodLabel(StatisticsPeriod period, DateOnly start) => period switch
    {
        StatisticsPeriod.Day => start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        StatisticsPeriod.Week => $"{ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)):00}",
        StatisticsPeriod.Month => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => $"{start.Year}-{start.Year + 1}",
    };
}

/// <summary>Delivery statistics on Query.</summary>
[ExtendObjectType(OperationTypeNames.Query)]
public sealed class DeliveryStatisticsQueries
{
    /// <summary>
    /// Tonnage and amounts of VALIDATED and PAID deliveries grouped by planter, chief planter (their own and their members'
    /// deliveries), cooperative, warehouse or period (MONTH unless <c>period</c> says otherwise), optionally between two days
    /// (included) and for one cooperative; only over the cooperatives the caller may see.
    /// </summary>
    [Authorize]
    public async Task<List<DeliveryStatisticsRow>> GetDeliveryStatisticsAsync(
        DeliveryStatisticsGroup groupBy,
        StatisticsPeriod? period,
        DateOnly? from,
        DateOnly? to,
        [ID<Cooperative>] Guid? cooperativeId,
        IDbContextFactory<GraphDbContext> contexts,
        INodeIdSerializer ids,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DeliveryStatistics.ComputeAsync(db, user, ids, groupBy, period ?? StatisticsPeriod.Month, from, to, cooperativeId, null, cancellationToken);
    }
}

/// <summary>A planter's statistics.</summary>
[ExtendObjectType<Planter>]
public sealed class PlanterStatisticsFields
{
    /// <summary>Tonnage and amounts of the planter's VALIDATED and PAID deliveries, optionally between two days (included);
    /// for a chief planter, their own and their members'.</summary>
    public async Task<DeliveryStatisticsRow> GetStatisticsAsync(
        [Parent] Planter planter,
        DateOnly? from,
        DateOnly? to,
        IDbContextFactory<GraphDbContext> contexts,
        INodeIdSerializer ids,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await DeliveryStatistics.ComputeAsync(db, user, ids, DeliveryStatisticsGroup.Planter, StatisticsPeriod.Month, from, to, planter.CooperativeId, planter.Id, cancellationToken);
        return rows.SingleOrDefault() is { } row
            ? new DeliveryStatisticsRow { Id = row.Id, Label = planter.FullName, Deliveries = row.Deliveries, NetWeightKg = row.NetWeightKg, PayableWeightKg = row.PayableWeightKg, Amounts = row.Amounts }
            : new DeliveryStatisticsRow { Id = ids.Format(nameof(Planter), planter.Id), Label = planter.FullName, Amounts = [] };
    }
}
