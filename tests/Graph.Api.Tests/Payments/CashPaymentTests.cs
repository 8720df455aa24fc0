using System.Text.Json;
using Graph.Api.Audit;
using Graph.Api.Identity;
using Graph.Api.Notifications;
using Graph.Api.Payments;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Notifications;
using Graph.Api.Tontines;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Payments;

/// <summary>
/// Cash payments over GraphQL, maker-checker: a tontine's treasurer records a contribution with its proof, another
/// treasurer or the president validates it (posted on the cash clearing account and the tontine's pot) or rejects it; the
/// maker can never check their own cash; members without a treasury role cannot record; bad photos and reused keys are
/// typed errors that change nothing.
/// </summary>
public sealed class CashPaymentTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string PaymentSelection = """
        payment {
          id status method failureReason failureMessage amount { amount currency }
          cashProof { reference note photo photoContentType recordedBy { id } checkedBy { id } checkedAt }
        }
        """;

    private const string Errors = "errors { __typename ... on Error { code message } ... on InvalidPaymentInputError { field } }";

    private const string Record = $$"""
        mutation($input: RecordCashPaymentInput!) {
          recordCashPayment(input: $input) { {{PaymentSelection}} errors { __typename ... on Error { code message } ... on InvalidPaymentInputError { field } ... on PaymentSubjectNotFoundError { field } } }
        }
        """;

    private const string Validate = $$"""
        mutation($input: ValidateCashPaymentInput!) { validateCashPayment(input: $input) { {{PaymentSelection}} {{Errors}} } }
        """;

    private const string Reject = $$"""
        mutation($input: RejectCashPaymentInput!) { rejectCashPayment(input: $input) { {{PaymentSelection}} {{Errors}} } }
        """;

    /// <summary>The 8 bytes every PNG starts with, then a little more.</summary>
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[64]];

    private PaymentsHost _host = null!;

    public Task InitializeAsync()
    {
        _host = PaymentsHost.Start(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Recorded_cash_waits_pending_for_its_checker_with_its_proof()
    {
        var tontine = await TontineAsync();

        var payment = Payment(await RecordAsync(tontine.Treasurer, Contribution(tontine, photo: Convert.ToBase64String(Png), photoContentType: "image/png")));

        Assert.Equal(("PENDING", "CASH"), (payment.GetProperty("status").GetString(), payment.GetProperty("method").GetString()));
        Assert.Equal(5000m, payment.GetProperty("amount").GetProperty("amount").GetDecimal());
        var proof = payment.GetProperty("cashProof");
        Assert.Equal(("RECU-2026-118", "Remis par Fatou, en billets de 1000", "image/png"),
            (proof.GetProperty("reference").GetString(), proof.GetProperty("note").GetString(), proof.GetProperty("photoContentType").GetString()));
        Assert.Equal(Png, Convert.FromBase64String(proof.GetProperty("photo").GetString()!));
        Assert.Equal(GlobalIds.User(tontine.Treasurer.Id), proof.GetProperty("recordedBy").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, proof.GetProperty("checkedBy").ValueKind);
        var (stored, history, postings) = await _host.LoadAsync(KeyOf(payment));
        Assert.Equal([(null, PaymentStatus.Initiated), (PaymentStatus.Initiated, PaymentStatus.Pending)], history.Select(h => (h.From, h.To)));
        Assert.All(history, h => Assert.Equal((PaymentEventSource.Api, tontine.Treasurer.Id), (h.Source, h.ActorUserId)));
        Assert.Equal((tontine.Id, tontine.Member.Id, (string?)null), (stored.TontineId, stored.PayerUserId, stored.WalletNumber));
        Assert.Empty(postings);
    }

    [Fact]
    public async Task The_maker_can_neither_validate_nor_reject_their_own_cash_and_nothing_changes()
    {
        var tontine = await TontineAsync();
        var payment = Payment(await RecordAsync(tontine.Treasurer, Contribution(tontine)));
        var before = await TableRows.CountAsync(database.ConnectionString);

        var validated = await CheckAsync(Validate, "validateCashPayment", tontine.Treasurer, new { paymentId = Id(payment) });
        var rejected = await CheckAsync(Reject, "rejectCashPayment", tontine.Treasurer, new { paymentId = Id(payment), reason = "Je me suis trompé." });

        Assert.Equal(("MakerCannotCheckError", "MAKER_CANNOT_CHECK", null), InboxHost.SingleError(validated));
        Assert.Equal(("MakerCannotCheckError", "MAKER_CANNOT_CHECK", null), InboxHost.SingleError(rejected));
        Assert.Equal(before, await TableRows.CountAsync(database.ConnectionString));
        var (stored, _, postings) = await _host.LoadAsync(KeyOf(payment));
        Assert.Equal(PaymentStatus.Pending, stored.Status);
        Assert.Empty(postings);
        await using var db = _host.TestContext();
        Assert.Null((await db.CashProofs.AsNoTracking().SingleAsync(p => p.PaymentId == stored.Id)).CheckedByUserId);
    }

    [Fact]
    public async Task Another_treasurer_validates_the_cash_which_is_posted_once_to_cash_in_hand_and_the_pot()
    {
        var tontine = await TontineAsync();
        var payment = Payment(await RecordAsync(tontine.Treasurer, Contribution(tontine)));

        var validated = Payment(await CheckAsync(Validate, "validateCashPayment", tontine.OtherTreasurer, new { paymentId = Id(payment) }));
        var again = await CheckAsync(Validate, "validateCashPayment", tontine.President, new { paymentId = Id(payment) });

        Assert.Equal("SUCCEEDED", validated.GetProperty("status").GetString());
        Assert.Equal(GlobalIds.User(tontine.OtherTreasurer.Id), validated.GetProperty("cashProof").GetProperty("checkedBy").GetProperty("id").GetString());
        Assert.Equal(("PaymentStatusConflictError", "PAYMENT_STATUS_CONFLICT", null), InboxHost.SingleError(again));
        var (stored, history, postings) = await _host.LoadAsync(KeyOf(payment));
        Assert.Equal(PaymentStatus.Succeeded, stored.Status);
        var move = history.Single(h => h.To == PaymentStatus.Succeeded);
        Assert.Equal((PaymentEventSource.CashValidation, tontine.OtherTreasurer.Id), (move.Source, move.ActorUserId));
        var posting = Assert.Single(postings);
        Assert.Equal(
            [(LedgerAccountType.ProviderClearing, "CASH", 5000m), (LedgerAccountType.TontinePot, tontine.Id.ToString("D"), -5000m)],
            posting.Entries.OrderByDescending(e => e.Amount).Select(e => (e.AccountType, e.AccountKey, e.Amount)));
        await using var db = _host.TestContext();
        var proof = await db.CashProofs.AsNoTracking().SingleAsync(p => p.PaymentId == stored.Id);
        Assert.Equal((tontine.OtherTreasurer.Id, _host.Now), (proof.CheckedByUserId, proof.CheckedAt));
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.CashPaymentValidated && e.EntityId == stored.Id.ToString());
        Assert.Equal(tontine.OtherTreasurer.Id, audit.ActorUserId);
        // The member who paid is told.
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == tontine.Member.Id && n.Template == NotificationTemplates.PaymentSucceeded));
    }

    [Fact]
    public async Task The_president_rejects_the_cash_which_fails_with_the_reason_and_posts_nothing()
    {
        var tontine = await TontineAsync();
        var payment = Payment(await RecordAsync(tontine.Treasurer, Contribution(tontine)));

        var blank = await CheckAsync(Reject, "rejectCashPayment", tontine.President, new { paymentId = Id(payment), reason = " " });
        var rejected = Payment(await CheckAsync(Reject, "rejectCashPayment", tontine.President,
            new { paymentId = Id(payment), reason = "Le reçu indique 4000 FCFA, pas 5000." }));

        Assert.Equal(("InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "reason"), InboxHost.SingleError(blank));
        Assert.Equal(("FAILED", "CASH_REJECTED", "Le reçu indique 4000 FCFA, pas 5000."),
            (rejected.GetProperty("status").GetString(), rejected.GetProperty("failureReason").GetString(), rejected.GetProperty("failureMessage").GetString()));
        var (stored, history, postings) = await _host.LoadAsync(KeyOf(payment));
        Assert.Equal((PaymentEventSource.CashValidation, tontine.President.Id, PaymentFailureReason.CashRejected),
            (history[^1].Source, history[^1].ActorUserId, history[^1].Reason));
        Assert.Empty(postings);
        await using var db = _host.TestContext();
        Assert.Equal(tontine.President.Id, (await db.CashProofs.AsNoTracking().SingleAsync(p => p.PaymentId == stored.Id)).CheckedByUserId);
        Assert.Equal(tontine.President.Id, (await db.AuditEntries.AsNoTracking()
            .SingleAsync(e => e.Action == AuditActions.CashPaymentRejected && e.EntityId == stored.Id.ToString())).ActorUserId);
    }

    [Fact]
    public async Task A_validation_and_a_rejection_at_once_settle_the_cash_one_way_only()
    {
        var tontine = await TontineAsync();
        var payment = Payment(await RecordAsync(tontine.Treasurer, Contribution(tontine)));

        var results = await Task.WhenAll(
            Task.Run(() => CheckAsync(Validate, "validateCashPayment", tontine.OtherTreasurer, new { paymentId = Id(payment) })),
            Task.Run(() => CheckAsync(Reject, "rejectCashPayment", tontine.President, new { paymentId = Id(payment), reason = "Billets douteux." })));

        Assert.Single(results, r => r.GetProperty("errors").ValueKind == JsonValueKind.Null);
        Assert.Equal(("PaymentStatusConflictError", "PAYMENT_STATUS_CONFLICT", null),
            InboxHost.SingleError(Assert.Single(results, r => r.GetProperty("errors").ValueKind != JsonValueKind.Null)));
        var (stored, _, postings) = await _host.LoadAsync(KeyOf(payment));
        Assert.Equal(stored.Status == PaymentStatus.Succeeded ? 1 : 0, postings.Count);
        Assert.Contains(stored.Status, new[] { PaymentStatus.Succeeded, PaymentStatus.Failed });
    }

    [Fact]
    public async Task A_member_without_a_treasury_role_can_neither_record_nor_check_cash()
    {
        var tontine = await TontineAsync();
        var elsewhere = await TontineAsync();
        var payment = Payment(await RecordAsync(tontine.Treasurer, Contribution(tontine)));
        var before = await TableRows.CountAsync(database.ConnectionString);

        var recorded = await SendAsync(tontine.Member, Record, Contribution(tontine));
        var validated = await SendAsync(tontine.Member, Validate, new { paymentId = Id(payment) });
        // A treasurer of another tontine is nobody here.
        var foreign = await SendAsync(elsewhere.Treasurer, Validate, new { paymentId = Id(payment) });
        // Nor does a treasurer record what is not a tontine's.
        var subscription = await SendAsync(tontine.Treasurer, Record, Subscription(tontine.Member.Id));

        foreach (var response in new[] { recorded, validated, foreign, subscription })
        {
            Assert.Equal("AUTH_NOT_AUTHORIZED", Assert.Single(response.GetProperty("errors").EnumerateArray()).GetProperty("extensions").GetProperty("code").GetString());
        }
        Assert.Equal(before, await TableRows.CountAsync(database.ConnectionString));
    }

    [Fact]
    public async Task Each_purpose_has_its_makers()
    {
        var tontine = await TontineAsync();
        var manager = await _host.AddUserAsync();
        var buyer = await _host.AddUserAsync();
        var finance = await _host.AddUserAsync();
        var planter = new
        {
            purpose = "PLANTER_PAYMENT",
            amount = new { amount = 150000, currency = "XOF" },
            payerId = GlobalIds.User(buyer.Id),
            description = "Cacao, livraison du 21 novembre",
            idempotencyKey = Guid.NewGuid().ToString("N"),
            proof = new { reference = "BON-4411" },
        };

        var byManager = await SendAsync(manager, Record, planter, PlatformRole.CooperativeManager);
        var subscriptionByManager = await SendAsync(manager, Record, Subscription(tontine.Member.Id), PlatformRole.CooperativeManager);
        var subscriptionByFinance = await SendAsync(finance, Record, Subscription(tontine.Member.Id), PlatformRole.Finance);
        var refund = await SendAsync(finance, Record, new
        {
            purpose = "REFUND",
            amount = new { amount = 2500, currency = "XOF" },
            description = "Remboursement",
            idempotencyKey = Guid.NewGuid().ToString("N"),
            proof = new { reference = "R-1" },
        }, PlatformRole.Finance);

        Assert.Equal("PENDING", Payment(Field(byManager, "recordCashPayment")).GetProperty("status").GetString());
        Assert.Equal("AUTH_NOT_AUTHORIZED", subscriptionByManager.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("PENDING", Payment(Field(subscriptionByFinance, "recordCashPayment")).GetProperty("status").GetString());
        Assert.Equal(("InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "purpose"), InboxHost.SingleError(Field(refund, "recordCashPayment")));
        // FINANCE checks the manager's cash; the planter payment moves money out of the buyer's wallet.
        var validated = Payment(Field(await SendAsync(finance, Validate, new { paymentId = Id(Payment(Field(byManager, "recordCashPayment"))) }, PlatformRole.Finance), "validateCashPayment"));
        var (_, _, postings) = await _host.LoadAsync(KeyOf(validated));
        Assert.Equal(
            [(LedgerAccountType.Wallet, buyer.Id.ToString("D"), 150000m), (LedgerAccountType.ProviderClearing, "CASH", -150000m)],
            Assert.Single(postings).Entries.OrderByDescending(e => e.Amount).Select(e => (e.AccountType, e.AccountKey, e.Amount)));
    }

    [Fact]
    public async Task The_payer_must_be_a_member_and_a_payout_must_be_covered_by_the_pot()
    {
        var tontine = await TontineAsync();
        var outsider = await _host.AddUserAsync();
        var before = await TableRows.CountAsync(database.ConnectionString);

        var stranger = await RecordAsync(tontine.Treasurer, new
        {
            purpose = "TONTINE_CONTRIBUTION",
            amount = new { amount = 5000, currency = "XOF" },
            payerId = GlobalIds.User(outsider.Id),
            tontineId = GlobalIds.Tontine(tontine.Id),
            description = "Cotisation de novembre",
            idempotencyKey = Guid.NewGuid().ToString("N"),
            proof = new { reference = "RECU-1" },
        });
        // The pot is empty: nothing to pay out yet.
        var payout = await RecordAsync(tontine.Treasurer, new
        {
            purpose = "TONTINE_PAYOUT",
            amount = new { amount = 20000, currency = "XOF" },
            payeeId = GlobalIds.User(tontine.Member.Id),
            tontineId = GlobalIds.Tontine(tontine.Id),
            description = "Versement du pot de novembre",
            idempotencyKey = Guid.NewGuid().ToString("N"),
            proof = new { reference = "RECU-2" },
        });

        Assert.Equal(("PaymentSubjectNotFoundError", "PAYMENT_SUBJECT_NOT_FOUND", "payerId"), InboxHost.SingleError(stranger));
        Assert.Equal(("InsufficientFundsError", "INSUFFICIENT_FUNDS", null), InboxHost.SingleError(payout));
        Assert.Equal(before, await TableRows.CountAsync(database.ConnectionString));
    }

    [Theory]
    [InlineData("too big", "proof.photo")]
    [InlineData("not an image", "proof.photo")]
    [InlineData("not base64", "proof.photo")]
    [InlineData("declared otherwise", "proof.photoContentType")]
    [InlineData("type without photo", "proof.photoContentType")]
    public async Task A_photo_that_is_too_big_or_not_an_image_is_refused_and_nothing_is_recorded(string photoCase, string field)
    {
        var tontine = await TontineAsync();
        var (photo, type) = photoCase switch
        {
            "too big" => (Convert.ToBase64String([0xFF, 0xD8, 0xFF, .. new byte[CashProof.MaxPhotoBytes]]), null),
            "not an image" => (Convert.ToBase64String([.. "GIF89a"u8, .. new byte[32]]), null),
            "not base64" => ("data:image/png;base64,iVBORw0KGgo=", null),
            "declared otherwise" => (Convert.ToBase64String(Png), "image/jpeg"),
            _ => ((string?)null, "image/png"),
        };
        var before = await TableRows.CountAsync(database.ConnectionString);

        var payload = await RecordAsync(tontine.Treasurer, Contribution(tontine, photo: photo, photoContentType: type));

        Assert.Equal(("InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", field), InboxHost.SingleError(payload));
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("payment").ValueKind);
        Assert.Equal(before, await TableRows.CountAsync(database.ConnectionString));
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_recording_and_refuses_another_payload()
    {
        var tontine = await TontineAsync();
        var key = Guid.NewGuid().ToString("N");
        var input = Contribution(tontine, key);

        var first = Payment(await RecordAsync(tontine.Treasurer, input));
        var again = Payment(await RecordAsync(tontine.Treasurer, input));
        var otherAmount = await RecordAsync(tontine.Treasurer, Contribution(tontine, key, amount: 6000));
        var otherProof = await RecordAsync(tontine.Treasurer, Contribution(tontine, key, reference: "RECU-2026-119"));

        Assert.Equal(Id(first), Id(again));
        Assert.Equal("PENDING", again.GetProperty("status").GetString());
        Assert.Equal(("IdempotencyKeyReusedError", "IDEMPOTENCY_KEY_REUSED", null), InboxHost.SingleError(otherAmount));
        Assert.Equal(("IdempotencyKeyReusedError", "IDEMPOTENCY_KEY_REUSED", null), InboxHost.SingleError(otherProof));
        await using var db = _host.TestContext();
        Assert.Equal(1, await db.Payments.CountAsync(p => p.IdempotencyKey == key));
        Assert.Equal(1, await db.CashProofs.CountAsync(p => p.PaymentId == KeyOf(first)));
    }

    /// <summary>A tontine with its president, two treasurers and a member, each with an account.</summary>
    private async Task<TontineFixture> TontineAsync()
    {
        var president = await _host.Inbox.AddUserAsync(displayName: "Awa Diop");
        var treasurer = await _host.Inbox.AddUserAsync(displayName: "Fatou Sow");
        var otherTreasurer = await _host.Inbox.AddUserAsync(displayName: "Khady Fall");
        var member = await _host.Inbox.AddUserAsync(displayName: "Mariama Ba");
        await using var db = _host.TestContext();
        var tontine = new Tontine { Name = "Tontine des Parcelles " + Guid.NewGuid().ToString("N")[..6], CreatedAt = _host.Now };
        db.Tontines.Add(tontine);
        foreach (var (user, role) in new[] { (president, TontineRole.President), (treasurer, TontineRole.Treasurer), (otherTreasurer, TontineRole.Treasurer), (member, TontineRole.Member) })
        {
            tontine.Members.Add(new TontineMember { TontineId = tontine.Id, UserId = user.Id, Role = role, JoinedAt = _host.Now });
        }
        await db.SaveChangesAsync();
        return new TontineFixture(tontine.Id, president, treasurer, otherTreasurer, member);
    }

    /// <summary>The input of recordCashPayment for the member's contribution to <paramref name="tontine"/>.</summary>
    private static object Contribution(TontineFixture tontine, string? key = null, decimal amount = 5000, string reference = "RECU-2026-118",
        string? photo = null, string? photoContentType = null) => new
    {
        purpose = "TONTINE_CONTRIBUTION",
        amount = new { amount, currency = "XOF" },
        payerId = GlobalIds.User(tontine.Member.Id),
        tontineId = GlobalIds.Tontine(tontine.Id),
        description = "Cotisation de novembre",
        idempotencyKey = key ?? Guid.NewGuid().ToString("N"),
        proof = new { reference, note = "Remis par Fatou, en billets de 1000", photo, photoContentType },
    };

    private static object Subscription(Guid payer) => new
    {
        purpose = "SUBSCRIPTION",
        amount = new { amount = 2500, currency = "XOF" },
        payerId = GlobalIds.User(payer),
        description = "Abonnement Coko payé au guichet",
        idempotencyKey = Guid.NewGuid().ToString("N"),
        proof = new { reference = "G-12" },
    };

    private Task<JsonElement> RecordAsync(User maker, object input) =>
        _host.Inbox.MutateAsync(_host.Inbox.TokenOf(maker.Id), Record, "recordCashPayment", input);

    private Task<JsonElement> CheckAsync(string mutation, string field, User checker, object input) =>
        _host.Inbox.MutateAsync(_host.Inbox.TokenOf(checker.Id), mutation, field, input);

    /// <summary>Sends a mutation with <c>input</c> as <paramref name="caller"/>; returns the whole body (data and errors).</summary>
    private async Task<JsonElement> SendAsync(User caller, string mutation, object input, params PlatformRole[] roles)
    {
        var response = await _host.Inbox.Host.SendAsync(mutation, new { input }, _host.Inbox.TokenOf(caller.Id, roles));
        return response.Body.Clone();
    }

    private static JsonElement Field(JsonElement body, string field)
    {
        Assert.False(body.TryGetProperty("errors", out _), body.ToString());
        return body.GetProperty("data").GetProperty(field);
    }

    private static JsonElement Payment(JsonElement payload)
    {
        Assert.True(payload.GetProperty("errors").ValueKind == JsonValueKind.Null, payload.ToString());
        return payload.GetProperty("payment");
    }

    private static string Id(JsonElement payment) => payment.GetProperty("id").GetString()!;

    private static Guid KeyOf(JsonElement payment) => GlobalIds.KeyOf(Id(payment));

    private sealed record TontineFixture(Guid Id, User President, User Treasurer, User OtherTreasurer, User Member);
}
