using System.Text.Json;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.Api.Tests.Payments;
using Graph.GraphQL.Types.Relay;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tests.Billing;

/// <summary>Royalties as the tests drive them: authors and books written directly, sales, refunds and payouts through the
/// graph, settled by asking the simulators once the simulated customer has answered.</summary>
internal sealed class RoyaltiesHost(PaymentsHost host)
{
    public static readonly DefaultNodeIdSerializer Ids = new();

    public const string Initiate = """
        mutation($input: InitiatePaymentInput!) {
          initiatePayment(input: $input) { payment { id status } errors { __typename ... on Error { code message } } }
        }
        """;

    public const string Pay = """
        mutation($input: PayAuthorRoyaltiesInput!) {
          payAuthorRoyalties(input: $input) {
            payment { id status purpose amount { amount currency } }
            errors { __typename ... on Error { code message } ... on InsufficientRoyaltiesError { available { amount currency } }
                     ... on RoyaltyPayoutBelowMinimumError { minimum { amount currency } } }
          }
        }
        """;

    public const string Statements = """
        query($authorId: ID!, $year: Int) {
          royaltyStatements(authorId: $authorId, year: $year) {
            month currency periodStart periodEnd
            openingBalance { amount } royaltiesEarned { amount } refundsReversed { amount } payouts { amount } closingBalance { amount }
            lines { book { id } copies netSales { amount } royalty { amount } }
            refundLines { book { id } copies netSales { amount } royalty { amount } }
          }
        }
        """;

    public PaymentsHost Host { get; } = host;

    private Guid _buyerId;

    /// <summary>A fresh access token of a FINANCE account (issued at the clock's time, so valid however far it moved).</summary>
    public string Finance => Host.Inbox.TokenOf(FinanceId, PlatformRole.Finance);

    public Guid FinanceId { get; private set; }

    /// <summary>A fresh access token of the reader who buys the books.</summary>
    public string Buyer => Host.Inbox.TokenOf(_buyerId, PlatformRole.Reader);

    public async Task InitializeAsync()
    {
        FinanceId = (await Host.AddUserAsync()).Id;
        _buyerId = (await Host.AddUserAsync()).Id;
    }

    /// <summary>A new author, linked to a new account when <paramref name="linked"/>; returns the author and the account.</summary>
    public async Task<(Guid AuthorId, Guid? UserId)> AddAuthorAsync(bool linked = true)
    {
        Guid? userId = linked ? (await Host.AddUserAsync()).Id : null;
        await using var db = Host.TestContext();
        var author = new Author { Name = "Autrice " + Guid.NewGuid().ToString("N")[..6], CountryCode = "SN", CreatedAt = Host.Now, UserId = userId };
        db.Authors.Add(author);
        await db.SaveChangesAsync();
        return (author.Id, userId);
    }

    public async Task<Guid> AddBookAsync(Guid authorId, Money price)
    {
        await using var db = Host.TestContext();
        var book = new Book { Title = "Livre " + Guid.NewGuid().ToString("N")[..8], AuthorId = authorId, Language = "fr", Price = price, CreatedAt = Host.Now };
        db.Books.Add(book);
        await db.SaveChangesAsync();
        return book.Id;
    }

    /// <summary>Starts the purchase of the book at its price; returns the payment's ID.</summary>
    public async Task<Guid> BuyAsync(Guid bookId, Money price, string wallet = "+221771234567")
    {
        var payload = await Host.Inbox.MutateAsync(Buyer, Initiate, "initiatePayment", new
        {
            purpose = "BOOK_PURCHASE", method = "ORANGE_MONEY", amount = new { amount = price.Amount, currency = price.Currency.ToString() },
            walletNumber = wallet, bookId = Ids.Format("Book", bookId), idempotencyKey = Guid.NewGuid().ToString("N"),
        });
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        return PaymentIdOf(payload);
    }

    /// <summary>Lets the simulated customers answer, then applies what each simulator says of the payments.</summary>
    public async Task SettleAsync(params Guid[] paymentIds)
    {
        Host.Clock.Advance(PaymentsHost.CustomerDelay);
        foreach (var id in paymentIds)
        {
            var payment = (await Host.Payments.FindAsync(id, default))!;
            var update = await Host.Simulator(payment.Method).CheckStatusAsync(PaymentService.ProviderRequestOf(payment), payment.ProviderReference, default);
            await Host.Payments.ApplyAsync(id, update, new TransitionOrigin(PaymentEventSource.Reconciliation), default);
        }
    }

    /// <summary>A sale made and settled.</summary>
    public async Task<Guid> SellAsync(Guid bookId, Money price)
    {
        var id = await BuyAsync(bookId, price);
        await SettleAsync(id);
        Assert.Equal(PaymentStatus.Succeeded, (await Host.Payments.FindAsync(id, default))!.Status);
        return id;
    }

    /// <summary>Refunds a settled sale (the simulator refunds at once).</summary>
    public async Task RefundAsync(Guid paymentId)
    {
        var payload = await Host.Inbox.MutateAsync(Finance, """
            mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { payment { status } errors { __typename } } }
            """, "refundPayment", new { paymentId = Ids.Format("Payment", paymentId), reason = "Erreur d'achat", idempotencyKey = Guid.NewGuid().ToString("N") });
        Assert.Equal("SUCCEEDED", payload.GetProperty("payment").GetProperty("status").GetString());
    }

    /// <summary>payAuthorRoyalties as FINANCE; returns the payload.</summary>
    public Task<JsonElement> PayoutAsync(Guid authorId, decimal amount, Currency currency, string? key = null, string wallet = "+221771234567") =>
        Host.Inbox.MutateAsync(Finance, Pay, "payAuthorRoyalties", new
        {
            authorId = Ids.Format("Author", authorId), amount = new { amount, currency = currency.ToString() }, method = "WAVE",
            walletNumber = wallet, idempotencyKey = key ?? Guid.NewGuid().ToString("N"),
        });

    public static Guid PaymentIdOf(JsonElement payload) =>
        (Guid)Ids.Parse(payload.GetProperty("payment").GetProperty("id").GetString()!).Key;

    /// <summary>The ledger's balance of ROYALTIES_PAYABLE:author per currency (what is owed: minus the sum of entries),
    /// counting the postings before <paramref name="before"/> when given.</summary>
    public async Task<Dictionary<Currency, decimal>> LedgerOwedAsync(Guid authorId, DateTime? before = null)
    {
        await using var db = Host.TestContext();
        var key = authorId.ToString("D");
        var rows = await (from e in db.LedgerEntries
                          join p in db.LedgerPostings on e.PostingId equals p.Id
                          where e.AccountType == LedgerAccountType.RoyaltiesPayable && e.AccountKey == key && (before == null || p.PostedAt < before)
                          select new { e.Currency, e.Amount }).ToListAsync();
        return rows.GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => -g.Sum(r => r.Amount));
    }

    public async Task<Payment> PaymentAsync(Guid id) => (await Host.Payments.FindAsync(id, default))!;
}
