using System.Net;
using System.Net.Http.Headers;
using Graph.Api.Billing;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Notifications;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Payments;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Graph.Api.Tests.Billing;

/// <summary>Purchases, subscriptions, access and invoices against PostgreSQL, settled through the payment simulators.</summary>
public sealed class BillingTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly DefaultNodeIdSerializer Ids = new();

    private const string BuyBook = """
        mutation($input: BuyBookInput!) {
          buyBook(input: $input) { payment { id status } errors { __typename ... on Error { code message } } }
        }
        """;

    /// <summary>A handler registered after billing's that throws for the payments the test names.</summary>
    private sealed class FailingHandler : IPaymentSettlementHandler
    {
        public volatile bool Fail;

        public Task OnSucceededAsync(GraphDbContext db, Payment payment, DateTime now, CancellationToken cancellationToken) =>
            Fail ? throw new InvalidOperationException("A domain failed to settle.") : Task.CompletedTask;

        public Task OnRefundedAsync(GraphDbContext db, Payment original, Payment refund, DateTime now, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private readonly FailingHandler _failing = new();
    private PaymentsHost _host = null!;

    public Task InitializeAsync()
    {
        _host = PaymentsHost.Start(database, services: s => s.AddSingleton<IPaymentSettlementHandler>(_failing),
            clock: new ManualClock(new DateTimeOffset(2027, 1, 31, 10, 0, 0, TimeSpan.Zero)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(Guid Book, Guid Author)> AddBookAsync(decimal price = 3540m, string title = "Les <Pirogues> & co")
    {
        await using var db = _host.TestContext();
        var author = new Author { Name = "Aminata Diallo", CountryCode = "SN", CreatedAt = _host.Now };
        var book = new Book { Title = title, Language = "fr", Price = new Money(price, Currency.XOF), CreatedAt = _host.Now };
        author.Books.Add(book);
        db.Authors.Add(author);
        await db.SaveChangesAsync();
        return (book.Id, author.Id);
    }

    private async Task<Guid> BuyAsync(Guid user, Guid book, string wallet = "+221771234567")
    {
        var payload = await _host.Inbox.MutateAsync(_host.Inbox.TokenOf(user), BuyBook, "buyBook",
            new { bookId = Ids.Format("Book", book), method = "ORANGE_MONEY", walletNumber = wallet, idempotencyKey = Guid.NewGuid().ToString() });
        Assert.Equal(System.Text.Json.JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        return (Guid)Ids.Parse(payload.GetProperty("payment").GetProperty("id").GetString()!).Key;
    }

    private async Task<TransitionOutcome> SucceedAsync(Guid paymentId)
    {
        var payment = (await _host.LoadAsync(paymentId)).Payment;
        return await _host.Payments.ApplyAsync(paymentId, new ProviderUpdate(ProviderState.Succeeded, payment.ProviderReference, Amount: payment.Amount),
            new TransitionOrigin(PaymentEventSource.Callback, EventId: "evt-" + paymentId), default);
    }

    [Fact]
    public async Task A_purchase_through_the_simulator_grants_the_book_invoices_it_and_posts_tax_and_royalties_on_the_net()
    {
        var (book, author) = await AddBookAsync();
        var reader = await _host.AddUserAsync();
        var paymentId = await BuyAsync(reader.Id, book);
        var payment = (await _host.LoadAsync(paymentId)).Payment;
        Assert.Equal(540m, payment.TaxAmount);

        var (status, answer) = await _host.PostAsync(payment.Method, Callbacks.Final(_host, payment, "evt-buy-1"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("APPLIED", Callbacks.Outcome(answer));
        await using var db = _host.TestContext();
        Assert.True(await BookAccess.CanReadAsync(db, reader.Id, book, _host.Now, default));
        var invoice = await db.Invoices.Include(i => i.Lines).SingleAsync(i => i.PaymentId == paymentId);
        Assert.Equal((3000m, 540m, 3540m), (invoice.SubtotalAmount, invoice.TaxAmount, invoice.TotalAmount));
        Assert.Matches(@"^INV-2027-\d{6}$", invoice.Number);
        Assert.Equal(0.18m, Assert.Single(invoice.Lines).TaxRate);
        var entries = Assert.Single((await _host.LoadAsync(paymentId)).Postings).Entries;
        Assert.Equal(-540m, entries.Single(e => e.AccountType == LedgerAccountType.TaxPayable).Amount);
        Assert.Equal(-2100m, entries.Single(e => e.AccountType == LedgerAccountType.RoyaltiesPayable && e.AccountKey == author.ToString("D")).Amount);
        Assert.Equal(-900m, entries.Single(e => e.AccountType == LedgerAccountType.PlatformRevenue).Amount);
        Assert.Equal(0m, entries.Sum(e => e.Amount));
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == reader.Id && n.Template == NotificationTemplates.InvoiceIssued));

        var again = await _host.Inbox.MutateAsync(_host.Inbox.TokenOf(reader.Id), BuyBook, "buyBook",
            new { bookId = Ids.Format("Book", book), method = "WAVE", walletNumber = "+221771234567", idempotencyKey = Guid.NewGuid().ToString() });
        Assert.Equal(("BookAlreadyOwnedError", "BOOK_ALREADY_OWNED", null), Notifications.InboxHost.SingleError(again));
    }

    [Fact]
    public async Task A_failing_handler_rolls_the_settlement_back_answers_503_and_burns_no_invoice_number()
    {
        var (book, _) = await AddBookAsync(title: "Rollback");
        var reader = await _host.AddUserAsync();
        var paymentId = await BuyAsync(reader.Id, book);
        var payment = (await _host.LoadAsync(paymentId)).Payment;
        int Last(GraphDbContext db) => db.InvoiceCounters.Where(c => c.Kind == InvoiceKind.Invoice && c.Year == 2027).Select(c => c.LastNumber).SingleOrDefault();
        int before;
        await using (var db = _host.TestContext())
        {
            before = Last(db);
        }

        _failing.Fail = true;
        var (refused, _) = await _host.PostAsync(payment.Method, Callbacks.Final(_host, payment, "evt-fail-1"));
        _failing.Fail = false;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused);
        var stored = await _host.LoadAsync(paymentId);
        Assert.Equal(PaymentStatus.Pending, stored.Payment.Status);
        Assert.Empty(stored.Postings);
        await using (var db = _host.TestContext())
        {
            Assert.Equal(before, Last(db));
            Assert.False(await db.Invoices.AnyAsync(i => i.PaymentId == paymentId));
            Assert.False(await db.BookOwnerships.AnyAsync(o => o.PaymentId == paymentId));
        }

        var (retried, _) = await _host.PostAsync(payment.Method, Callbacks.Final(_host, payment, "evt-fail-1"));
        Assert.Equal(HttpStatusCode.OK, retried);
        await using (var db = _host.TestContext())
        {
            var invoice = await db.Invoices.SingleAsync(i => i.PaymentId == paymentId);
            Assert.Equal(before + 1, invoice.Sequence);
        }
    }

    [Fact]
    public async Task Forty_purchases_settled_at_once_take_forty_consecutive_numbers()
    {
        var reader = await _host.AddUserAsync();
        var payments = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var (book, _) = await AddBookAsync(title: $"Concurrence {i}");
            payments.Add(await BuyAsync(reader.Id, book));
        }
        int before;
        await using (var db = _host.TestContext())
        {
            before = await db.InvoiceCounters.Where(c => c.Kind == InvoiceKind.Invoice && c.Year == 2027).Select(c => c.LastNumber).SingleOrDefaultAsync();
        }

        var outcomes = await Task.WhenAll(payments.Select(p => Task.Run(() => SucceedAsync(p))));

        Assert.All(outcomes, o => Assert.Equal(TransitionOutcome.Applied, o));
        await using var check = _host.TestContext();
        var sequences = await check.Invoices.Where(i => payments.Contains(i.PaymentId)).Select(i => i.Sequence).OrderBy(s => s).ToListAsync();
        Assert.Equal(Enumerable.Range(before + 1, 40), sequences);
    }

    [Fact]
    public async Task A_refund_issues_a_credit_note_and_revokes_the_book()
    {
        var (book, _) = await AddBookAsync(title: "Remboursé");
        var reader = await _host.AddUserAsync();
        var finance = await _host.AddUserAsync();
        var paymentId = await BuyAsync(reader.Id, book);
        Assert.Equal(TransitionOutcome.Applied, await SucceedAsync(paymentId));

        var refund = await _host.Payments.RefundAsync(paymentId, "Erreur d'achat", "refund-" + paymentId, finance.Id, default);
        Assert.Null(refund.Refusal);
        if (refund.Payment!.Status != PaymentStatus.Succeeded)
        {
            Assert.Equal(TransitionOutcome.Applied, await SucceedAsync(refund.Payment.Id));
        }

        await using var db = _host.TestContext();
        Assert.False(await BookAccess.CanReadAsync(db, reader.Id, book, _host.Now, default));
        var invoice = await db.Invoices.SingleAsync(i => i.PaymentId == paymentId);
        var note = await db.Invoices.SingleAsync(i => i.CorrectsInvoiceId == invoice.Id);
        Assert.Equal(InvoiceKind.CreditNote, note.Kind);
        Assert.Matches(@"^CN-2027-\d{6}$", note.Number);
        Assert.Equal(-invoice.TotalAmount, note.TotalAmount);
        Assert.Equal(-invoice.TaxAmount, note.TaxAmount);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_invoice()
    {
        var (book, _) = await AddBookAsync(title: "Immuable");
        var reader = await _host.AddUserAsync();
        var paymentId = await BuyAsync(reader.Id, book);
        Assert.Equal(TransitionOutcome.Applied, await SucceedAsync(paymentId));
        await using var db = _host.TestContext();
        var id = await db.Invoices.Where(i => i.PaymentId == paymentId).Select(i => i.Id).SingleAsync();

        var update = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync($"UPDATE invoices SET buyer_name = 'X' WHERE id = {id}"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync($"DELETE FROM invoice_lines WHERE invoice_id = {id}"));

        Assert.Equal(PostgresErrorCodes.RestrictViolation, update.SqlState);
        Assert.Equal(PostgresErrorCodes.RestrictViolation, delete.SqlState);
        Assert.Equal(1, await db.InvoiceLines.CountAsync(l => l.InvoiceId == id));
    }

    [Fact]
    public async Task The_document_is_the_owners_and_finances_with_values_escaped_and_nobody_elses()
    {
        var (book, _) = await AddBookAsync(title: "<script>alert(1)</script>");
        var reader = await _host.AddUserAsync();
        var stranger = await _host.AddUserAsync();
        var paymentId = await BuyAsync(reader.Id, book);
        Assert.Equal(TransitionOutcome.Applied, await SucceedAsync(paymentId));
        var data = await _host.Inbox.DataAsync(_host.Inbox.TokenOf(reader.Id), "{ myInvoices(first: 5) { nodes { id number documentUrl total { amount currency } } } }");
        var node = data.GetProperty("myInvoices").GetProperty("nodes")[0];
        var url = node.GetProperty("documentUrl").GetString()!;

        async Task<(HttpStatusCode, string)> GetAsync(string token, string? language = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (language is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }
            using var response = await _host.Client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var (ownerStatus, html) = await GetAsync(_host.Inbox.TokenOf(reader.Id));
        var (englishStatus, english) = await GetAsync(_host.Inbox.TokenOf(reader.Id), "en-US,en;q=0.9");
        var (strangerStatus, _) = await GetAsync(_host.Inbox.TokenOf(stranger.Id));
        var (financeStatus, _) = await GetAsync(_host.Inbox.TokenOf(stranger.Id, PlatformRole.Finance));

        Assert.Equal(HttpStatusCode.OK, ownerStatus);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("Facture " + node.GetProperty("number").GetString(), html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, englishStatus);
        Assert.Contains("Invoice " + node.GetProperty("number").GetString(), english, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, strangerStatus);
        Assert.Equal(HttpStatusCode.OK, financeStatus);
    }

    [Fact]
    public async Task A_subscription_opens_on_January_31_renews_to_the_end_of_February_then_March_31_and_expires_unpaid()
    {
        var reader = await _host.AddUserAsync();
        var token = _host.Inbox.TokenOf(reader.Id);
        var plan = Ids.Format("SubscriptionPlan", Guid.Parse("0192f3a0-0000-7000-8000-000000000001"));
        var payload = await _host.Inbox.MutateAsync(token, """
            mutation($input: SubscribeToPlanInput!) { subscribeToPlan(input: $input) { subscription { id status } payment { id } errors { __typename ... on Error { code } } } }
            """, "subscribeToPlan", new { planId = plan, method = "WAVE", walletNumber = "+221771234567", idempotencyKey = "sub-1" });
        Assert.Equal("PENDING", payload.GetProperty("subscription").GetProperty("status").GetString());
        var subscriptionId = (Guid)Ids.Parse(payload.GetProperty("subscription").GetProperty("id").GetString()!).Key;
        Assert.Equal(TransitionOutcome.Applied, await SucceedAsync((Guid)Ids.Parse(payload.GetProperty("payment").GetProperty("id").GetString()!).Key));

        async Task<ReaderSubscription> LoadAsync()
        {
            await using var db = _host.TestContext();
            return await db.ReaderSubscriptions.AsNoTracking().SingleAsync(s => s.Id == subscriptionId);
        }
        var opened = await LoadAsync();
        Assert.Equal(SubscriptionStatus.Active, opened.Status);
        Assert.Equal(new DateTime(2027, 2, 28, 10, 0, 0, DateTimeKind.Utc), opened.CurrentPeriodEnd);

        var again = await _host.Inbox.MutateAsync(token, """
            mutation($input: SubscribeToPlanInput!) { subscribeToPlan(input: $input) { errors { __typename ... on Error { code } } } }
            """, "subscribeToPlan", new { planId = plan, method = "WAVE", walletNumber = "+221771234567", idempotencyKey = "sub-2" });
        Assert.Equal("ALREADY_SUBSCRIBED", again.GetProperty("errors")[0].GetProperty("code").GetString());

        var renewer = _host.Services.GetRequiredService<SubscriptionRenewer>();
        // Other tests' subscriptions share the database: the runs are judged by this subscription's state.
        _host.Clock.Advance(TimeSpan.FromDays(26));
        Assert.Equal(0, (await renewer.RunOnceAsync(default)).Errors);
        var renewing = await LoadAsync();
        Assert.NotNull(renewing.RenewalPaymentId);
        await renewer.RunOnceAsync(default);
        Assert.Equal(renewing.RenewalPaymentId, (await LoadAsync()).RenewalPaymentId);
        Assert.Equal(TransitionOutcome.Applied, await SucceedAsync(renewing.RenewalPaymentId!.Value));
        var renewed = await LoadAsync();
        Assert.Equal(new DateTime(2027, 2, 28, 10, 0, 0, DateTimeKind.Utc), renewed.CurrentPeriodStart);
        Assert.Equal(new DateTime(2027, 3, 31, 10, 0, 0, DateTimeKind.Utc), renewed.CurrentPeriodEnd);
        Assert.Null(renewed.RenewalPaymentId);

        // The next renewal is asked for and never paid: the period ends and the subscription expires.
        _host.Clock.Advance(TimeSpan.FromDays(30));
        await renewer.RunOnceAsync(default);
        var unpaid = await LoadAsync();
        Assert.NotNull(unpaid.RenewalPaymentId);
        Assert.Equal(SubscriptionStatus.Active, unpaid.Status);
        _host.Clock.Advance(TimeSpan.FromDays(4));
        await renewer.RunOnceAsync(default);
        Assert.Equal(SubscriptionStatus.Expired, (await LoadAsync()).Status);
        await using var db = _host.TestContext();
        Assert.Equal(2, await db.Invoices.CountAsync(i => i.BuyerUserId == reader.Id));
    }

    [Fact]
    public async Task A_cancelled_subscription_reads_until_its_period_ends_and_is_not_renewed()
    {
        var reader = await _host.AddUserAsync();
        var token = _host.Inbox.TokenOf(reader.Id);
        var (book, _) = await AddBookAsync(title: "Abonné");
        var payload = await _host.Inbox.MutateAsync(token, """
            mutation($input: SubscribeToPlanInput!) { subscribeToPlan(input: $input) { subscription { id } payment { id } errors { __typename } } }
            """, "subscribeToPlan", new { planId = Ids.Format("SubscriptionPlan", Guid.Parse("0192f3a0-0000-7000-8000-000000000001")), method = "WAVE", walletNumber = "+221771234567", idempotencyKey = "sub-c" });
        await SucceedAsync((Guid)Ids.Parse(payload.GetProperty("payment").GetProperty("id").GetString()!).Key);
        var id = payload.GetProperty("subscription").GetProperty("id").GetString()!;

        var cancelled = await _host.Inbox.MutateAsync(token, """
            mutation($input: CancelSubscriptionInput!) { cancelSubscription(input: $input) { subscription { status autoRenew givesAccess } errors { __typename } } }
            """, "cancelSubscription", new { subscriptionId = id });
        var stranger = await _host.Inbox.MutateAsync(_host.Inbox.TokenOf((await _host.AddUserAsync()).Id), """
            mutation($input: CancelSubscriptionInput!) { cancelSubscription(input: $input) { errors { __typename ... on Error { code } } } }
            """, "cancelSubscription", new { subscriptionId = id });
        var access = await _host.Inbox.DataAsync(token, "query($id: ID!) { book(id: $id) { viewerAccess { canRead reason } } }", new { id = Ids.Format("Book", book) });

        Assert.Equal("CANCELLED", cancelled.GetProperty("subscription").GetProperty("status").GetString());
        Assert.True(cancelled.GetProperty("subscription").GetProperty("givesAccess").GetBoolean());
        Assert.Equal("SUBSCRIPTION_NOT_FOUND", stranger.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("SUBSCRIPTION", access.GetProperty("book").GetProperty("viewerAccess").GetProperty("reason").GetString());
        var renewer = _host.Services.GetRequiredService<SubscriptionRenewer>();
        _host.Clock.Advance(TimeSpan.FromDays(27));
        await renewer.RunOnceAsync(default);
        await using var db = _host.TestContext();
        var subscription = await db.ReaderSubscriptions.AsNoTracking().SingleAsync(s => s.UserId == reader.Id);
        Assert.Null(subscription.RenewalPaymentId);
        Assert.True(await BookAccess.CanReadAsync(db, reader.Id, book, _host.Now, default));
        Assert.False(await BookAccess.CanReadAsync(db, reader.Id, book, subscription.CurrentPeriodEnd!.Value, default));
    }
}
