using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.GraphQL.Types;

namespace Graph.Api.Billing;

/// <summary>The domain errors of linkAuthorAccount.</summary>
[UnionType("LinkAuthorAccountError")]
public interface ILinkAuthorAccountError;

/// <summary>The domain errors of setRoyaltyRule.</summary>
[UnionType("SetRoyaltyRuleError")]
public interface ISetRoyaltyRuleError;

/// <summary>The domain errors of payAuthorRoyalties.</summary>
[UnionType("PayAuthorRoyaltiesError")]
public interface IPayAuthorRoyaltiesError;

/// <summary>A field of the input breaks a rule of royalties.</summary>
public sealed class InvalidRoyaltyInputError(string field, string message) : IError, ILinkAuthorAccountError, ISetRoyaltyRuleError, IPayAuthorRoyaltiesError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INVALID_ROYALTY_INPUT";

    /// <summary>The offending input field, e.g. <c>rate</c> or <c>amount</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>No author of the catalog has the given ID.</summary>
public sealed class RoyaltyAuthorNotFoundError(Guid authorId) : IError, ILinkAuthorAccountError, IPayAuthorRoyaltiesError
{
    /// <inheritdoc />
    public string Message => "There is no author with this ID.";

    /// <inheritdoc />
    public string Code => "AUTHOR_NOT_FOUND";

    [ID<Author>]
    public Guid AuthorId { get; } = authorId;
}

/// <summary>No account has the given ID.</summary>
public sealed class RoyaltyUserNotFoundError(Guid userId) : IError, ILinkAuthorAccountError
{
    /// <inheritdoc />
    public string Message => "There is no account with this ID.";

    /// <inheritdoc />
    public string Code => "USER_NOT_FOUND";

    [ID<User>]
    public Guid UserId { get; } = userId;
}

/// <summary>The account is already linked to another author (an account is one author's at most).</summary>
public sealed class AccountAlreadyLinkedError(Guid userId, Guid authorId) : IError, ILinkAuthorAccountError
{
    /// <inheritdoc />
    public string Message => "This account is already linked to another author; unlink it there first.";

    /// <inheritdoc />
    public string Code => "ACCOUNT_ALREADY_LINKED";

    [ID<User>]
    public Guid UserId { get; } = userId;

    /// <summary>The author the account is linked to.</summary>
    [ID<Author>]
    public Guid AuthorId { get; } = authorId;
}

/// <summary>No book of the catalog has the given ID.</summary>
public sealed class RoyaltyBookNotFoundError(Guid bookId) : IError, ISetRoyaltyRuleError
{
    /// <inheritdoc />
    public string Message => "There is no book with this ID.";

    /// <inheritdoc />
    public string Code => "BOOK_NOT_FOUND";

    [ID<Book>]
    public Guid BookId { get; } = bookId;
}

/// <summary>The author has no account of their own on the platform to be paid to (see linkAuthorAccount).</summary>
public sealed class AuthorAccountNotLinkedError(Guid authorId) : IError, IPayAuthorRoyaltiesError
{
    /// <inheritdoc />
    public string Message => "This author has no linked account to be paid to; link one with linkAuthorAccount first.";

    /// <inheritdoc />
    public string Code => "AUTHOR_ACCOUNT_NOT_LINKED";

    [ID<Author>]
    public Guid AuthorId { get; } = authorId;
}

/// <summary>The payout is below the smallest payout of its currency.</summary>
public sealed class RoyaltyPayoutBelowMinimumError(Money minimum) : IError, IPayAuthorRoyaltiesError
{
    /// <inheritdoc />
    public string Message => $"A royalty payout is at least {Minimum}.";

    /// <inheritdoc />
    public string Code => "PAYOUT_BELOW_MINIMUM";

    /// <summary>The smallest payout in the payout's currency.</summary>
    public Money Minimum { get; } = minimum;
}

/// <summary>The platform owes the author less than the payout in its currency, once the payouts still open are set aside.</summary>
public sealed class InsufficientRoyaltiesError(string message, Money available) : IError, IPayAuthorRoyaltiesError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INSUFFICIENT_FUNDS";

    /// <summary>What may still be paid out now in the payout's currency (zero when nothing is).</summary>
    public Money Available { get; } = available;
}

/// <summary>Payments refused the payout: the idempotency key was used for another payment, the method is not offered, or
/// the payment breaks one of its rules. <see cref="Code"/> is Payments' code (IDEMPOTENCY_KEY_REUSED,
/// PAYMENT_METHOD_UNAVAILABLE, INVALID_PAYMENT_INPUT).</summary>
public sealed class RoyaltyPaymentRefusedError(string code, string field, string message) : IError, IPayAuthorRoyaltiesError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code { get; } = code;

    /// <summary>The input field at fault.</summary>
    public string Field { get; } = field;
}
