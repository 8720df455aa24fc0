using System.Collections.Concurrent;
using Graph.Api.Identity;

namespace Graph.Api.Tests.Security;

/// <summary>What a caller gets from a root field.</summary>
public enum Outcome
{
    /// <summary>The field resolves.</summary>
    Permit,

    /// <summary>The field resolves, to the rows a rule lets the caller see (its own, say).</summary>
    PermitWithRowRule,

    /// <summary>The field is null, with the error code <c>AUTH_NOT_AUTHENTICATED</c>.</summary>
    NotAuthenticated,

    /// <summary>The field is null, with the error code <c>AUTH_NOT_AUTHORIZED</c>.</summary>
    NotAuthorized,
}

/// <summary>Who calls: nobody signed in, or the demo account of one platform role.</summary>
public static class Callers
{
    public const string Anonymous = "ANONYMOUS";

    /// <summary>Anonymous, then each platform role in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [Anonymous, .. PlatformRoles.All.Select(PlatformRoles.ToName)];
}

/// <summary>The outcome of a root field for each caller.</summary>
public sealed class Access
{
    private readonly Dictionary<string, Outcome> _byCaller;

    private Access(Func<string, Outcome> outcome) => _byCaller = Callers.All.ToDictionary(c => c, outcome, StringComparer.Ordinal);

    /// <summary>Everyone, signed in or not.</summary>
    public static Access Everyone => new(_ => Outcome.Permit);

    /// <summary>Every signed-in user, whatever the role.</summary>
    public static Access SignedIn => new(c => c == Callers.Anonymous ? Outcome.NotAuthenticated : Outcome.Permit);

    /// <summary>Users holding one of <paramref name="roles"/>; other users are not authorized.</summary>
    public static Access Roles(params string[] roles) => new(c =>
        c == Callers.Anonymous ? Outcome.NotAuthenticated : roles.Contains(c, StringComparer.Ordinal) ? Outcome.Permit : Outcome.NotAuthorized);

    /// <summary>The same, except that <paramref name="callers"/> get <paramref name="outcome"/>.</summary>
    public Access With(Outcome outcome, params string[] callers)
    {
        var copy = new Access(c => _byCaller[c]);
        foreach (var caller in callers)
        {
            copy._byCaller[caller] = _byCaller.ContainsKey(caller) ? outcome : throw new ArgumentException($"'{caller}' is not a caller.", nameof(callers));
        }
        return copy;
    }

    public Outcome For(string caller) => _byCaller[caller];
}

/// <summary>The seeded data a row's variables refer to.</summary>
public sealed class MatrixSeed
{
    private readonly ConcurrentQueue<string> _refreshTokens;
    private int _next;

    public MatrixSeed(string bookId, string authorId, string auditEntryId, string userId, string tontineId, string outboxMessageId, IEnumerable<string> refreshTokens)
    {
        OutboxMessageId = outboxMessageId;
        UserId = userId;
        TontineId = tontineId;
        BookId = bookId;
        AuthorId = authorId;
        AuditEntryId = auditEntryId;
        _refreshTokens = new ConcurrentQueue<string>(refreshTokens);
    }

    /// <summary>The global ID of a seeded book.</summary>
    public string BookId { get; }

    /// <summary>The global ID of a seeded author.</summary>
    public string AuthorId { get; }

    /// <summary>The global ID of an audit entry.</summary>
    public string AuditEntryId { get; }

    /// <summary>The global ID of the author demo account.</summary>
    public string UserId { get; }

    /// <summary>The global ID of the demo tontine (the reader presides it).</summary>
    public string TontineId { get; }

    /// <summary>The global ID of a message of the notification outbox.</summary>
    public string OutboxMessageId { get; }

    /// <summary>The global ID of a notification of the reader's demo account.</summary>
    public string NotificationId { get; init; } = "";

    /// <summary>The global ID of a payment of the reader's demo account.</summary>
    public string PaymentId { get; init; } = "";

    /// <summary>The global ID of a cash contribution to the demo tontine, recorded by the reader (its president) and
    /// awaiting its checker.</summary>
    public string CashPaymentId { get; init; } = "";

    /// <summary>The global ID of a root category of the demo catalogue.</summary>
    public string CategoryId { get; init; } = "";

    /// <summary>The global ID of a publisher of the demo catalogue.</summary>
    public string PublisherId { get; init; } = "";
    /// <summary>The global ID of the invoice of the reader's demo book purchase.</summary>
    public string InvoiceId { get; init; } = "";

