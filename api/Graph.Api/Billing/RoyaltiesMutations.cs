using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Graph.Api.Billing;

/// <summary>Royalties on Mutation: linking an author to their account, setting a book's royalty rule, paying an author.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class RoyaltiesMutations
{
    /// <summary>
    /// Links an author of the catalog to their own account (ADMIN): the account then reads the author's royalty statements
    /// and receives their payouts. Linking again moves the link to the new account; an account is one author's at most.
    /// The change is in the audit log.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.AdminName])]
    public async Task<LinkAuthorAccountPayload> LinkAuthorAccountAsync(
        LinkAuthorAccountInput input, IDbContextFactory<GraphDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var author = await db.Authors.SingleOrDefaultAsync(a => a.Id == input.AuthorId, cancellationToken);
        if (author is null)
        {
            return LinkAuthorAccountPayload.Failed(new RoyaltyAuthorNotFoundError(input.AuthorId));
        }
        if (!await db.Users.AnyAsync(u => u.Id == input.UserId, cancellationToken))
        {
            return LinkAuthorAccountPayload.Failed(new RoyaltyUserNotFoundError(input.UserId));
        }
        if (await db.Authors.Where(a => a.UserId == input.UserId && a.Id != input.AuthorId).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken) is { } other)
        {
            return LinkAuthorAccountPayload.Failed(new AccountAlreadyLinkedError(input.UserId, other));
        }
        if (author.UserId == input.UserId)
        {
            return LinkAuthorAccountPayload.Done(author);
        }
        author.UserId = input.UserId;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request linked the account to another author between the check and the save.
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            var winner = await again.Authors.Where(a => a.UserId == input.UserId).Select(a => a.Id).FirstAsync(cancellationToken);
            return LinkAuthorAccountPayload.Failed(new AccountAlreadyLinkedError(input.UserId, winner));
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            return LinkAuthorAccountPayload.Failed(new RoyaltyUserNotFoundError(input.UserId));
        }
        return LinkAuthorAccountPayload.Done(author);
    }

    /// <summary>
    /// Sets a book's royalty rule from a day on (FINANCE, ADMIN): a rate of the net sale and, optionally, another rate from
    /// the Nth copy sold. The book's earlier rules are kept (royaltyRules); from validFrom on the new one is in force.
    /// validFrom is today (UTC) or later: sales already made keep the rate they were made at.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.FinanceName, PlatformRoles.AdminName])]
    public async Task<SetRoyaltyRulePayload> SetRoyaltyRuleAsync(
        SetRoyaltyRuleInput input, ClaimsPrincipal user, IDbContextFactory<GraphDbContext> contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        if (!IsRate(input.Rate))
        {
            return SetRoyaltyRulePayload.Failed(new InvalidRoyaltyInputError("rate", "The rate must be from 0 to 1, with at most 4 decimals (0.7 is 70 %)."));
        }
        if (input.TierFromCopy.HasValue != input.TierRate.HasValue)
        {
            return SetRoyaltyRulePayload.Failed(new InvalidRoyaltyInputError(input.TierFromCopy.HasValue ? "tierRate" : "tierFromCopy", "A tier names both the copy it starts at and its rate."));
        }
        if (input.TierFromCopy is < 2)
        {
            return SetRoyaltyRulePayload.Failed(new InvalidRoyaltyInputError("tierFromCopy", "A tier starts at the 2nd copy or later (from the 1st, it is the rate)."));
        }
        if (input.TierRate is { } tierRate && !IsRate(tierRate))
        {
            return SetRoyaltyRulePayload.Failed(new InvalidRoyaltyInputError("tierRate", "The tier's rate must be from 0 to 1, with at most 4 decimals."));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.ValidFrom < DateOnly.FromDateTime(now))
        {
            return SetRoyaltyRulePayload.Failed(new InvalidRoyaltyInputError("validFrom", $"A rule starts today ({DateOnly.FromDateTime(now):yyyy-MM-dd}, UTC) or later: sales already made keep their rate."));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Books.AnyAsync(b => b.Id == input.BookId, cancellationToken))
        {
            return SetRoyaltyRulePayload.Failed(new RoyaltyBookNotFoundError(input.BookId));
        }
        // Rules of one book are numbered one at a time (the unique index on the number stays as the last guard).
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey("royalty-rules", input.BookId)})", cancellationToken);
        var revision = 1 + (await db.Set<RoyaltyRule>().Where(r => r.BookId == input.BookId).MaxAsync(r => (int?)r.Revision, cancellationToken) ?? 0);
        var rule = new RoyaltyRule
        {
            Id = Guid.CreateVersion7(now),
            BookId = input.BookId,
            Revision = revision,
            Rate = input.Rate,
            TierFromCopy = input.TierFromCopy,
            TierRate = input.TierRate,
            ValidFrom = input.ValidFrom,
            CreatedAt = now,
            CreatedByUserId = userId,
        };
        db.Set<RoyaltyRule>().Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return SetRoyaltyRulePayload.Done(rule);
    }

    /// <summary>
    /// Pays an author royalties the platform owes them (FINANCE, ADMIN), by mobile money to their linked account's wallet:
    /// a ROYALTY_PAYOUT payment, PENDING until the provider confirms; once it succeeds the ledger moves the amount out of
    /// the author's royalties payable and the author is notified. Refused below the currency's minimum payout, above what
    /// the author is owed in that currency less their payouts still open, and for an author without a linked account.
    /// Payouts of one author are decided one at a time. Retrying with the same idempotency key returns the same payout.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.FinanceName, PlatformRoles.AdminName])]
    public async Task<PayAuthorRoyaltiesPayload> PayAuthorRoyaltiesAsync(
        PayAuthorRoyaltiesInput input,
        ClaimsPrincipal user,
        PaymentService payments,
        IDbContextFactory<GraphDbContext> contexts,
        IOptions<GraphOptions> options,
        CancellationToken cancellationToken)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        if (input.Method == PaymentMethod.Cash)
        {
            return PayAuthorRoyaltiesPayload.Failed(new InvalidRoyaltyInputError("method", "Royalties are paid by mobile money, not in cash."));
        }
        if (input.Amount.Amount <= 0 || decimal.Round(input.Amount.Amount, Money.MinorUnits(input.Amount.Currency)) != input.Amount.Amount)
        {
            return PayAuthorRoyaltiesPayload.Failed(new InvalidRoyaltyInputError("amount",
                $"The amount must be more than zero, with at most {Money.MinorUnits(input.Amount.Currency)} decimal(s) in {input.Amount.Currency}."));
        }
        var amount = new Money(input.Amount.Amount, input.Amount.Currency);
        if (!PhoneNumbers.TryNormalize(input.WalletNumber, out var wallet, out var problem))
        {
            return PayAuthorRoyaltiesPayload.Failed(new InvalidRoyaltyInputError("walletNumber", problem));
        }
        Author? author;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            author = await db.Authors.AsNoTracking().SingleOrDefaultAsync(a => a.Id == input.AuthorId, cancellationToken);
        }
        if (author is null)
        {
            return PayAuthorRoyaltiesPayload.Failed(new RoyaltyAuthorNotFoundError(input.AuthorId));
        }
        if (author.UserId is not { } payee)
        {
            return PayAuthorRoyaltiesPayload.Failed(new AuthorAccountNotLinkedError(author.Id));
        }
        var minimum = options.Value.Payments.RoyaltyPayoutMinimum.For(amount.Currency);
        if (amount.Amount < minimum.Amount)
        {
            return PayAuthorRoyaltiesPayload.Failed(new RoyaltyPayoutBelowMinimumError(minimum));
        }

        var created = await payments.InitiateAsync(new PaymentRequest
        {
            Purpose = PaymentPurpose.RoyaltyPayout,
            Method = input.Method,
            Amount = amount,
            WalletNumber = wallet,
            PayeeUserId = payee,
            RoyaltyAuthorId = author.Id,
            Description = Cut($"Droits d'auteur : {author.Name}", Payment.MaxDescriptionLength),
            IdempotencyKey = input.IdempotencyKey,
        }, userId, cancellationToken);
        if (created.Refusal is { } refusal)
        {
            if (refusal.Code == "INSUFFICIENT_FUNDS")
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var (owed, reserved) = await RoyaltyLedger.PayableAsync(db, author.Id, amount.Currency, cancellationToken);
                return PayAuthorRoyaltiesPayload.Failed(new InsufficientRoyaltiesError(refusal.Message, RoyaltyStatements.MoneyOf(Math.Max(owed - reserved, 0m), amount.Currency)));
            }
            return PayAuthorRoyaltiesPayload.Failed(new RoyaltyPaymentRefusedError(refusal.Code, refusal.Field ?? "input", refusal.Message));
        }
        return PayAuthorRoyaltiesPayload.Done(created.Payment!);
    }

    private static bool IsRate(decimal rate) => rate is >= 0m and <= 1m && decimal.Round(rate, RoyaltyRule.RateDecimals) == rate;

    private static long LockKey(string scope, Guid id) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{id:N}")), 0);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
