using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Graph.Api.Tests.Deliveries;

/// <summary>GET /exports/deliveries.csv: streamed in bounded memory, filtered like the SPA's list, under the row rule,
/// protected from formula injection, and answering bad parameters with 400. Alone: the memory test reads the process's heap.</summary>
[Collection(RunsAlone.Name)]
public sealed class DeliveryCsvExportTests(DatabaseFixture database, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    private const string Admin = PlatformRoles.AdminName;
    private const string Manager = PlatformRoles.CooperativeManagerName;
    private const int Many = 50_000;

    [Fact]
    public async Task Fifty_thousand_deliveries_stream_in_bounded_memory()
    {
        await using var kit = new DeliveryOutputsKit(database);
        var world = await kit.WorldAsync("Coopérative des 50 000");
        // One statement: delivery i is on 2026-01-01 + (i mod 300) days, weighs 100 + (i mod 50) kg with 2 kg of tare, at
        // 1,000 XOF a kilogram, recorded i seconds after 2026-01-01.
        await TestPostgres.ExecuteAsync($"""
            INSERT INTO deliveries (id, cooperative_id, planter_id, plot_id, warehouse_id, delivered_on, gross_weight_kg, tare_kg, net_weight_kg,
                moisture_percent, payable_weight_kg, grade, status, trace_code, recorded_by, recorded_at, validated_by, validated_at, updated_at,
                amount, amount_currency, price_per_kg_amount, price_currency)
            SELECT gen_random_uuid(), '{world.Cooperative}', '{world.Member}', '{world.MemberPlot}', '{world.Warehouse}', date '2026-01-01' + (i % 300),
                100 + (i % 50), 2, 98 + (i % 50), 7.5, 98 + (i % 50), 'GRADE_II', 'VALIDATED', 'T' || lpad(i::text, 15, '0'), '{world.Recorder}',
                timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second', '{world.Recorder}', timestamptz '2026-11-01 00:00:00+00', timestamptz '2026-11-01 00:00:00+00',
                (98 + (i % 50)) * 1000, 'XOF', 1000, 'XOF'
            FROM generate_series(1, {Many}) AS i
            """, database.ConnectionString);
        var admin = await kit.UserAsync();
        // Warm the server up (start-up, first query plans) so the measure is the export's.
        using (var warm = await kit.GetAsync($"/exports/deliveries.csv?cooperativeId={Uri.EscapeDataString(DeliveryOutputsKit.Id("Cooperative", Guid.NewGuid()))}", admin, Admin))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        using var response = await kit.GetAsync($"/exports/deliveries.csv?cooperativeId={Uri.EscapeDataString(DeliveryOutputsKit.Id("Cooperative", world.Cooperative))}",
            HttpCompletionOption.ResponseHeadersRead, admin, Admin);
        var headersAfter = clock.Elapsed;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        await using var body = new CountingStream(await response.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        var header = await reader.ReadLineAsync();
        Assert.StartsWith("\uFEFF", header);
        Assert.Equal(string.Join(',', DeliveryCsvExport.Headers), header![1..]);
        var samples = new List<long>();
        var rows = 0;
        string? first = null, last = null, sample = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            rows++;
            first ??= line;
            last = line;
            if (line.Contains("T000000000012345", StringComparison.Ordinal))
            {
                sample = line;
            }
            if (rows % 5_000 == 0)
            {
                samples.Add(GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }
        clock.Stop();
        var peak = samples.Max();
        var info = GC.GetGCMemoryInfo();
        output.WriteLine($"CSV export: {rows:N0} rows, {body.Bytes:N0} bytes in {clock.Elapsed.TotalMilliseconds:N0} ms (headers after {headersAfter.TotalMilliseconds:N0} ms); "
            + $"peak live managed heap growth during the download {peak:N0} bytes ({100.0 * peak / body.Bytes:N1} % of the file); heap size after {info.HeapSizeBytes:N0} bytes; "
            + $"live heap growth every 5,000 rows: {string.Join(", ", samples.Select(b => b.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))}.");

        Assert.Equal(Many, rows);
        // Newest first: delivery 49,799 is on the last day (offset 299) and the latest recorded that day.
        Assert.Equal("2026-10-27,Coopérative des 50 000,Aya Konan Marie,Koffi Yao,Okrouyo,Champ de la rivière,Magasin central,149,2,147,7.5,147,Grade II,1000,147000,XOF,Validée,T000000000049799", first);
        // Oldest last: delivery 300 is on the first day (offset 0), the earliest recorded that day.
        Assert.Equal("2026-01-01,Coopérative des 50 000,Aya Konan Marie,Koffi Yao,Okrouyo,Champ de la rivière,Magasin central,100,2,98,7.5,98,Grade II,1000,98000,XOF,Validée,T000000000000300", last);
        // 12,345 mod 300 = 45 days after 1 January, 12,345 mod 50 = 45 kg over 100.
        Assert.Equal("2026-02-15,Coopérative des 50 000,Aya Konan Marie,Koffi Yao,Okrouyo,Champ de la rivière,Magasin central,145,2,143,7.5,143,Grade II,1000,143000,XOF,Validée,T000000000012345", sample);
        Assert.True(body.Bytes > 8_000_000, $"{body.Bytes} bytes");
        // A server that built the file before sending it would hold all of it (8.8 MB as bytes, twice that as a string) while
        // the client reads; one that kept its rows would grow from sample to sample. Streaming keeps a constant working set
        // (buffers of the connection, the CSV writer and the response pipe).
        Assert.True(peak < body.Bytes / 2, $"The managed heap grew by {peak:N0} bytes during a download of {body.Bytes:N0} bytes.");
        Assert.True(samples[^1] - samples[0] < body.Bytes / 4, $"The live heap grew from {samples[0]:N0} to {samples[^1]:N0} bytes while the rows came.");
    }

    [Fact]
    public async Task Cells_that_a_spreadsheet_would_run_are_escaped_and_separators_quoted()
    {
        await using var kit = new DeliveryOutputsKit(database);
        var world = await kit.WorldAsync("=HYPERLINK(\"http://evil.example\",\"Cliquez\")", chiefName: "@SUM(A1:A9)", memberName: "+33 Konan, \"le grand\"");
        await kit.DeliveryAsync(world, world.Member, world.MemberPlot, new DateOnly(2026, 10, 5), 500m, 5m, 495m, 1800m, 891_000m);
        await using (var db = database.CreateContext())
        {
            var plot = await db.Plots.FindAsync(world.MemberPlot);
            plot!.Name = "-1+2";
            var planter = await db.Planters.FindAsync(world.Member);
            planter!.Village = "\tTabou";
            await db.SaveChangesAsync();
        }
        var admin = await kit.UserAsync();

        using var response = await kit.GetAsync($"/exports/deliveries.csv?cooperativeId={Uri.EscapeDataString(DeliveryOutputsKit.Id("Cooperative", world.Cooperative))}", admin, Admin);
        var lines = await LinesAsync(response);

        Assert.Equal(2, lines.Count);
        Assert.Equal("2026-10-05,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Cliquez\"\")\",\"'+33 Konan, \"\"le grand\"\"\",\"'@SUM(A1:A9)\",\"'\tTabou\",\"'-1+2\",Magasin central,500,5,495,7.5,495,Grade I,1800,891000,XOF,Validée,",
            lines[1][..lines[1].LastIndexOf(',')] + ",");
    }

    [Fact]
    public async Task The_filters_of_the_list_apply()
    {
        await using var kit = new DeliveryOutputsKit(database);
        var world = await kit.WorldAsync();
        var otherWarehouse = await WarehouseAsync(world.Cooperative);
        await kit.DeliveryAsync(world, world.Chief, world.ChiefPlot, new DateOnly(2026, 10, 1), 100m, 1m, 99m, 1000m, 99_000m);
        await kit.DeliveryAsync(world, world.Member, world.MemberPlot, new DateOnly(2026, 10, 2), 200m, 2m, 198m, 1000m, 198_000m, DeliveryStatus.Paid, CocoaGrade.GradeII);
        await kit.DeliveryAsync(world, world.OtherMember, world.OtherPlot, new DateOnly(2026, 10, 3), 300m, 3m, 297m, 1000m, 297_000m, DeliveryStatus.Recorded, warehouse: otherWarehouse);
        await kit.DeliveryAsync(world, world.OtherMember, world.OtherPlot, new DateOnly(2026, 10, 20), 400m, 4m, 396m, 1000m, 396_000m, DeliveryStatus.Rejected, CocoaGrade.SubGrade);
        var lonely = await PlanterAsync(world.Cooperative, "Yao N'Guessan");
        await kit.DeliveryAsync(world, lonely.Planter, lonely.Plot, new DateOnly(2026, 10, 4), 50m, 1m, 49m, 1000m, 49_000m);
        var admin = await kit.UserAsync();
        var cooperative = "cooperativeId=" + Uri.EscapeDataString(DeliveryOutputsKit.Id("Cooperative", world.Cooperative));

        async Task<List<int>> GrossOf(string query)
        {
            using var response = await kit.GetAsync($"/exports/deliveries.csv?{cooperative}&{query}", admin, Admin);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await LinesAsync(response)).Skip(1).Select(l => int.Parse(l.Split(',')[7], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }

        Assert.Equal([400, 50, 300, 200, 100], await GrossOf(""));
        Assert.Equal([200, 100], await GrossOf("status=VALIDATED,PAID&from=2026-10-01&to=2026-10-02"));
        Assert.Equal([300, 200, 100], await GrossOf("status=VALIDATED&status=paid&status=RECORDED&to=2026-10-03"));
        Assert.Equal([400], await GrossOf("grade=SUB_GRADE"));
        Assert.Equal([400, 300, 200, 100], await GrossOf("chiefPlanterId=" + Uri.EscapeDataString(DeliveryOutputsKit.Id("Planter", world.Chief))));
        Assert.Equal([200], await GrossOf("planterId=" + Uri.EscapeDataString(DeliveryOutputsKit.Id("Planter", world.Member))));
        Assert.Equal([300], await GrossOf("warehouseId=" + Uri.EscapeDataString(DeliveryOutputsKit.Id("Warehouse", otherWarehouse))));
        Assert.Equal([200], await GrossOf("search=KONAN"));
        Assert.Equal([50], await GrossOf("search=n%27gue"));
        Assert.Empty(await GrossOf("search=%25"));
        Assert.Empty(await GrossOf("from=2026-10-21"));

        using var semicolons = await kit.GetAsync($"/exports/deliveries.csv?{cooperative}&separator=semicolon&planterId={Uri.EscapeDataString(DeliveryOutputsKit.Id("Planter", world.Member))}", admin, Admin);
        var lines = await LinesAsync(semicolons);
        Assert.StartsWith("2026-10-02;Coopérative de Soubré;Aya Konan Marie;Koffi Yao;Okrouyo;Champ de la rivière;Magasin central;200;2;198;7.5;198;Grade II;1000;198000;XOF;Payée;", lines[1]);
    }

    [Fact]
    public async Task A_manager_exports_only_the_cooperatives_they_manage()
    {
        await using var kit = new DeliveryOutputsKit(database);
        var mine = await kit.WorldAsync("Coopérative A");
        var theirs = await kit.WorldAsync("Coopérative B");
        await kit.DeliveryAsync(mine, mine.Chief, mine.ChiefPlot, new DateOnly(2026, 10, 1), 100m, 1m, 99m, 1000m, 99_000m);
        await kit.DeliveryAsync(theirs, theirs.Chief, theirs.ChiefPlot, new DateOnly(2026, 10, 1), 200m, 1m, 199m, 1000m, 199_000m);
        var manager = await kit.ManagerAsync(mine.Cooperative);
        var stranger = await kit.ManagerAsync(await CooperativeOnlyAsync());
        var reader = await kit.UserAsync();

        var own = await LinesAsync(await kit.GetAsync("/exports/deliveries.csv", manager, Manager));
        var asked = await LinesAsync(await kit.GetAsync($"/exports/deliveries.csv?cooperativeId={Uri.EscapeDataString(DeliveryOutputsKit.Id("Cooperative", theirs.Cooperative))}", manager, Manager));
        var other = await LinesAsync(await kit.GetAsync($"/exports/deliveries.csv?cooperativeId={Uri.EscapeDataString(DeliveryOutputsKit.Id("Cooperative", mine.Cooperative))}", stranger, Manager));
        var noRole = await LinesAsync(await kit.GetAsync("/exports/deliveries.csv", reader, PlatformRoles.ReaderName));

        Assert.Equal(2, own.Count);
        Assert.Contains("Coopérative A", own[1]);
        Assert.Single(asked);
        Assert.Single(other);
        Assert.Single(noRole);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_bad_parameters_400_with_a_code()
    {
        await using var kit = new DeliveryOutputsKit(database);
        var admin = await kit.UserAsync();

        using var anonymous = await kit.GetAsync("/exports/deliveries.csv");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        foreach (var (query, parameter) in new[]
        {
            ("from=2026-13-01", "from"),
            ("to=yesterday", "to"),
            ("from=2026-10-02&to=2026-10-01", "to"),
            ("status=LOST", "status"),
            ("grade=GRADE_III", "grade"),
            ("cooperativeId=not-an-id", "cooperativeId"),
            ("planterId=" + Uri.EscapeDataString(DeliveryOutputsKit.Id("Warehouse", Guid.NewGuid())), "planterId"),
            ("separator=tab", "separator"),
            ("where=%7B%7D", "where"),
            ("search=a&search=b", "search"),
        })
        {
            using var response = await kit.GetAsync("/exports/deliveries.csv?" + query, admin, Admin);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {response.StatusCode}");
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var error = json.RootElement.GetProperty("error");
            Assert.Equal(DeliveryExportParameterException.Code, error.GetProperty("code").GetString());
            Assert.Equal(parameter, error.GetProperty("parameter").GetString());
        }
    }

    private async Task<Guid> CooperativeOnlyAsync()
    {
        await using var db = database.CreateContext();
        var cooperative = new Cooperative { Name = "Coopérative C", Code = "C" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), CreatedAt = DeliveryOutputsKit.Now, UpdatedAt = DeliveryOutputsKit.Now };
        db.Cooperatives.Add(cooperative);
        await db.SaveChangesAsync();
        return cooperative.Id;
    }

    private async Task<Guid> WarehouseAsync(Guid cooperative)
    {
        await using var db = database.CreateContext();
        var warehouse = new Warehouse { CooperativeId = cooperative, Name = "Magasin de Méagui", Location = "Méagui", CapacityKg = 500_000m, CreatedAt = DeliveryOutputsKit.Now, UpdatedAt = DeliveryOutputsKit.Now };
        db.Warehouses.Add(warehouse);
        await db.SaveChangesAsync();
        return warehouse.Id;
    }

    private async Task<(Guid Planter, Guid Plot)> PlanterAsync(Guid cooperative, string name)
    {
        await using var db = database.CreateContext();
        var planter = new Planter { CooperativeId = cooperative, FullName = name, CreatedAt = DeliveryOutputsKit.Now, UpdatedAt = DeliveryOutputsKit.Now };
        db.Planters.Add(planter);
        await db.SaveChangesAsync();
        var plot = new Plot
        {
            PlanterId = planter.Id, Name = "Champ", Kind = PlotGeometryKind.Point, GeoJson = """{"type":"Point","coordinates":[-6.6,5.8]}""", AreaHectares = 1m,
            Latitude = 5.8, Longitude = -6.6, CreatedAt = DeliveryOutputsKit.Now, UpdatedAt = DeliveryOutputsKit.Now,
        };
        db.Plots.Add(plot);
        await db.SaveChangesAsync();
        return (planter.Id, plot.Id);
    }

    // The file's lines without the byte order mark; a quoted field does not hold a line break in these tests.
    private static async Task<List<string>> LinesAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            return text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        }
    }

    /// <summary>Counts the bytes read through it.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Bytes { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Bytes; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Bytes += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Bytes += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
