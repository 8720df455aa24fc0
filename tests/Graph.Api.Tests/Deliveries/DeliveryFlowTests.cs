using System.Text.Json;
using Graph.Api.Deliveries;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Deliveries;

/// <summary>The flow of beans and money through the graph: a season of deliveries, lots, moves and sales whose chain stays
/// valid; a tampered event found by verifyTrace at exactly its link; every mutation's refusals; a planter's payment to PAID
/// through the simulator and back to VALIDATED on its refund.</summary>
public sealed class DeliveryFlowTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Verify = """
        query($lot: ID!) { verifyTrace(lotId: $lot) { valid checkedEvents
          firstBrokenLink { sequence reason expectedHash storedHash event { sequence kind hash payload } } } }
        """;

    private DeliveryTestKit _kit = null!;

    public Task InitializeAsync()
    {
        _kit = DeliveryTestKit.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public async Task A_season_of_deliveries_lots_moves_and_sales_keeps_the_stock_and_the_chain_sound()
    {
        var coop = await _kit.CooperativeAsync(planters: 3);
        var token = _kit.ManagerToken(coop);
        var a = await _kit.ValidatedAsync(coop, planter: 0, gross: 1000m, tare: 10m);
        var b = await _kit.ValidatedAsync(coop, planter: 1, gross: 600.5m, tare: 0.5m);
        var c = await _kit.RecordAsync(coop, planter: 2, gross: 300m, tare: 0m);
        var wet = await _kit.RecordAsync(coop, planter: 2, gross: 200m, tare: 0m, moisture: 12m);
        var doomed = await _kit.ValidatedAsync(coop, planter: 1, gross: 50m, tare: 0m);

        // c is corrected before validation, wet is rejected, doomed is rejected after validation (its beans leave).
        var corrected = await _kit.MutateAsync(token, DeliveryTestKit.Correct, "correctDelivery", new
        {
            deliveryId = c, grossWeightKg = 320m, tareKg = 2m, moisturePercent = 7.5m, grade = "GRADE_I", pricePerKg = new { amount = 1800, currency = "XOF" }, reason = "Balance mal tarée",
        });
        Assert.Empty(DeliveryTestKit.Codes(corrected));
        Assert.Equal(318m, corrected.GetProperty("delivery").GetProperty("netWeightKg").GetDecimal());
        Assert.Empty(DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Validate, "validateDelivery", new { deliveryId = c })));
        Assert.Equal("REJECTED", (await _kit.MutateAsync(token, DeliveryTestKit.Reject, "rejectDelivery", new { deliveryId = wet, reason = "Fèves moisies" }))
            .GetProperty("delivery").GetProperty("status").GetString());
        Assert.Empty(DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Reject, "rejectDelivery", new { deliveryId = doomed, reason = "Origine douteuse" })));
        // A validated delivery's weight corrected upward: the stock follows.
        Assert.Empty(DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Correct, "correctDelivery", new
        {
            deliveryId = b, grossWeightKg = 610.5m, tareKg = 0.5m, moisturePercent = 7m, grade = "GRADE_I", pricePerKg = new { amount = 1800, currency = "XOF" }, reason = "Sac oublié",
        })));

        var formed = await _kit.MutateAsync(token, DeliveryTestKit.CreateLot, "createLot", new { deliveryIds = new[] { a, b, c } });
        Assert.Empty(DeliveryTestKit.Codes(formed));
        var lot = formed.GetProperty("lot");
        Assert.Equal($"{coop.Code}-{_kit.Host.Now.Year}-0001", lot.GetProperty("code").GetString());
        Assert.Equal(990m + 610m + 318m, lot.GetProperty("initialWeightKg").GetDecimal());
        var lotId = lot.GetProperty("id").GetString()!;

        var moved = await _kit.MutateAsync(token, DeliveryTestKit.MoveLot, "moveLot", new { lotId, warehouseId = DeliveryTestKit.Id("Warehouse", coop.Warehouses[1]) });
        Assert.Empty(DeliveryTestKit.Codes(moved));
        var part = await _kit.MutateAsync(token, DeliveryTestKit.SellLot, "sellLot", new { lotId, weightKg = 1000m, buyerName = "Cargill Côte d'Ivoire", pricePerKg = new { amount = 2100, currency = "XOF" } });
        Assert.Empty(DeliveryTestKit.Codes(part));
        Assert.Equal(2_100_000m, part.GetProperty("sale").GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal((918m, "IN_STOCK"), (part.GetProperty("lot").GetProperty("remainingWeightKg").GetDecimal(), part.GetProperty("lot").GetProperty("status").GetString()));
        var rest = await _kit.MutateAsync(token, DeliveryTestKit.SellLot, "sellLot", new { lotId, weightKg = 918m, buyerName = "Barry Callebaut", pricePerKg = new { amount = 2050, currency = "XOF" } });
        Assert.Equal((0m, "SOLD"), (rest.GetProperty("lot").GetProperty("remainingWeightKg").GetDecimal(), rest.GetProperty("lot").GetProperty("status").GetString()));

        var second = await _kit.LotAsync(coop, await _kit.ValidatedAsync(coop, planter: 0, gross: 400m, tare: 0m, grade: "GRADE_II"));
        await _kit.AssertStockInvariantsAsync(coop.Id);

        // The lot through the graph: its deliveries, sales, movements (summing to what remains) and lineage.
        var data = await _kit.Host.Payments.Inbox.DataAsync(token, """
            query($lot: ID!, $w0: ID!, $w1: ID!) {
              lot(id: $lot) { status remainingWeightKg deliveries { id planter { fullName } } sales { weightKg buyerName } movements { kind quantityKg }
                              traceEvents { kind } warehouse { id } }
              traceOf(lotId: $lot) { lot { code } deliveries { delivery { id } planter { fullName } plot { name } weightKg } events { sequence kind delivery { id } lot { id } } }
              w0: node(id: $w0) { ... on Warehouse { stockKg stock { grade weightKg } movements(first: 50) { nodes { kind quantityKg } } } }
              w1: node(id: $w1) { ... on Warehouse { stockKg stock { grade weightKg } } }
            }
            """, new { lot = lotId, w0 = DeliveryTestKit.Id("Warehouse", coop.Warehouses[0]), w1 = DeliveryTestKit.Id("Warehouse", coop.Warehouses[1]) });
        var read = data.GetProperty("lot");
        Assert.Equal(3, read.GetProperty("deliveries").GetArrayLength());
        Assert.Equal(2, read.GetProperty("sales").GetArrayLength());
        Assert.Equal(0m, read.GetProperty("movements").EnumerateArray().Sum(m => m.GetProperty("quantityKg").GetDecimal()));
        Assert.Equal(["LOT_FORMED", "SALE", "SALE", "TRANSFER_IN", "TRANSFER_OUT"], read.GetProperty("movements").EnumerateArray().Select(m => m.GetProperty("kind").GetString()).Order());
        Assert.Equal(["LOT_FORMED", "LOT_MOVED", "LOT_SOLD", "LOT_SOLD"], read.GetProperty("traceEvents").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        var trace = data.GetProperty("traceOf");
        Assert.Equal(3, trace.GetProperty("deliveries").GetArrayLength());
        Assert.Equal(1918m, trace.GetProperty("deliveries").EnumerateArray().Sum(d => d.GetProperty("weightKg").GetDecimal()));
        var kinds = trace.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(3, kinds.Count(k => k == "DELIVERY_RECORDED"));
        Assert.Contains("DELIVERY_CORRECTED", kinds);
        Assert.DoesNotContain("DELIVERY_REJECTED", kinds);
        // Warehouse 1 now holds only the grade II lot; warehouse 2 received the first lot and sold it all.
        Assert.Equal(400m, data.GetProperty("w0").GetProperty("stockKg").GetDecimal());
        Assert.Equal("GRADE_II", data.GetProperty("w0").GetProperty("stock")[0].GetProperty("grade").GetString());
        Assert.Equal(0m, data.GetProperty("w1").GetProperty("stockKg").GetDecimal());

        // The whole season's chain verifies, up to each lot's last event.
        foreach (var id in new[] { lotId, second })
        {
            var verified = (await _kit.Host.Payments.Inbox.DataAsync(token, Verify, new { lot = id })).GetProperty("verifyTrace");
            Assert.True(verified.GetProperty("valid").GetBoolean(), verified.ToString());
            Assert.Equal(JsonValueKind.Null, verified.GetProperty("firstBrokenLink").ValueKind);
        }
        await using var db = _kit.Host.TestContext();
        var whole = await TraceChain.VerifyAsync(db, coop.Id, null, default);
        Assert.True(whole.Valid);
        // 6 recorded + 5 validated + 2 corrected + 2 rejected + 2 lots + 1 move + 2 sales.
        Assert.Equal(20, whole.CheckedEvents);
    }

    [Fact]
    public async Task A_tampered_event_is_reported_by_verifyTrace_at_exactly_its_link()
    {
        var coop = await _kit.CooperativeAsync();
        var token = _kit.ManagerToken(coop);
        var lotId = await _kit.LotAsync(coop, await _kit.ValidatedAsync(coop, planter: 0), await _kit.ValidatedAsync(coop, planter: 1, gross: 700m, tare: 5m));
        await using (var read = _kit.Host.TestContext())
        {
            // Events: 1 recorded, 2 validated, 3 recorded, 4 validated, 5 lot formed. The forger lowers the second delivery's weight.
            Assert.Equal(5, await read.TraceEvents.CountAsync(e => e.CooperativeId == coop.Id));
        }
        var before = (await _kit.Host.Payments.Inbox.DataAsync(token, Verify, new { lot = lotId })).GetProperty("verifyTrace");
        Assert.True(before.GetProperty("valid").GetBoolean());
        Assert.Equal(5, before.GetProperty("checkedEvents").GetInt32());

        await TestPostgres.ExecuteAsync(
            "ALTER TABLE trace_events DISABLE TRIGGER USER; "
            + $"UPDATE trace_events SET payload = jsonb_set(payload, '{{grossWeightKg}}', '\"70\"') WHERE cooperative_id = '{coop.Id}' AND sequence = 3; "
            + "ALTER TABLE trace_events ENABLE TRIGGER USER;", database.ConnectionString);

        var after = (await _kit.Host.Payments.Inbox.DataAsync(token, Verify, new { lot = lotId })).GetProperty("verifyTrace");
        Assert.False(after.GetProperty("valid").GetBoolean());
        Assert.Equal(2, after.GetProperty("checkedEvents").GetInt32());
        var link = after.GetProperty("firstBrokenLink");
        Assert.Equal(3, link.GetProperty("sequence").GetInt64());
        Assert.Equal("ALTERED", link.GetProperty("reason").GetString());
        Assert.NotEqual(link.GetProperty("expectedHash").GetString(), link.GetProperty("storedHash").GetString());
        Assert.Equal("DELIVERY_RECORDED", link.GetProperty("event").GetProperty("kind").GetString());
        Assert.Equal("70", link.GetProperty("event").GetProperty("payload").GetProperty("grossWeightKg").GetString());
    }

    [Fact]
    public async Task Recording_refuses_a_plot_of_another_planter_a_warehouse_of_another_cooperative_a_future_day_and_strangers()
    {
        var coop = await _kit.CooperativeAsync();
        var other = await _kit.CooperativeAsync();
        var token = _kit.ManagerToken(coop);
        var admin = _kit.Host.TokenOf(coop.Manager.Id, PlatformRole.Admin);

        var plot = await _kit.MutateAsync(token, DeliveryTestKit.Record, "recordDelivery", _kit.DeliveryInput(coop, planter: 1, plot: coop.Plots[0]));
        Assert.Equal(("INVALID_DELIVERY_INPUT", "plotId"), Single(plot, "field"));
        // A manager does not see another cooperative's warehouse; an ADMIN sees it, and it is of the wrong cooperative.
        var foreign = new Dictionary<string, object>(Props(_kit.DeliveryInput(coop))) { ["warehouseId"] = DeliveryTestKit.Id("Warehouse", other.Warehouses[0]) };
        Assert.Equal(["WAREHOUSE_NOT_FOUND"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Record, "recordDelivery", foreign)));
        Assert.Equal(("INVALID_DELIVERY_INPUT", "warehouseId"), Single(await _kit.MutateAsync(admin, DeliveryTestKit.Record, "recordDelivery", foreign), "field"));
        Assert.Equal(("INVALID_DELIVERY_INPUT", "deliveredOn"),
            Single(await _kit.MutateAsync(token, DeliveryTestKit.Record, "recordDelivery", _kit.DeliveryInput(coop, on: _kit.Today.AddDays(1))), "field"));
        Assert.Equal(("INVALID_DELIVERY_INPUT", "pricePerKg"),
            Single(await _kit.MutateAsync(token, DeliveryTestKit.Record, "recordDelivery", _kit.DeliveryInput(coop, price: 2.5m, currency: "EUR")), "field"));
        Assert.Equal(("INVALID_DELIVERY_INPUT", "tareKg"),
            Single(await _kit.MutateAsync(token, DeliveryTestKit.Record, "recordDelivery", _kit.DeliveryInput(coop, gross: 10m, tare: 10m)), "field"));
        // The manager of another cooperative does not find this one's planter; FINANCE may not record at all.
        Assert.Equal(["PLANTER_NOT_FOUND"], DeliveryTestKit.Codes(await _kit.MutateAsync(_kit.ManagerToken(other), DeliveryTestKit.Record, "recordDelivery", _kit.DeliveryInput(coop))));
        var finance = await _kit.Host.Payments.Inbox.Host.SendAsync(DeliveryTestKit.Record, new { input = _kit.DeliveryInput(coop) }, _kit.Host.TokenOf(coop.Manager.Id, PlatformRole.Finance));
        Assert.Contains("AUTH_NOT_AUTHORIZED", finance.Text, StringComparison.Ordinal);

        await using var db = _kit.Host.TestContext();
        Assert.False(await db.Deliveries.AnyAsync(d => d.CooperativeId == coop.Id));
        Assert.False(await db.TraceEvents.AnyAsync(e => e.CooperativeId == coop.Id));
    }

    [Fact]
    public async Task Each_status_change_is_refused_from_the_wrong_status_or_cooperative()
    {
        var coop = await _kit.CooperativeAsync(capacities: [1000m, 500m]);
        var other = await _kit.CooperativeAsync();
        var token = _kit.ManagerToken(coop);
        var recorded = await _kit.RecordAsync(coop);
        var validated = await _kit.ValidatedAsync(coop, planter: 1, gross: 400m, tare: 0m);

        Assert.Equal(["DELIVERY_NOT_FOUND"], DeliveryTestKit.Codes(await _kit.MutateAsync(_kit.ManagerToken(other), DeliveryTestKit.Validate, "validateDelivery", new { deliveryId = recorded })));
        // 990 kg do not fit beside 400 kg in 1000 kg.
        var full = await _kit.MutateAsync(token, DeliveryTestKit.Validate, "validateDelivery", new { deliveryId = recorded });
        Assert.Equal(["WAREHOUSE_CAPACITY_EXCEEDED"], DeliveryTestKit.Codes(full));
        Assert.Equal(["DELIVERY_STATUS_CONFLICT"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Validate, "validateDelivery", new { deliveryId = validated })));
        Assert.Equal(["DELIVERY_STATUS_CONFLICT"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.CreateLot, "createLot", new { deliveryIds = new[] { validated, recorded } })));
        Assert.Equal(["INVALID_DELIVERY_INPUT"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Reject, "rejectDelivery", new { deliveryId = recorded, reason = "x" })));
        var grade2 = await _kit.ValidatedAsync(coop, planter: 0, gross: 100m, tare: 0m, grade: "GRADE_II");
        Assert.Equal(["INVALID_DELIVERY_INPUT"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.CreateLot, "createLot", new { deliveryIds = new[] { validated, grade2 } })));
        var lot = await _kit.LotAsync(coop, validated);
        Assert.Equal(["DELIVERY_IN_LOT"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.CreateLot, "createLot", new { deliveryIds = new[] { validated } })));
        Assert.Equal(["DELIVERY_IN_LOT"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Reject, "rejectDelivery", new { deliveryId = validated, reason = "Trop tard" })));
        Assert.Equal(["DELIVERY_IN_LOT"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Correct, "correctDelivery", new
        {
            deliveryId = validated, grossWeightKg = 390m, tareKg = 0m, moisturePercent = 7m, grade = "GRADE_I", pricePerKg = new { amount = 1800, currency = "XOF" }, reason = "Erreur",
        })));
        var rejected = await _kit.RecordAsync(coop, planter: 1, gross: 20m, tare: 0m);
        Assert.Empty(DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Reject, "rejectDelivery", new { deliveryId = rejected, reason = "Fèves plates" })));
        Assert.Equal(["DELIVERY_STATUS_CONFLICT"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Reject, "rejectDelivery", new { deliveryId = rejected, reason = "Encore" })));

        // Lots: too much sold, a move that does not fit, a move to another cooperative's warehouse, a move where it already is.
        var oversold = await _kit.MutateAsync(token, DeliveryTestKit.SellLot, "sellLot", new { lotId = lot, weightKg = 400.001m, buyerName = "SACO", pricePerKg = new { amount = 2000, currency = "XOF" } });
        Assert.Equal(["LOT_WEIGHT_EXCEEDED"], DeliveryTestKit.Codes(oversold));
        Assert.Empty(DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Validate, "validateDelivery", new { deliveryId = await _kit.RecordAsync(coop, warehouse: 1, gross: 200m, tare: 0m) })));
        Assert.Equal(["WAREHOUSE_CAPACITY_EXCEEDED"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.MoveLot, "moveLot", new { lotId = lot, warehouseId = DeliveryTestKit.Id("Warehouse", coop.Warehouses[1]) })));
        Assert.Equal(["WAREHOUSE_NOT_FOUND"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.MoveLot, "moveLot", new { lotId = lot, warehouseId = DeliveryTestKit.Id("Warehouse", other.Warehouses[0]) })));
        Assert.Equal(["INVALID_DELIVERY_INPUT"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.MoveLot, "moveLot", new { lotId = lot, warehouseId = DeliveryTestKit.Id("Warehouse", coop.Warehouses[0]) })));
        Assert.Equal(["LOT_NOT_FOUND"], DeliveryTestKit.Codes(await _kit.MutateAsync(_kit.ManagerToken(other), DeliveryTestKit.SellLot, "sellLot",
            new { lotId = lot, weightKg = 1m, buyerName = "SACO", pricePerKg = new { amount = 2000, currency = "XOF" } })));
        Assert.Empty(DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.SellLot, "sellLot", new { lotId = lot, weightKg = 400m, buyerName = "SACO", pricePerKg = new { amount = 2000, currency = "XOF" } })));
        Assert.Equal(["LOT_STATUS_CONFLICT"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.SellLot, "sellLot", new { lotId = lot, weightKg = 1m, buyerName = "SACO", pricePerKg = new { amount = 2000, currency = "XOF" } })));

        // Another manager's reads see nothing of this cooperative.
        var outsider = await _kit.Host.Payments.Inbox.DataAsync(_kit.ManagerToken(other), "query($id: ID!, $lot: ID!) { delivery(id: $id) { id } lot(id: $lot) { id } traceOf(lotId: $lot) { lot { id } } deliveries { totalCount } }",
            new { id = validated, lot });
        Assert.Equal(JsonValueKind.Null, outsider.GetProperty("delivery").ValueKind);
        Assert.Equal(JsonValueKind.Null, outsider.GetProperty("lot").ValueKind);
        Assert.Equal(JsonValueKind.Null, outsider.GetProperty("traceOf").ValueKind);
        Assert.Equal(0, outsider.GetProperty("deliveries").GetProperty("totalCount").GetInt32());
        await _kit.AssertStockInvariantsAsync(coop.Id);
    }

    [Fact]
    public async Task A_planter_paid_by_mobile_money_is_PAID_when_it_settles_and_VALIDATED_again_when_it_is_refunded()
    {
        var coop = await _kit.CooperativeAsync();
        var token = _kit.ManagerToken(coop);
        var recorded = await _kit.RecordAsync(coop);
        var pay = new { deliveryId = recorded, method = "ORANGE_MONEY", idempotencyKey = "paie-1" };
        Assert.Equal(["DELIVERY_STATUS_CONFLICT"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Pay, "payDelivery", pay)));
        Assert.Empty(DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Validate, "validateDelivery", new { deliveryId = recorded })));

        var started = await _kit.MutateAsync(token, DeliveryTestKit.Pay, "payDelivery", pay);
        Assert.Empty(DeliveryTestKit.Codes(started));
        var payment = started.GetProperty("payment");
        Assert.Equal(1_782_000m, payment.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal("VALIDATED", started.GetProperty("delivery").GetProperty("status").GetString());
        var paymentId = DeliveryTestKit.KeyOf(payment.GetProperty("id").GetString()!);
        // The same key returns the same payment; another key meets the payment under way, as do a correction and a rejection.
        Assert.Equal(payment.GetProperty("id").GetString(), (await _kit.MutateAsync(token, DeliveryTestKit.Pay, "payDelivery", pay)).GetProperty("payment").GetProperty("id").GetString());
        Assert.Equal(["DELIVERY_PAYMENT_IN_PROGRESS"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Pay, "payDelivery", pay with { idempotencyKey = "paie-2" })));
        Assert.Equal(["DELIVERY_PAYMENT_IN_PROGRESS"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Reject, "rejectDelivery", new { deliveryId = recorded, reason = "Annulée" })));

        await _kit.Host.SucceedAsync(paymentId);
        var paid = await _kit.Host.Payments.Inbox.DataAsync(token, "query($id: ID!) { delivery(id: $id) { status paidAt payments { id status } traceEvents { kind } } }", new { id = recorded });
        var delivery = paid.GetProperty("delivery");
        Assert.Equal("PAID", delivery.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, delivery.GetProperty("paidAt").ValueKind);
        Assert.Equal("SUCCEEDED", delivery.GetProperty("payments")[0].GetProperty("status").GetString());
        Assert.Equal(["DELIVERY_RECORDED", "DELIVERY_VALIDATED", "DELIVERY_PAID"], delivery.GetProperty("traceEvents").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(["DELIVERY_STATUS_CONFLICT"], DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Pay, "payDelivery", pay with { idempotencyKey = "paie-3" })));

        // The money comes back (the provider reverses the payout): a REFUND of it succeeds.
        var payments = _kit.Host.Payments.Payments;
        var original = (await payments.FindAsync(paymentId, default))!;
        var refund = await payments.CreateAsync(new PaymentRequest
        {
            Purpose = PaymentPurpose.Refund, Method = original.Method, Amount = original.Amount, WalletNumber = original.WalletNumber, PayerUserId = original.PayerUserId,
            RefundOfPaymentId = original.Id, Description = "Remboursement : paiement en double", IdempotencyKey = "rembourse-1",
        }, coop.Manager.Id, default);
        Assert.Null(refund.Refusal);
        await _kit.Host.SucceedAsync(refund.Payment!.Id);

        await using var db = _kit.Host.TestContext();
        var back = await db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == DeliveryTestKit.KeyOf(recorded));
        Assert.Equal((DeliveryStatus.Validated, (DateTime?)null), (back.Status, back.PaidAt));
        var kinds = await db.TraceEvents.Where(e => e.DeliveryId == back.Id).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync();
        Assert.Equal([TraceEventKind.DeliveryRecorded, TraceEventKind.DeliveryValidated, TraceEventKind.DeliveryPaid, TraceEventKind.DeliveryUnpaid], kinds);
        Assert.True((await TraceChain.VerifyAsync(db, coop.Id, null, default)).Valid);
        // Owed again, it can be paid again.
        Assert.Empty(DeliveryTestKit.Codes(await _kit.MutateAsync(token, DeliveryTestKit.Pay, "payDelivery", pay with { idempotencyKey = "paie-4" })));
    }

    [Fact]
    public async Task A_planter_paid_in_cash_is_PAID_once_another_manager_validates_the_cash()
    {
        var coop = await _kit.CooperativeAsync();
        var token = _kit.ManagerToken(coop);
        var id = await _kit.ValidatedAsync(coop);
        var recorded = await _kit.MutateAsync(token, DeliveryTestKit.Pay, "payDelivery", new { deliveryId = id, method = "CASH", cashReference = "RECU-0042", idempotencyKey = "especes-1" });
        Assert.Empty(DeliveryTestKit.Codes(recorded));
        Assert.Equal(("PENDING", "CASH"), (recorded.GetProperty("payment").GetProperty("status").GetString(), recorded.GetProperty("payment").GetProperty("method").GetString()));
        var paymentId = DeliveryTestKit.KeyOf(recorded.GetProperty("payment").GetProperty("id").GetString()!);

        var cash = _kit.Host.Cash;
        Assert.NotNull((await cash.ValidateAsync(paymentId, coop.Manager.Id, default)).Error);
        var checker = await _kit.Host.AddUserAsync("Second gérant");
        Assert.Null((await cash.ValidateAsync(paymentId, checker.Id, default)).Error);

        await using var db = _kit.Host.TestContext();
        Assert.Equal(DeliveryStatus.Paid, (await db.Deliveries.AsNoTracking().SingleAsync(d => d.Id == DeliveryTestKit.KeyOf(id))).Status);
    }

    private static (string Code, string Field) Single(JsonElement payload, string property)
    {
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        return (error.GetProperty("code").GetString()!, error.GetProperty(property).GetString()!);
    }

    private static Dictionary<string, object> Props(object value) =>
        value.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(value)!);
}