    /// <summary>The global ID of a reader's subscription (none is seeded yet: an ID no subscription has).</summary>
    public string ReaderSubscriptionId { get; init; } = new Graph.GraphQL.Types.Relay.DefaultNodeIdSerializer().Format("ReaderSubscription", Guid.NewGuid());

    /// <summary>The global ID of the monthly XOF plan the Billing migration seeds.</summary>
    public string SubscriptionPlanId { get; init; } = new Graph.GraphQL.Types.Relay.DefaultNodeIdSerializer().Format("SubscriptionPlan", Guid.Parse("0192f3a0-0000-7000-8000-000000000001"));

    /// <summary>The global ID of an open payment mismatch.</summary>
    public string PaymentMismatchId { get; init; } = "";

    /// <summary>The global ID of the author the author demo account is linked to (see DemoRoyalties).</summary>
    public string RoyaltyAuthorId { get; init; } = "";

    /// <summary>The global ID of a book of <see cref="RoyaltyAuthorId"/>.</summary>
    public string RoyaltyBookId { get; init; } = "";

    /// <summary>The global ID of the first session of the demo tontine (started for the matrix when the seed left it a draft).</summary>
    public string TontineSessionId { get; init; } = "";

    /// <summary>The global ID of a passage of the demo tontine.</summary>
    public string TontinePassageId { get; init; } = "";

    /// <summary>The global ID of a node of the type <paramref name="typeName"/>.</summary>
    /// <summary>The global IDs of the matrix's cooperative (managed by the cooperative manager's demo account), and of its
    /// warehouse, planter, plot and one recorded delivery.</summary>
    public (string Cooperative, string Warehouse, string Planter, string Plot, string Delivery) Deliveries { get; init; } = ("", "", "", "", "");

    public string IdOf(string typeName) => typeName switch
    {
        "AuditEntry" => AuditEntryId,
        "Author" => AuthorId,
        "Book" => BookId,
        "Category" => CategoryId,
        "Cooperative" => Deliveries.Cooperative,
        "Delivery" => Deliveries.Delivery,
        // No lot nor sale is seeded: an ID no row has (every caller gets null, under the row rule).
        "Lot" or "LotSale" => new Graph.GraphQL.Types.Relay.DefaultNodeIdSerializer().Format(typeName, Guid.NewGuid()),
        "Planter" => Deliveries.Planter,
        "Plot" => Deliveries.Plot,
        "Warehouse" => Deliveries.Warehouse,
        "Notification" => NotificationId,
        "OutboxMessage" => OutboxMessageId,
        "Invoice" => InvoiceId,
        "Payment" => PaymentId,
        "PaymentMismatch" => PaymentMismatchId,
        "Publisher" => PublisherId,
        "ReaderSubscription" => ReaderSubscriptionId,
        "SubscriptionPlan" => SubscriptionPlanId,
        "Tontine" => TontineId,
        "TontinePassage" => TontinePassageId,
        "TontineSession" => TontineSessionId,
        // None is seeded: an ID no row has (every caller gets null, under the row rule).
        "TontineInvitation" => new Graph.GraphQL.Types.Relay.DefaultNodeIdSerializer().Format(typeName, Guid.NewGuid()),
        "User" => UserId,
        _ => throw new ArgumentOutOfRangeException(nameof(typeName), typeName, "No seeded node of this type."),
    };

    /// <summary>A refresh token of a session of the reader's account that no case used yet.</summary>
    public string FreshRefreshToken() =>
        _refreshTokens.TryDequeue(out var token) ? token : throw new InvalidOperationException("The matrix used up its refresh tokens; seed more.");

    /// <summary>A value no other case of the run gets (for email addresses, titles).</summary>
    public string Unique() => $"{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}"[..16];
}

/// <summary>
/// One row of the matrix: a root field (<c>Query.books</c>; <c>Query.node(Book)</c> for node and nodes, one row per
/// node type), the operation that calls it, its variables and the outcome for each caller.
/// </summary>
public sealed record MatrixRow(string Key, string Document, Func<MatrixSeed, object?> Variables, Access Access)
{
    /// <summary>Query, Mutation or Subscription.</summary>
    public string RootType => Key[..Key.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>The root field's name, which is also its response name in <see cref="Document"/>.</summary>
    public string Field
    {
        get
        {
            var name = Key[(Key.IndexOf('.', StringComparison.Ordinal) + 1)..];
            var parenthesis = name.IndexOf('(', StringComparison.Ordinal);
            return parenthesis < 0 ? name : name[..parenthesis];
        }
    }
}
