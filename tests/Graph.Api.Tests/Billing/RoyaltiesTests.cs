using System.Globalization;
using System.Text.Json;
using Graph.Api.Billing;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Notifications;
using Graph.Api.Payments;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tests.Payments;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Billing;

/// <summary>Author royalties against PostgreSQL: rules (tiers, history, the default), payouts through Payments (refusals,
/// concurrency, notification), statements that reconcile to the ledger, and who may read them.</summary>
public sealed class RoyaltiesTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string SetRule = """
        mutation($input: SetRoyaltyRuleInput!) {
          setRoyaltyRule(input: $input) {
            royaltyRule { revision rate tierFromCopy tierRate validFrom book { id } }
            errors { __typename ... on Error { code message } ... on InvalidRoyaltyInputError { field } }
          }
        }
        """;

    private PaymentsHost _payments = null!;
    private RoyaltiesHost _host = null!;

    public async Task InitializeAsync()
    {
        _payments = PaymentsHost.Start(database, PaymentsHost.WithoutVat());
        _host = new RoyaltiesHost(_payments);
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync() => await _payments.DisposeAsync();

    private static readonly Money Xof1000 = new(1000m, Currency.XOF);

    private Task<JsonElement> SetRuleAsync(Guid bookId, decimal rate, DateOnly validFrom, int? tierFromCopy = null, decimal? tierRate = null) =>
        _payments.Inbox.MutateAsync(_host.Finance, SetRule, "setRoyaltyRule", new
        {
            bookId = RoyaltiesHost.Ids.Format("Book", bookId), rate, validFrom = validFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), tierFromCopy, tierRate,
        });

    private DateOnly Today => DateOnly.FromDateTime(_payments.Now);

    [Fact]
    public async Task A_book_without_a_rule_pays_the_default_rate_of_the_net_sale()
    {
        var (authorId, _) = await _host.AddAuthorAsync();
        var bookId = await _host.AddBookAsync(authorId, new Money(3500m, Currency.XOF));
        var sale = await _host.SellAsync(bookId, new Money(3500m, Currency.XOF));
        Assert.Equal(0.70m, (await _host.PaymentAsync(sale)).RoyaltyRate);
        Assert.Equal(2450m, (await _host.LedgerOwedAsync(authorId))[Currency.XOF]);
    }

    [Fact]
    public async Task A_tier_applies_from_its_copy_counting_settled_sales_and_not_refunded_ones()
    {
        var (authorId, _) = await _host.AddAuthorAsync();
        var bookId = await _host.AddBookAsync(authorId, Xof1000);
        Assert.Equal(JsonValueKind.Null, (await SetRuleAsync(bookId, 0.5m, Today, tierFromCopy: 3, tierRate: 0.8m)).GetProperty("errors").ValueKind);

        var sales = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            sales.Add(await _host.SellAsync(bookId, Xof1000));
        }
        var rates = new List<decimal?>();
        foreach (var id in sales)
        {
            rates.Add((await _host.PaymentAsync(id)).RoyaltyRate);
        }
        Assert.Equal([0.5m, 0.5m, 0.8m, 0.8m], rates);
        Assert.Equal(2600m, (await _host.LedgerOwedAsync(authorId))[Currency.XOF]);

        // A failed sale does not count; a refunded one no longer does: 3 copies sold, the next is the 4th (tier).
        var failed = await _host.BuyAsync(bookId, Xof1000, wallet: "+221771234502");
        await _host.SettleAsync(failed);
        Assert.Equal(PaymentStatus.Failed, (await _host.PaymentAsync(failed)).Status);
        await _host.RefundAsync(sales[0]);
        await using (var db = _payments.TestContext())
        {
            Assert.Equal(3, await RoyaltyLedger.CountSoldCopiesAsync(db, bookId, default));
            Assert.Equal(0.8m, await RoyaltyRules.RateForSaleAsync(db, bookId, _payments.Now, 0.7m, default));
        }
        Assert.Equal(2100m, (await _host.LedgerOwedAsync(authorId))[Currency.XOF]);
    }

    [Fact]
    public async Task Rules_are_kept_as_history_and_the_latest_valid_one_is_in_force()
    {
        var (authorId, userId) = await _host.AddAuthorAsync();
        var bookId = await _host.AddBookAsync(authorId, Xof1000);
        await SetRuleAsync(bookId, 0.6m, Today);
        await SetRuleAsync(bookId, 0.4m, Today.AddDays(10));
        var third = await SetRuleAsync(bookId, 0.55m, Today);
        Assert.Equal(3, third.GetProperty("royaltyRule").GetProperty("revision").GetInt32());

        var rules = (await _payments.Inbox.DataAsync(_payments.Inbox.TokenOf(userId!.Value, PlatformRole.Author),
            "query($id: ID!) { royaltyRules(bookId: $id) { revision rate validFrom } }", new { id = RoyaltiesHost.Ids.Format("Book", bookId) }))
            .GetProperty("royaltyRules").EnumerateArray().Select(r => (r.GetProperty("revision").GetInt32(), r.GetProperty("rate").GetDecimal())).ToList();
        Assert.Equal([(2, 0.4m), (3, 0.55m), (1, 0.6m)], rules);

        var today = await _host.SellAsync(bookId, Xof1000);
        Assert.Equal(0.55m, (await _host.PaymentAsync(today)).RoyaltyRate);
        _payments.Clock.Advance(TimeSpan.FromDays(10));
        var later = await _host.SellAsync(bookId, Xof1000);
        Assert.Equal(0.4m, (await _host.PaymentAsync(later)).RoyaltyRate);

        // The table refuses to change a rule.
        await using var db = _payments.TestContext();
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlAsync($"UPDATE royalty_rules SET rate = 1 WHERE book_id = {bookId}"));
    }

    [Theory]
    [InlineData(1.5, null, null, 0, "rate")]
    [InlineData(0.12345, null, null, 0, "rate")]
    [InlineData(0.5, 3, null, 0, "tierRate")]
    [InlineData(0.5, 1, 0.8, 0, "tierFromCopy")]
    [InlineData(0.5, 5, 1.2, 0, "tierRate")]
    [InlineData(0.5, null, null, -1, "validFrom")]
    public async Task A_bad_rule_is_refused_with_nothing_written(double rate, int? tierFromCopy, double? tierRate, int days, string field)
    {
        var (authorId, _) = await _host.AddAuthorAsync();
        var bookId = await _host.AddBookAsync(authorId, Xof1000);
        var payload = await SetRuleAsync(bookId, (decimal)rate, Today.AddDays(days), tierFromCopy, (decimal?)tierRate);
        var error = payload.GetProperty("errors")[0];
        Assert.Equal("INVALID_ROYALTY_INPUT", error.GetProperty("code").GetString());
        Assert.Equal(field, error.GetProperty("field").GetString());
        await using var db = _payments.TestContext();
        Assert.False(await db.Set<RoyaltyRule>().AnyAsync(r => r.BookId == bookId));
    }

    [Fact]
    public async Task Payouts_are_refused_without_an_account_below_the_minimum_and_above_what_is_owed()
    {
        var (unlinked, _) = await _host.AddAuthorAsync(linked: false);
        Assert.Equal("AUTHOR_ACCOUNT_NOT_LINKED", (await _host.PayoutAsync(unlinked, 5000m, Currency.XOF)).GetProperty("errors")[0].GetProperty("code").GetString());

        var (authorId, _) = await _host.AddAuthorAsync();
        var bookId = await _host.AddBookAsync(authorId, Xof1000);
        for (var i = 0; i < 10; i++)
        {
            await _host.SellAsync(bookId, Xof1000);
        }
        var below = (await _host.PayoutAsync(authorId, 4999m, Currency.XOF)).GetProperty("errors")[0];
        Assert.Equal("PAYOUT_BELOW_MINIMUM", below.GetProperty("code").GetString());
        Assert.Equal(5000m, below.GetProperty("minimum").GetProperty("amount").GetDecimal());
        var tooMuch = (await _host.PayoutAsync(authorId, 7001m, Currency.XOF)).GetProperty("errors")[0];
        Assert.Equal("INSUFFICIENT_FUNDS", tooMuch.GetProperty("code").GetString());
        Assert.Equal(7000m, tooMuch.GetProperty("available").GetProperty("amount").GetDecimal());
        // Owed in XOF only: nothing in EUR.
        Assert.Equal("INSUFFICIENT_FUNDS", (await _host.PayoutAsync(authorId, 10m, Currency.EUR)).GetProperty("errors")[0].GetProperty("code").GetString());
        await using var db = _payments.TestContext();
        Assert.False(await db.Payments.AnyAsync(p => p.Purpose == PaymentPurpose.RoyaltyPayout && p.RoyaltyAuthorId == authorId));
    }

    [Fact]
    public async Task A_payout_moves_the_money_out_of_royalties_payable_and_tells_the_author()
    {
        var (authorId, userId) = await _host.AddAuthorAsync();
        var bookId = await _host.AddBookAsync(authorId, Xof1000);
        for (var i = 0; i < 10; i++)
        {
            await _host.SellAsync(bookId, Xof1000);
        }
        var payload = await _host.PayoutAsync(authorId, 6000m, Currency.XOF);
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        var payoutId = RoyaltiesHost.PaymentIdOf(payload);
        // While it is open, it holds its amount: 1,000 XOF is left, below the minimum anyway, and 5,000 is refused.
        Assert.Equal("INSUFFICIENT_FUNDS", (await _host.PayoutAsync(authorId, 5000m, Currency.XOF)).GetProperty("errors")[0].GetProperty("code").GetString());
        await _host.SettleAsync(payoutId);

        var (payout, _, postings) = await _payments.LoadAsync(payoutId);
        Assert.Equal(PaymentStatus.Succeeded, payout.Status);
        Assert.Equal(userId, payout.PayeeUserId);
        var entries = Assert.Single(postings).Entries;
        Assert.Contains(entries, e => e.AccountType == LedgerAccountType.RoyaltiesPayable && e.AccountKey == authorId.ToString("D") && e.Amount == 6000m);
        Assert.Contains(entries, e => e.AccountType == LedgerAccountType.ProviderClearing && e.AccountKey == "WAVE" && e.Amount == -6000m);
        Assert.Equal(1000m, (await _host.LedgerOwedAsync(authorId))[Currency.XOF]);
        await using var db = _payments.TestContext();
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == userId));
    }

    [Fact]
    public async Task Concurrent_payouts_of_one_author_never_pay_more_than_is_owed()
    {
        var (authorId, _) = await _host.AddAuthorAsync();
        var bookId = await _host.AddBookAsync(authorId, Xof1000);
        for (var i = 0; i < 15; i++)
        {
            await _host.SellAsync(bookId, Xof1000);
        }
        // Owed 10,500 XOF: of eight payouts of 5,000 at once, two fit.
        var payloads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _host.PayoutAsync(authorId, 5000m, Currency.XOF)));
        Assert.Equal(2, payloads.Count(p => p.GetProperty("errors").ValueKind == JsonValueKind.Null));
        Assert.All(payloads.Where(p => p.GetProperty("errors").ValueKind != JsonValueKind.Null),
            p => Assert.Equal("INSUFFICIENT_FUNDS", p.GetProperty("errors")[0].GetProperty("code").GetString()));
        await _host.SettleAsync(payloads.Where(p => p.GetProperty("errors").ValueKind == JsonValueKind.Null).Select(RoyaltiesHost.PaymentIdOf).ToArray());
        Assert.Equal(500m, (await _host.LedgerOwedAsync(authorId))[Currency.XOF]);
    }

    [Fact]
    public async Task Statements_reconcile_to_the_ledger_over_months_currencies_refunds_and_payouts()
    {
        var random = new Random(20261122);
        var authors = new[] { await _host.AddAuthorAsync(), await _host.AddAuthorAsync() };
        var prices = new[] { new Money(2500m, Currency.XOF), new Money(7.99m, Currency.EUR), new Money(4.50m, Currency.USD), new Money(3333m, Currency.XOF) };
        var books = new List<(Guid Author, Guid Book, Money Price)>();
        foreach (var (authorId, _) in authors)
        {
            foreach (var price in prices)
            {
                books.Add((authorId, await _host.AddBookAsync(authorId, price), price));
            }
        }
        await SetRuleAsync(books[0].Book, 0.6m, Today, tierFromCopy: 4, tierRate: 0.75m);
        await SetRuleAsync(books[5].Book, 0.6667m, Today);

        var settled = new List<Guid>();
        for (var month = 0; month < 4; month++)
        {
            var batch = new List<Guid>();
            for (var i = 0; i < 10; i++)
            {
                var (_, book, price) = books[random.Next(books.Count)];
                batch.Add(await _host.BuyAsync(book, price));
            }
            await _host.SettleAsync([.. batch]);
            settled.AddRange(batch);
            for (var i = 0; i < 2; i++)
            {
                var pick = settled[random.Next(settled.Count)];
                if ((await _host.PaymentAsync(pick)).Status == PaymentStatus.Succeeded)
                {
                    await _host.RefundAsync(pick);
                }
            }
            foreach (var (authorId, _) in authors)
            {
                var owed = await _host.LedgerOwedAsync(authorId);
                if (owed.GetValueOrDefault(Currency.XOF) >= 5000m)
                {
                    var payout = await _host.PayoutAsync(authorId, 5000m, Currency.XOF);
                    await _host.SettleAsync(RoyaltiesHost.PaymentIdOf(payout));
                }
            }
            _payments.Clock.Advance(TimeSpan.FromDays(31));
        }

        foreach (var (authorId, userId) in authors)
        {
            var token = _payments.Inbox.TokenOf(userId!.Value, PlatformRole.Author);
            var statements = (await _payments.Inbox.DataAsync(token, RoyaltiesHost.Statements, new { authorId = RoyaltiesHost.Ids.Format("Author", authorId) }))
                .GetProperty("royaltyStatements").EnumerateArray().ToList();
            var ledger = await _host.LedgerOwedAsync(authorId);
            Assert.Equal(ledger.Keys.Order().Select(c => c.ToString()), statements.Select(s => s.GetProperty("currency").GetString()!).Distinct());
            foreach (var currency in ledger.Keys)
            {
                var ofCurrency = statements.Where(s => s.GetProperty("currency").GetString() == currency.ToString()).ToList();
                decimal previousClosing = 0m, movements = 0m;
                foreach (var s in ofCurrency)
                {
                    decimal Amount(string name) => s.GetProperty(name).GetProperty("amount").GetDecimal();
                    Assert.Equal(previousClosing, Amount("openingBalance"));
                    var change = Amount("royaltiesEarned") - Amount("refundsReversed") - Amount("payouts");
                    Assert.Equal(Amount("openingBalance") + change, Amount("closingBalance"));
                    Assert.Equal(Amount("royaltiesEarned"), s.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("royalty").GetProperty("amount").GetDecimal()));
                    Assert.Equal(Amount("refundsReversed"), s.GetProperty("refundLines").EnumerateArray().Sum(l => l.GetProperty("royalty").GetProperty("amount").GetDecimal()));
                    // Each closing balance is the ledger's balance at the end of the month.
                    var end = s.GetProperty("periodEnd").GetDateTime().ToUniversalTime();
                    Assert.Equal((await _host.LedgerOwedAsync(authorId, end)).GetValueOrDefault(currency), Amount("closingBalance"));
                    previousClosing = Amount("closingBalance");
                    movements += change;
                }
                Assert.Equal(ledger[currency], movements);
                Assert.Equal(ledger[currency], previousClosing);
            }
        }
        // Over four months (November to February), the statements of a year hold only its months.
        var first = authors[0].AuthorId;
        var of2027 = (await _payments.Inbox.DataAsync(_host.Finance, RoyaltiesHost.Statements, new { authorId = RoyaltiesHost.Ids.Format("Author", first), year = 2027 }))
            .GetProperty("royaltyStatements").EnumerateArray().Select(s => s.GetProperty("month").GetString()!).ToList();
        Assert.NotEmpty(of2027);
        Assert.All(of2027, m => Assert.StartsWith("2027-", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_statement_counts_copies_net_sales_and_royalties_per_book()
    {
        var (authorId, userId) = await _host.AddAuthorAsync();
        var bookId = await _host.AddBookAsync(authorId, Xof1000);
        var sales = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            sales.Add(await _host.SellAsync(bookId, Xof1000));
        }
        await _host.RefundAsync(sales[1]);
        var month = _payments.Now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var statement = (await _payments.Inbox.DataAsync(_payments.Inbox.TokenOf(userId!.Value, PlatformRole.Author), """
            query($a: ID!, $m: String!) { royaltyStatement(authorId: $a, month: $m, currency: XOF) {
              month openingBalance { amount } royaltiesEarned { amount } refundsReversed { amount } closingBalance { amount }
              lines { copies netSales { amount } royalty { amount } } refundLines { copies netSales { amount } royalty { amount } } } }
            """, new { a = RoyaltiesHost.Ids.Format("Author", authorId), m = month })).GetProperty("royaltyStatement");
        Assert.Equal(month, statement.GetProperty("month").GetString());
        var line = Assert.Single(statement.GetProperty("lines").EnumerateArray());
        Assert.Equal((3, 3000m, 2100m), (line.GetProperty("copies").GetInt32(), line.GetProperty("netSales").GetProperty("amount").GetDecimal(), line.GetProperty("royalty").GetProperty("amount").GetDecimal()));
        var refund = Assert.Single(statement.GetProperty("refundLines").EnumerateArray());
        Assert.Equal((1, 1000m, 700m), (refund.GetProperty("copies").GetInt32(), refund.GetProperty("netSales").GetProperty("amount").GetDecimal(), refund.GetProperty("royalty").GetProperty("amount").GetDecimal()));
        Assert.Equal(1400m, statement.GetProperty("closingBalance").GetProperty("amount").GetDecimal());

        // The next month, with no movement: the same balance opens and closes.
        var next = _payments.Now.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var quiet = (await _payments.Inbox.DataAsync(_host.Finance, "query($a: ID!, $m: String!) { royaltyStatement(authorId: $a, month: $m, currency: XOF) { openingBalance { amount } closingBalance { amount } } }",
            new { a = RoyaltiesHost.Ids.Format("Author", authorId), m = next })).GetProperty("royaltyStatement");
        Assert.Equal(1400m, quiet.GetProperty("openingBalance").GetProperty("amount").GetDecimal());
        Assert.Equal(1400m, quiet.GetProperty("closingBalance").GetProperty("amount").GetDecimal());
        var balance = (await _payments.Inbox.DataAsync(_host.Finance, "query($a: ID!) { royaltyBalance(authorId: $a) { currency owed { amount } openPayouts { amount } available { amount } } }",
            new { a = RoyaltiesHost.Ids.Format("Author", authorId) })).GetProperty("royaltyBalance");
        Assert.Equal(1400m, Assert.Single(balance.EnumerateArray()).GetProperty("available").GetProperty("amount").GetDecimal());
    }

    [Theory]
    [InlineData("royaltyStatements", "query($a: ID!) { royaltyStatements(authorId: $a) { month } }")]
    [InlineData("royaltyBalance", "query($a: ID!) { royaltyBalance(authorId: $a) { currency } }")]
    [InlineData("royaltyStatement", "query($a: ID!) { royaltyStatement(authorId: $a, month: \"2026-11\", currency: XOF) { month } }")]
    public async Task Another_author_cannot_read_an_authors_royalties(string field, string query)
    {
        var (authorId, _) = await _host.AddAuthorAsync();
        var (_, otherUser) = await _host.AddAuthorAsync();
        var response = await _payments.Inbox.Host.SendAsync(query, new { a = RoyaltiesHost.Ids.Format("Author", authorId) },
            _payments.Inbox.TokenOf(otherUser!.Value, PlatformRole.Author));
        Assert.True(response.HasErrors, response.Text);
        Assert.Contains("AUTH_NOT_AUTHORIZED", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{field}\":[", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Linking_an_account_is_for_admin_audited_and_one_author_per_account()
    {
        var (first, _) = await _host.AddAuthorAsync(linked: false);
        var (second, _) = await _host.AddAuthorAsync(linked: false);
        var account = await _payments.AddUserAsync();
        var admin = _payments.Inbox.TokenOf((await _payments.AddUserAsync()).Id, PlatformRole.Admin);
        const string link = "mutation($input: LinkAuthorAccountInput!) { linkAuthorAccount(input: $input) { author { id } errors { __typename ... on Error { code } } } }";
        object Input(Guid author) => new { authorId = RoyaltiesHost.Ids.Format("Author", author), userId = RoyaltiesHost.Ids.Format("User", account.Id) };

        Assert.Equal(JsonValueKind.Null, (await _payments.Inbox.MutateAsync(admin, link, "linkAuthorAccount", Input(first))).GetProperty("errors").ValueKind);
        Assert.Equal("ACCOUNT_ALREADY_LINKED", (await _payments.Inbox.MutateAsync(admin, link, "linkAuthorAccount", Input(second))).GetProperty("errors")[0].GetProperty("code").GetString());
        var denied = await _payments.Inbox.Host.SendAsync(link, new { input = Input(second) }, _host.Finance);
        Assert.Contains("AUTH_NOT_AUTHORIZED", denied.Text, StringComparison.Ordinal);

        await using var db = _payments.TestContext();
        Assert.Equal(account.Id, (await db.Authors.SingleAsync(a => a.Id == first)).UserId);
        Assert.Null((await db.Authors.SingleAsync(a => a.Id == second)).UserId);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == "Author" && e.EntityId == first.ToString() && e.Action == "UPDATED"));
    }

    [Fact]
    public async Task A_royalty_payout_is_not_initiated_through_initiatePayment()
    {
        var payload = await _payments.Inbox.MutateAsync(_host.Finance, RoyaltiesHost.Initiate, "initiatePayment", new
        {
            purpose = "ROYALTY_PAYOUT", method = "WAVE", amount = new { amount = 5000, currency = "XOF" }, walletNumber = "+221771234567", idempotencyKey = "x",
        });
        Assert.Equal("INVALID_PAYMENT_INPUT", payload.GetProperty("errors")[0].GetProperty("code").GetString());
    }
}
