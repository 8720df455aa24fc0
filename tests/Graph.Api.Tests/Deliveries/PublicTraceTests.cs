using System.Net;
using System.Text.Json;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Tests.Infrastructure;

namespace Graph.Api.Tests.Deliveries;

/// <summary>The public side of traceability: QR codes, the anonymous publicTrace query and the trace page, and the trace
/// URLs of deliveries and lots.</summary>
public sealed class PublicTraceTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Query = """
        query($code: String!) {
          publicTrace(code: $code) {
            code subject url
            cooperative { name region country }
            lot { code grade weightKg warehouseTown status }
            deliveries { deliveredOn netWeightKg grade status origin { planter village areaHectares plotKind latitude longitude } }
            events { sequence kind recordedAt hash }
            verification { valid checkedEvents brokenAtSequence reason }
          }
        }
        """;

    [Fact]
    public async Task A_delivery_code_gives_its_QR_codes_as_immutable_images()
    {
        await using var kit = new DeliveryOutputsKit(database);
        var world = await kit.WorldAsync();
        var delivery = await kit.DeliveryAsync(world, world.Member, world.MemberPlot, new DateOnly(2026, 10, 5), 500m, 5m, 495m, 1800m, 891_000m);

        using var png = await kit.GetAsync($"/trace/{delivery.TraceCode}/qr.png");
        using var svg = await kit.GetAsync($"/trace/{delivery.TraceCode}/qr.svg");

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal(TraceQrCodes.Png($"http://localhost/trace/{delivery.TraceCode}"), bytes);
        Assert.Equal(TraceQrCodeEndpoints.ImmutableCacheControl, png.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var text = await svg.Content.ReadAsStringAsync();
        Assert.Contains("<svg", text);
        Assert.Equal(TraceQrCodes.Svg($"http://localhost/trace/{delivery.TraceCode}"), text);
        Assert.Equal(TraceQrCodeEndpoints.ImmutableCacheControl, svg.Headers.CacheControl?.ToString());
        // Another address gives another symbol: the image holds the URL.
        Assert.NotEqual(TraceQrCodes.Svg($"http://localhost/trace/{TraceCodes.New()}"), text);
    }

    [Fact]
    public async Task Unknown_or_malformed_codes_get_404()
    {
        await using var kit = new DeliveryOutputsKit(database);
        var world = await kit.WorldAsync();
        var delivery = await kit.DeliveryAsync(world, world.Member, world.MemberPlot, new DateOnly(2026, 10, 5), 500m, 5m, 495m, 1800m, 891_000m);

        foreach (var code in new[] { TraceCodes.New(), delivery.TraceCode.ToLowerInvariant(), "ABC", delivery.TraceCode + "X", "%3Cscript%3E" })
        {
            foreach (var suffix in new[] { "/qr.png", "/qr.svg", "" })
            {
                using var response = await kit.GetAsync($"/trace/{code}{suffix}");
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{code}{suffix}: {response.StatusCode}");
                if (suffix.Length > 0)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    Assert.Equal("TRACE_NOT_FOUND", json.RootElement.GetProperty("error").GetProperty("code").GetString());
                }
                else
                {
                    Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                    Assert.Contains("Code inconnu", await response.Content.ReadAsStringAsync());
                }
            }
        }
        var unknown = await kit.SendAsync(Query, new { code = TraceCodes.New() }, user: null);
        Assert.False(unknown.HasErrors, unknown.Text);
        Assert.Equal(JsonValueKind.Null, unknown.Body.GetProperty("data").GetProperty("publicTrace").ValueKind);
    }

    [Fact]
    public async Task Anyone_reads_the_trace_of_a_delivery_without_private_data()
    {
        await using var kit = new DeliveryOutputsKit(database);
        var world = await kit.WorldAsync();
        var delivery = await kit.DeliveryAsync(world, world.Member, world.MemberPlot, new DateOnly(2026, 10, 5), 500m, 5m, 495m, 1800m, 891_000m, traced: true);

        var response = await kit.SendAsync(Query, new { code = delivery.TraceCode }, user: null);

        Assert.False(response.HasErrors, response.Text);
        var trace = response.Body.GetProperty("data").GetProperty("publicTrace");
        Assert.Equal("DELIVERY", trace.GetProperty("subject").GetString());
        Assert.Equal($"http://localhost/trace/{delivery.TraceCode}", trace.GetProperty("url").GetString());
        Assert.Equal("Coopérative de Soubré", trace.GetProperty("cooperative").GetProperty("name").GetString());
        Assert.Equal("Nawa", trace.GetProperty("cooperative").GetProperty("region").GetString());
        Assert.Equal("CI", trace.GetProperty("cooperative").GetProperty("country").GetString());
        Assert.Equal(JsonValueKind.Null, trace.GetProperty("lot").ValueKind);
        var only = Assert.Single(trace.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("2026-10-05", only.GetProperty("deliveredOn").GetString());
        Assert.Equal(495m, only.GetProperty("netWeightKg").GetDecimal());
        var origin = only.GetProperty("origin");
        Assert.Equal("Aya M.", origin.GetProperty("planter").GetString());
        Assert.Equal("Okrouyo", origin.GetProperty("village").GetString());
        Assert.Equal(3.1m, origin.GetProperty("areaHectares").GetDecimal());
        Assert.Equal(5.79, origin.GetProperty("latitude").GetDouble());
        Assert.Equal(-6.61, origin.GetProperty("longitude").GetDouble());
        var recorded = Assert.Single(trace.GetProperty("events").EnumerateArray());
        Assert.Equal("DELIVERY_RECORDED", recorded.GetProperty("kind").GetString());
        Assert.Equal(64, recorded.GetProperty("hash").GetString()!.Length);
        Assert.True(trace.GetProperty("verification").GetProperty("valid").GetBoolean());
        Assert.Equal(1, trace.GetProperty("verification").GetProperty("checkedEvents").GetInt32());
        // No phone, full name, price or amount anywhere.
        Assert.DoesNotContain("+225", response.Text);
        Assert.DoesNotContain("Konan", response.Text);
        Assert.DoesNotContain("891", response.Text);
    }

    [Fact]
    public async Task A_lot_shows_its_origins_and_a_broken_chain_shows_where()
    {
        await using var kit = new DeliveryOutputsKit(database);
        var world = await kit.WorldAsync();
        var first = await kit.DeliveryAsync(world, world.Chief, world.ChiefPlot, new DateOnly(2026, 10, 1), 300m, 3m, 297m, 1800m, 534_600m, traced: true);
        var second = await kit.DeliveryAsync(world, world.Member, world.MemberPlot, new DateOnly(2026, 10, 2), 200m, 2m, 198m, 1800m, 356_400m, traced: true);
        var lot = await kit.LotAsync(world, first, second);

        var response = await kit.SendAsync(Query, new { code = lot.TraceCode }, user: null);
        var trace = response.Body.GetProperty("data").GetProperty("publicTrace");
        Assert.False(response.HasErrors, response.Text);
        Assert.Equal("LOT", trace.GetProperty("subject").GetString());
        Assert.Equal(lot.Code, trace.GetProperty("lot").GetProperty("code").GetString());
        Assert.Equal(495m, trace.GetProperty("lot").GetProperty("weightKg").GetDecimal());
        Assert.Equal("Soubré", trace.GetProperty("lot").GetProperty("warehouseTown").GetString());
        Assert.Equal(["Koffi Y.", "Aya M."], trace.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("origin").GetProperty("planter").GetString()));
        Assert.Equal(["DELIVERY_RECORDED", "DELIVERY_RECORDED", "LOT_FORMED"], trace.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.True(trace.GetProperty("verification").GetProperty("valid").GetBoolean());
        Assert.Equal(3, trace.GetProperty("verification").GetProperty("checkedEvents").GetInt32());
        // The delivery's own trace shows the lot it joined.
        var ofDelivery = await kit.SendAsync(Query, new { code = second.TraceCode }, user: null);
        Assert.Equal(lot.Code, ofDelivery.Body.GetProperty("data").GetProperty("publicTrace").GetProperty("lot").GetProperty("code").GetString());

        await TestPostgres.ExecuteAsync(
            "ALTER TABLE trace_events DISABLE TRIGGER USER; "
            + $"UPDATE trace_events SET payload = jsonb_set(payload, '{{netWeightKg}}', '\"1000\"') WHERE cooperative_id = '{world.Cooperative}' AND sequence = 2; "
            + "ALTER TABLE trace_events ENABLE TRIGGER USER;", database.ConnectionString);

        var tampered = (await kit.SendAsync(Query, new { code = lot.TraceCode }, user: null)).Body.GetProperty("data").GetProperty("publicTrace").GetProperty("verification");
        Assert.False(tampered.GetProperty("valid").GetBoolean());
        Assert.Equal(2, tampered.GetProperty("brokenAtSequence").GetInt64());
        Assert.Equal("ALTERED", tampered.GetProperty("reason").GetString());
        Assert.Equal(1, tampered.GetProperty("checkedEvents").GetInt32());
        using var page = await kit.GetAsync($"/trace/{lot.TraceCode}");
        Assert.Contains("Chaîne de traçabilité rompue à l'événement n° 2 (événement modifié)", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_trace_page_is_French_encoded_and_without_scripts()
    {
        await using var kit = new DeliveryOutputsKit(database);
        var world = await kit.WorldAsync("Coop <b>Liberté</b> & Fils", chiefName: "<script>alert(1)</script> Kouassi");
        var delivery = await kit.DeliveryAsync(world, world.Chief, world.ChiefPlot, new DateOnly(2026, 10, 5), 500m, 5m, 495m, 1800m, 891_000m, traced: true);
        var lot = await kit.LotAsync(world, delivery);

        using var response = await kit.GetAsync($"/trace/{lot.TraceCode}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none';", policy);
        Assert.DoesNotContain("script-src", policy);
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("name=\"viewport\"", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Liberté", html);
        Assert.Contains("Coop &lt;b&gt;Liberté&lt;/b&gt; &amp; Fils", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; K.", html);
        Assert.Contains("Chaîne de traçabilité vérifiée (2 événements)", html);
        Assert.Contains($"src=\"/trace/{lot.TraceCode}/qr.svg\"", html);
        Assert.Contains(lot.Code, html);
        Assert.Contains("Lot constitué", html);
    }

    [Fact]
    public async Task Deliveries_and_lots_give_their_trace_URL_at_the_configured_public_address()
    {
        await using var kit = new DeliveryOutputsKit(database, new Dictionary<string, string?> { ["Graph:PublicBaseUrl"] = "https://trace.cocoa.example/" });
        var world = await kit.WorldAsync();
        var delivery = await kit.DeliveryAsync(world, world.Member, world.MemberPlot, new DateOnly(2026, 10, 5), 500m, 5m, 495m, 1800m, 891_000m, traced: true);
        var lot = await kit.LotAsync(world, delivery);
        var admin = await kit.UserAsync();
        const string query = """
            query($delivery: ID!, $lot: ID!) {
              delivery: node(id: $delivery) { ... on Delivery { traceCode traceUrl qrCodeSvg } }
              lot: node(id: $lot) { ... on Lot { traceCode traceUrl } }
            }
            """;

        var response = await kit.SendAsync(query, new { delivery = DeliveryOutputsKit.Id("Delivery", delivery.Id), lot = DeliveryOutputsKit.Id("Lot", lot.Id) }, admin, PlatformRoles.AdminName);

        Assert.False(response.HasErrors, response.Text);
        var data = response.Body.GetProperty("data");
        Assert.Equal($"https://trace.cocoa.example/trace/{delivery.TraceCode}", data.GetProperty("delivery").GetProperty("traceUrl").GetString());
        Assert.Equal(TraceQrCodes.Svg($"https://trace.cocoa.example/trace/{delivery.TraceCode}"), data.GetProperty("delivery").GetProperty("qrCodeSvg").GetString());
        Assert.Equal($"https://trace.cocoa.example/trace/{lot.TraceCode}", data.GetProperty("lot").GetProperty("traceUrl").GetString());
        using var svg = await kit.GetAsync($"/trace/{lot.TraceCode}/qr.svg");
        Assert.Equal(TraceQrCodes.Svg($"https://trace.cocoa.example/trace/{lot.TraceCode}"), await svg.Content.ReadAsStringAsync());
    }
}
