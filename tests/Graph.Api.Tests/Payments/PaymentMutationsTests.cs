using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.GraphQL.Streaming;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Notifications;
using Graph.Api.Tontines;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Payments;

/// <summary>Payments through the graph, as apps and the SPA use them: initiating for each purpose, the refusals (typed,
/// with nothing written), refunds, cancellations, FX rates, the ledger's figures and the live updates.</summary>
public sealed class PaymentMutationsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DefaultNodeIdSerializer Ids = new();

    private const string Initiate = """
        mutation($input: InitiatePaymentInput!) {
          initiatePayment(input: $input) {
            payment { id status purpose method amount { amount currency } settlementCurrency fxRate walletNumber description providerReference
                      payer { id } history { from to source } }
            customerAction
            errors { __typename ... on Error { code message } ... on InvalidPaymentInputError { field } ... on PaymentSubjectNotFoundError { field } }
          }
        }
        """;

    private const string Refund = """
        mutation($input: RefundPaymentInput!) {
          refundPayment(input: $input) {
            payment { id status purpose refundOf { id status } }
            errors { __typename ... on Error { code message } }
          }
        }
        """;

    private const string Cancel = """
        mutation($input: CancelPaymentInput!) {
          cancelPayment(input: $input) { payment { id status } errors { __typename ... on Error { code message } } }
        }
        """;

    private PaymentsHost _host = null!;

    public Task InitializeAsync()
    {
        // Moov Money is not offered on this server, to see the method refused.
        _host = PaymentsHost.Start(database, new Dictionary<string, string?>(PaymentsHost.WithoutVat()) { ["Graph:Payments:Providers:MoovMoney:Kind"] = "None" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private InboxHost Inbox => _host.Inbox;

    private static object Subscription(string key, decimal amount = 2500m, string method = "ORANGE_MONEY", string wallet = "+221 77 123 45 67", string currency = "XOF") => new
    {
        purpose = "SUBSCRIPTION", method, amount = new { amount, currency }, walletNumber = wallet, idempotencyKey = key,
    };

    private async Task<string> CountPaymentsAsync()
    {
        await using var db = _host.TestContext();
        return $"{await db.Payments.CountAsync()}/{await db.PaymentStatusChanges.CountAsync()}/{await db.LedgerEntries.CountAsync()}";
    }

    private async Task SucceedAsync(string paymentId)
    {
        var id = (Guid)Ids.Parse(paymentId).Key;
        var payment = (await _host.LoadAsync(id)).Payment;
        var outcome = await _host.Payments.ApplyAsync(id, new ProviderUpdate(ProviderState.Succeeded, payment.ProviderReference, Amount: payment.Amount),
            new TransitionOrigin(PaymentEventSource.Callback, EventId: "evt-" + id), default);
        Assert.Equal(TransitionOutcome.Applied, outcome);
    }

    [Fact]
    public async Task A_subscription_paid_by_Orange_Money_waits_for_the_customer_and_a_retry_returns_the_same_payment()
    {
        var payer = await _host.AddUserAsync();
        var token = Inbox.TokenOf(payer.Id);
        var key = Guid.NewGuid().ToString();

        var first = await Inbox.MutateAsync(token, Initiate, "initiatePayment", Subscription(key));
        var again = await Inbox.MutateAsync(token, Initiate, "initiatePayment", Subscription(key));
        var other = await Inbox.MutateAsync(token, Initiate, "initiatePayment", Subscription(key, amount: 3000m));

        Assert.Equal(JsonValueKind.Null, first.GetProperty("errors").ValueKind);
        var payment = first.GetProperty("payment");
        Assert.Equal("PENDING", payment.GetProperty("status").GetString());
        Assert.Equal("SUBSCRIPTION", payment.GetProperty("purpose").GetString());
        Assert.Equal("+221771234567", payment.GetProperty("walletNumber").GetString());
        Assert.Equal(2500m, payment.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal(Ids.Format("User", payer.Id), payment.GetProperty("payer").GetProperty("id").GetString());
        Assert.StartsWith("MP", payment.GetProperty("providerReference").GetString(), StringComparison.Ordinal);
        Assert.Contains("#144#", first.GetProperty("customerAction").GetString(), StringComparison.Ordinal);
        Assert.Equal(["INITIATED", "PENDING"], payment.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()));
        Assert.Equal(payment.GetProperty("id").GetString(), again.GetProperty("payment").GetProperty("id").GetString());
        Assert.Contains("#144#", again.GetProperty("customerAction").GetString(), StringComparison.Ordinal);
        Assert.Equal(("IdempotencyKeyReusedError", "IDEMPOTENCY_KEY_REUSED", null), InboxHost.SingleError(other));
    }

    public static TheoryData<object, string, string, string?> Refusals => new()
    {
        { new { purpose = "SUBSCRIPTION", method = "ORANGE_MONEY", amount = new { amount = 2500.5m, currency = "XOF" }, walletNumber = "+221771234567", idempotencyKey = "k1" }, "InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "amount" },
        { new { purpose = "SUBSCRIPTION", method = "ORANGE_MONEY", amount = new { amount = 0m, currency = "XOF" }, walletNumber = "+221771234567", idempotencyKey = "k2" }, "InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "amount" },
        { new { purpose = "SUBSCRIPTION", method = "ORANGE_MONEY", amount = new { amount = 2500m, currency = "XOF" }, walletNumber = "77 123 45 67", idempotencyKey = "k3" }, "InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "walletNumber" },
        { new { purpose = "SUBSCRIPTION", method = "CASH", amount = new { amount = 2500m, currency = "XOF" }, walletNumber = "+221771234567", idempotencyKey = "k4" }, "InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "method" },
        { new { purpose = "REFUND", method = "WAVE", amount = new { amount = 2500m, currency = "XOF" }, walletNumber = "+221771234567", idempotencyKey = "k5" }, "InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "purpose" },
        { new { purpose = "SUBSCRIPTION", method = "MOOV_MONEY", amount = new { amount = 2500m, currency = "XOF" }, walletNumber = "+22890123456", idempotencyKey = "k6" }, "PaymentMethodUnavailableError", "PAYMENT_METHOD_UNAVAILABLE", null },
        { new { purpose = "SUBSCRIPTION", method = "WAVE", amount = new { amount = 2500m, currency = "XOF" }, walletNumber = "+221771234567", idempotencyKey = "" }, "InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "idempotencyKey" },
        { new { purpose = "TONTINE_CONTRIBUTION", method = "WAVE", amount = new { amount = 2500m, currency = "XOF" }, walletNumber = "+221771234567", idempotencyKey = "k8", tontineId = Ids.Format("Tontine", Guid.NewGuid()) }, "PaymentSubjectNotFoundError", "PAYMENT_SUBJECT_NOT_FOUND", "tontineId" },
        { new { purpose = "BOOK_PURCHASE", method = "WAVE", amount = new { amount = 2500m, currency = "XOF" }, walletNumber = "+221771234567", idempotencyKey = "k9", bookId = Ids.Format("Book", Guid.NewGuid()) }, "PaymentSubjectNotFoundError", "PAYMENT_SUBJECT_NOT_FOUND", "bookId" },
        { new { purpose = "PLANTER_PAYMENT", method = "WAVE", amount = new { amount = 2500m, currency = "XOF" }, walletNumber = "+221771234567", idempotencyKey = "k10" }, "PaymentSubjectNotFoundError", "PAYMENT_SUBJECT_NOT_FOUND", "purpose" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_payment_is_a_typed_error_and_writes_nothing(object input, string type, string code, string? field)
    {
        var payer = await _host.AddUserAsync();
        var before = await CountPaymentsAsync();

        var payload = await Inbox.MutateAsync(Inbox.TokenOf(payer.Id), Initiate, "initiatePayment", input);

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("payment").ValueKind);
        Assert.Equal((type, code, field), InboxHost.SingleError(payload));
        Assert.Equal(before, await CountPaymentsAsync());
    }

    [Fact]
    public async Task A_book_is_paid_at_its_price_and_its_success_credits_the_authors_royalties_and_the_platform()
    {
        var (book, author) = await AddBookAsync(new Money(3000m, Currency.XOF));
        var payer = await _host.AddUserAsync();
        var token = Inbox.TokenOf(payer.Id);
        var input = new { purpose = "BOOK_PURCHASE", method = "WAVE", amount = new { amount = 3000m, currency = "XOF" }, walletNumber = "+221771234567", bookId = Ids.Format("Book", book), idempotencyKey = Guid.NewGuid().ToString() };

        var wrong = await Inbox.MutateAsync(token, Initiate, "initiatePayment", input with { amount = new { amount = 2000m, currency = "XOF" }, idempotencyKey = Guid.NewGuid().ToString() });
        var paid = await Inbox.MutateAsync(token, Initiate, "initiatePayment", input);
        await SucceedAsync(paid.GetProperty("payment").GetProperty("id").GetString()!);

        Assert.Equal(("InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "amount"), InboxHost.SingleError(wrong));
        Assert.StartsWith("https://pay.wave.com/c/", paid.GetProperty("customerAction").GetString(), StringComparison.Ordinal);
        var id = (Guid)Ids.Parse(paid.GetProperty("payment").GetProperty("id").GetString()!).Key;
        var entries = Assert.Single((await _host.LoadAsync(id)).Postings).Entries;
        Assert.Equal(3000m, entries.Single(e => e.AccountType == LedgerAccountType.ProviderClearing && e.AccountKey == "WAVE").Amount);
        Assert.Equal(-2100m, entries.Single(e => e.AccountType == LedgerAccountType.RoyaltiesPayable && e.AccountKey == author.ToString("D")).Amount);
        Assert.Equal(-900m, entries.Single(e => e.AccountType == LedgerAccountType.PlatformRevenue).Amount);
    }

    [Fact]
    public async Task A_euro_book_paid_in_francs_is_converted_at_the_parity_and_balances_in_each_currency()
    {
        var (book, _) = await AddBookAsync(new Money(4.99m, Currency.EUR));
        var payer = await _host.AddUserAsync();
        var token = Inbox.TokenOf(payer.Id);
        object Input(decimal amount) => new { purpose = "BOOK_PURCHASE", method = "ORANGE_MONEY", amount = new { amount, currency = "XOF" }, walletNumber = "+225 07 07 12 34 56", bookId = Ids.Format("Book", book), idempotencyKey = Guid.NewGuid().ToString() };

        // 4.99 EUR at 655.957 XOF is 3273.23 XOF: 3274 XOF, rounded up to the franc.
        var wrong = await Inbox.MutateAsync(token, Initiate, "initiatePayment", Input(3273m));
        var paid = await Inbox.MutateAsync(token, Initiate, "initiatePayment", Input(3274m));
        await SucceedAsync(paid.GetProperty("payment").GetProperty("id").GetString()!);

        var error = Assert.Single(wrong.GetProperty("errors").EnumerateArray());
        Assert.Contains("3,274 XOF", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("EUR", paid.GetProperty("payment").GetProperty("settlementCurrency").GetString());
        var id = (Guid)Ids.Parse(paid.GetProperty("payment").GetProperty("id").GetString()!).Key;
        var entries = Assert.Single((await _host.LoadAsync(id)).Postings).Entries;
        Assert.Equal(0m, entries.Where(e => e.Currency == Currency.XOF).Sum(e => e.Amount));
        Assert.Equal(0m, entries.Where(e => e.Currency == Currency.EUR).Sum(e => e.Amount));
        Assert.Equal(3274m, entries.Single(e => e.AccountType == LedgerAccountType.ProviderClearing).Amount);
        Assert.Equal(4.99m, entries.Single(e => e.AccountType == LedgerAccountType.FxConversion && e.Currency == Currency.EUR).Amount);
        Assert.All(entries.Where(e => e.AccountType == LedgerAccountType.FxConversion), e => Assert.Equal(new DateOnly(1999, 1, 1), e.FxRateDate));
        Assert.Equal(-4.99m, entries.Where(e => e.Currency == Currency.EUR && e.AccountType != LedgerAccountType.FxConversion).Sum(e => e.Amount));
    }

    [Fact]
    public async Task A_member_contributes_to_their_tontine_and_only_its_treasurer_sends_a_payout_to_a_member()
    {
        var president = await _host.AddUserAsync();
        var member = await _host.AddUserAsync();
        var outsider = await _host.AddUserAsync();
        var tontine = await AddTontineAsync((president.Id, TontineRole.President), (member.Id, TontineRole.Member));
        object Contribution(string key) => new { purpose = "TONTINE_CONTRIBUTION", method = "MTN_MOMO", amount = new { amount = 10000m, currency = "XOF" }, walletNumber = "+2290197123456", tontineId = Ids.Format("Tontine", tontine), idempotencyKey = key };
        object Payout(Guid payee, string key) => new { purpose = "TONTINE_PAYOUT", method = "MTN_MOMO", amount = new { amount = 10000m, currency = "XOF" }, walletNumber = "+2290197123456", tontineId = Ids.Format("Tontine", tontine), payeeId = Ids.Format("User", payee), idempotencyKey = key };

        var contribution = await Inbox.MutateAsync(Inbox.TokenOf(member.Id), Initiate, "initiatePayment", Contribution("c1"));
        var notMember = await Inbox.MutateAsync(Inbox.TokenOf(outsider.Id), Initiate, "initiatePayment", Contribution("c2"));
        var byMember = await Inbox.MutateAsync(Inbox.TokenOf(member.Id), Initiate, "initiatePayment", Payout(member.Id, "p1"));
        var toOutsider = await Inbox.MutateAsync(Inbox.TokenOf(president.Id), Initiate, "initiatePayment", Payout(outsider.Id, "p2"));
        var beforeFunds = await Inbox.MutateAsync(Inbox.TokenOf(president.Id), Initiate, "initiatePayment", Payout(member.Id, "p3"));
        await SucceedAsync(contribution.GetProperty("payment").GetProperty("id").GetString()!);
        var payout = await Inbox.MutateAsync(Inbox.TokenOf(president.Id), Initiate, "initiatePayment", Payout(member.Id, "p4"));
        // The pot's 10,000 are promised to the open payout: a second one is refused until the first fails.
        var secondPayout = await Inbox.MutateAsync(Inbox.TokenOf(president.Id), Initiate, "initiatePayment", Payout(member.Id, "p5"));

        Assert.Equal("PENDING", contribution.GetProperty("payment").GetProperty("status").GetString());
        Assert.Equal(("PaymentSubjectNotFoundError", "PAYMENT_SUBJECT_NOT_FOUND", "tontineId"), InboxHost.SingleError(notMember));
        Assert.Equal(("PaymentSubjectNotFoundError", "PAYMENT_SUBJECT_NOT_FOUND", "tontineId"), InboxHost.SingleError(byMember));
        Assert.Equal(("PaymentSubjectNotFoundError", "PAYMENT_SUBJECT_NOT_FOUND", "payeeId"), InboxHost.SingleError(toOutsider));
        Assert.Equal(("InsufficientFundsError", "INSUFFICIENT_FUNDS", null), InboxHost.SingleError(beforeFunds));
        Assert.Equal("PENDING", payout.GetProperty("payment").GetProperty("status").GetString());
        Assert.Equal(("InsufficientFundsError", "INSUFFICIENT_FUNDS", null), InboxHost.SingleError(secondPayout));

        await SucceedAsync(payout.GetProperty("payment").GetProperty("id").GetString()!);
        var balances = (await Inbox.DataAsync(Inbox.TokenOf(president.Id, PlatformRole.Finance), "{ ledgerBalances(accountType: TONTINE_POT) { accountKey balance { amount } entryCount } }"))
            .GetProperty("ledgerBalances").EnumerateArray().Single(b => b.GetProperty("accountKey").GetString() == tontine.ToString("D"));
        Assert.Equal(0m, balances.GetProperty("balance").GetProperty("amount").GetDecimal());
        Assert.Equal(2, balances.GetProperty("entryCount").GetInt64());
        // The treasurer and the president see the tontine's payments; the outsider none of them.
        var seen = await Inbox.DataAsync(Inbox.TokenOf(president.Id), "{ payments(first: 10) { nodes { purpose } } }");
        Assert.Equal(2, seen.GetProperty("payments").GetProperty("nodes").GetArrayLength());
        var hidden = await Inbox.DataAsync(Inbox.TokenOf(outsider.Id), "{ payments(first: 10) { totalCount } }");
        Assert.Equal(0, hidden.GetProperty("payments").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Finance_refunds_a_succeeded_payment_once_and_the_reversal_leaves_the_ledger_as_before()
    {
        var payer = await _host.AddUserAsync();
        var finance = Inbox.TokenOf((await _host.AddUserAsync()).Id, PlatformRole.Finance);
        var paid = await Inbox.MutateAsync(Inbox.TokenOf(payer.Id), Initiate, "initiatePayment", Subscription(Guid.NewGuid().ToString(), method: "FREE_MONEY"));
        var pending = await Inbox.MutateAsync(Inbox.TokenOf(payer.Id), Initiate, "initiatePayment", Subscription(Guid.NewGuid().ToString(), method: "FREE_MONEY"));
        var paymentId = paid.GetProperty("payment").GetProperty("id").GetString()!;
        await SucceedAsync(paymentId);
        var key = Guid.NewGuid().ToString();

        var refund = await Inbox.MutateAsync(finance, Refund, "refundPayment", new { paymentId, reason = "Abonnement en double", idempotencyKey = key });
        var replay = await Inbox.MutateAsync(finance, Refund, "refundPayment", new { paymentId, reason = "Abonnement en double", idempotencyKey = key });
        var twice = await Inbox.MutateAsync(finance, Refund, "refundPayment", new { paymentId, reason = "Encore", idempotencyKey = Guid.NewGuid().ToString() });
        var notSucceeded = await Inbox.MutateAsync(finance, Refund, "refundPayment", new { paymentId = pending.GetProperty("payment").GetProperty("id").GetString(), reason = "Non", idempotencyKey = Guid.NewGuid().ToString() });
        var byPayer = await Inbox.Host.SendAsync(Refund, new { input = new { paymentId, reason = "Moi", idempotencyKey = Guid.NewGuid().ToString() } }, Inbox.TokenOf(payer.Id));

        Assert.Equal(JsonValueKind.Null, refund.GetProperty("errors").ValueKind);
        Assert.Equal("SUCCEEDED", refund.GetProperty("payment").GetProperty("status").GetString());
        Assert.Equal("REFUND", refund.GetProperty("payment").GetProperty("purpose").GetString());
        Assert.True(refund.GetProperty("payment").GetProperty("refundOf").ValueKind == JsonValueKind.Object, refund.ToString());
        Assert.Equal("REFUNDED", refund.GetProperty("payment").GetProperty("refundOf").GetProperty("status").GetString());
        Assert.Equal(refund.GetProperty("payment").GetProperty("id").GetString(), replay.GetProperty("payment").GetProperty("id").GetString());
        Assert.Equal("PAYMENT_STATUS_CONFLICT", InboxHost.SingleError(twice).Code);
        Assert.Equal("PAYMENT_STATUS_CONFLICT", InboxHost.SingleError(notSucceeded).Code);
        Assert.Contains("AUTH_NOT_AUTHORIZED", byPayer.Text, StringComparison.Ordinal);
        var totals = await Inbox.DataAsync(finance, "{ ledgerTotals { amount currency } ledgerBalances(accountType: PROVIDER_CLEARING) { accountKey balance { amount } } }");
        Assert.All(totals.GetProperty("ledgerTotals").EnumerateArray(), t => Assert.Equal(0m, t.GetProperty("amount").GetDecimal()));
        Assert.Equal(0m, totals.GetProperty("ledgerBalances").EnumerateArray().Single(b => b.GetProperty("accountKey").GetString() == "FREE_MONEY").GetProperty("balance").GetProperty("amount").GetDecimal());
        // The payer hears of the refund in their inbox.
        await using var db = _host.TestContext();
        Assert.Contains(await db.Notifications.Where(n => n.UserId == payer.Id).Select(n => n.Template).ToListAsync(), t => t == "payment.refunded");
    }

    [Fact]
    public async Task The_payer_cancels_a_pending_payment_but_not_someone_elses_nor_a_settled_one()
    {
        var payer = await _host.AddUserAsync();
        var stranger = await _host.AddUserAsync();
        var token = Inbox.TokenOf(payer.Id);
        var first = (await Inbox.MutateAsync(token, Initiate, "initiatePayment", Subscription(Guid.NewGuid().ToString()))).GetProperty("payment").GetProperty("id").GetString()!;
        var second = (await Inbox.MutateAsync(token, Initiate, "initiatePayment", Subscription(Guid.NewGuid().ToString()))).GetProperty("payment").GetProperty("id").GetString()!;
        await SucceedAsync(second);

        var byStranger = await Inbox.MutateAsync(Inbox.TokenOf(stranger.Id), Cancel, "cancelPayment", new { paymentId = first });
        var cancelled = await Inbox.MutateAsync(token, Cancel, "cancelPayment", new { paymentId = first });
        var settled = await Inbox.MutateAsync(token, Cancel, "cancelPayment", new { paymentId = second });

        Assert.Equal("PAYMENT_NOT_FOUND", InboxHost.SingleError(byStranger).Code);
        Assert.Equal("CANCELLED", cancelled.GetProperty("payment").GetProperty("status").GetString());
        Assert.Equal("PAYMENT_STATUS_CONFLICT", InboxHost.SingleError(settled).Code);
        // The customer confirms at the provider anyway: a mismatch for FINANCE, the payment stays CANCELLED, nothing posted.
        // The provider tells it three times: one mismatch to resolve, not three.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TransitionOutcome.Conflict, await _host.Payments.ApplyAsync((Guid)Ids.Parse(first).Key,
                new ProviderUpdate(ProviderState.Succeeded, Amount: new Money(2500m, Currency.XOF)), new TransitionOrigin(PaymentEventSource.Callback), default));
        }
        var (payment, _, postings) = await _host.LoadAsync((Guid)Ids.Parse(first).Key);
        Assert.Equal(PaymentStatus.Cancelled, payment.Status);
        Assert.Empty(postings);
        await using var db = _host.TestContext();
        Assert.Equal(MismatchKind.StatusConflict, (await db.PaymentMismatches.SingleAsync(m => m.PaymentId == payment.Id)).Kind);
    }

    [Fact]
    public async Task Finance_records_dated_rates_which_new_payments_use_and_a_rate_is_never_overwritten()
    {
        var finance = Inbox.TokenOf((await _host.AddUserAsync()).Id, PlatformRole.Finance);
        const string Set = "mutation($input: SetFxRateInput!) { setFxRate(input: $input) { fxRate { base quote date rate source } errors { __typename ... on Error { code } ... on InvalidPaymentInputError { field } } } }";

        var set = await Inbox.MutateAsync(finance, Set, "setFxRate", new { @base = "USD", quote = "XOF", date = "2026-11-01", rate = 603.12m, source = "BCEAO fixing" });
        var again = await Inbox.MutateAsync(finance, Set, "setFxRate", new { @base = "USD", quote = "XOF", date = "2026-11-01", rate = 610m, source = "BCEAO fixing" });
        var same = await Inbox.MutateAsync(finance, Set, "setFxRate", new { @base = "XOF", quote = "XOF", date = "2026-11-02", rate = 1m, source = "Nonsense" });
        var negative = await Inbox.MutateAsync(finance, Set, "setFxRate", new { @base = "EUR", quote = "USD", date = "2026-11-02", rate = -1m, source = "Nonsense" });
        var rates = await Inbox.DataAsync(finance, "{ fxRates(base: USD, quote: XOF) { rate date } }");

        Assert.Equal(603.12m, set.GetProperty("fxRate").GetProperty("rate").GetDecimal());
        Assert.Equal(("InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "date"), InboxHost.SingleError(again));
        Assert.Equal(("InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "quote"), InboxHost.SingleError(same));
        Assert.Equal(("InvalidPaymentInputError", "INVALID_PAYMENT_INPUT", "rate"), InboxHost.SingleError(negative));
        Assert.Equal(603.12m, Assert.Single(rates.GetProperty("fxRates").EnumerateArray()).GetProperty("rate").GetDecimal());
    }

    [Fact]
    public async Task The_payer_follows_the_payment_live_and_others_cannot_subscribe_to_it()
    {
        var payer = await _host.AddUserAsync();
        var stranger = await _host.AddUserAsync();
        var token = Inbox.TokenOf(payer.Id);
        var paymentId = (await Inbox.MutateAsync(token, Initiate, "initiatePayment", Subscription(Guid.NewGuid().ToString()))).GetProperty("payment").GetProperty("id").GetString()!;

        using var mine = await SubscribeAsync(token, "subscription { myPaymentUpdates { id status } }");
        using var one = await SubscribeAsync(token, "subscription($id: ID!) { paymentStatusChanged(paymentId: $id) { id status ledgerPostings { kind } } }", new { id = paymentId });
        using var refused = await SubscribeAsync(Inbox.TokenOf(stranger.Id), "subscription($id: ID!) { paymentStatusChanged(paymentId: $id) { id status } }", new { id = paymentId });
        await SucceedAsync(paymentId);

        var update = (await mine.Reader.ReadEventAsync("next")).Json.GetProperty("data").GetProperty("myPaymentUpdates");
        Assert.Equal(paymentId, update.GetProperty("id").GetString());
        Assert.Equal("SUCCEEDED", update.GetProperty("status").GetString());
        var changed = (await one.Reader.ReadEventAsync("next")).Json;
        Assert.True(changed.GetProperty("data").GetProperty("paymentStatusChanged").ValueKind == JsonValueKind.Object, changed.ToString());
        Assert.Equal("SUCCEEDED", changed.GetProperty("data").GetProperty("paymentStatusChanged").GetProperty("status").GetString());
        // ledgerPostings is FINANCE's: the payer gets the payment and an authorization error on that field only.
        Assert.Contains("AUTH_NOT_AUTHORIZED", changed.ToString(), StringComparison.Ordinal);
        var denial = (await refused.Reader.ReadEventAsync("next")).Json;
        Assert.Contains("PAYMENT_NOT_FOUND", denial.ToString(), StringComparison.Ordinal);
    }

    private async Task<(HttpResponseMessage Response, EventStreamReader Reader)> SubscribeCoreAsync(string token, string query, object? variables)
    {
        using var request = GraphQLHttp.PostQuery(query, variables, "text/event-stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await Inbox.Host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, new EventStreamReader(await response.Content.ReadAsStreamAsync()));
    }

    private async Task<Subscribed> SubscribeAsync(string token, string query, object? variables = null)
    {
        var (response, reader) = await SubscribeCoreAsync(token, query, variables);
        return new Subscribed(response, reader);
    }

    private sealed class Subscribed(HttpResponseMessage response, EventStreamReader reader) : IDisposable
    {
        public EventStreamReader Reader { get; } = reader;

        public void Dispose()
        {
            Reader.Dispose();
            response.Dispose();
        }
    }

    private async Task<(Guid Book, Guid Author)> AddBookAsync(Money price)
    {
        await using var db = _host.TestContext();
        var author = new Author { Name = "Mariama Bâ", CountryCode = "SN" };
        db.Authors.Add(author);
        var book = new Book { Title = "Une si longue lettre " + Guid.NewGuid().ToString("N")[..6], Language = "fr", Price = price, Author = author };
        db.Books.Add(book);
        await db.SaveChangesAsync();
        return (book.Id, author.Id);
    }

    private async Task<Guid> AddTontineAsync(params (Guid User, TontineRole Role)[] members)
    {
        await using var db = _host.TestContext();
        var tontine = new Tontine { Name = "Tontine " + Guid.NewGuid().ToString("N")[..6], CreatedAt = _host.Now };
        db.Tontines.Add(tontine);
        foreach (var (user, role) in members)
        {
            tontine.Members.Add(new TontineMember { TontineId = tontine.Id, UserId = user, Role = role, JoinedAt = _host.Now });
        }
        await db.SaveChangesAsync();
        return tontine.Id;
    }
}
