using System.Security.Claims;
using Graph.Api.Catalog;
using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Identity;
using Graph.Api.Payments.Providers;
using Graph.Api.Tontines;
using Graph.GraphQL.Authorization;
using Graph.GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Graph.Api.Payments;

/// <summary>Payments' changes on Mutation: starting a mobile money payment, cancelling it, refunding it, and FX rates.</summary>
[ExtendObjectType(OperationTypeNames.Mutation)]
public sealed class PaymentMutations
{
    /// <summary>
    /// Starts a mobile money payment: the provider asks the customer to confirm on their phone, and the payment is PENDING
    /// until the provider says how it ended (follow it with paymentStatusChanged). Books, subscriptions and contributions
    /// are paid by the caller; payouts are sent by a tontine's treasurer or president, planter payments by a buyer or a
    /// cooperative manager. Retrying with the same idempotency key returns the same payment.
    /// </summary>
    [Authorize]
    public async Task<InitiatePaymentPayload> InitiatePaymentAsync(
        InitiatePaymentInput input,
        ClaimsPrincipal user,
        PaymentService payments,
        IDbContextFactory<GraphDbContext> contexts,
        IOptions<GraphOptions> options,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        if (input.Purpose == PaymentPurpose.Refund)
        {
            return InitiatePaymentPayload.Failed(new InvalidPaymentInputError("purpose", "A refund is made with refundPayment, by FINANCE."));
        }
        if (input.Purpose == PaymentPurpose.RoyaltyPayout)
        {
            return InitiatePaymentPayload.Failed(new InvalidPaymentInputError("purpose", "Royalties are paid out with payAuthorRoyalties, by FINANCE."));
        }
        if (input.Method == PaymentMethod.Cash)
        {
            return InitiatePaymentPayload.Failed(new InvalidPaymentInputError("method", "Cash is recorded with its proof by a treasurer or a manager (recordCashPayment)."));
        }
        if (ToMoney(input.Amount) is not { } amount)
        {
            return InitiatePaymentPayload.Failed(new InvalidPaymentInputError("amount",
                $"{input.Amount.Currency} amounts have at most {Money.MinorUnits(input.Amount.Currency)} decimal(s)."));
        }
        if (!PhoneNumbers.TryNormalize(input.WalletNumber, out var wallet, out var problem))
        {
            return InitiatePaymentPayload.Failed(new InvalidPaymentInputError("walletNumber", problem));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = new PaymentRequest
        {
            Purpose = input.Purpose,
            Method = input.Method,
            Amount = amount,
            WalletNumber = wallet,
            Description = input.Description?.Trim() is { Length: > 0 } description ? description : DefaultDescription(input.Purpose),
            IdempotencyKey = input.IdempotencyKey,
        };
        var shaped = input.Purpose switch
        {
            PaymentPurpose.BookPurchase => await BookPurchaseAsync(db, input, request, userId, options.Value, clock.GetUtcNow().UtcDateTime, cancellationToken),
            PaymentPurpose.Subscription => (request with { PayerUserId = userId }, null),
            PaymentPurpose.TontineContribution => await ContributionAsync(db, input, request, userId, cancellationToken),
            PaymentPurpose.TontinePayout => await PayoutAsync(db, input, request, user, userId, cancellationToken),
            PaymentPurpose.PlanterPayment => await PlanterPaymentAsync(db, input, request, user, userId, cancellationToken),
            _ => (null, new InvalidPaymentInputError("purpose", "Unknown purpose.")),
        };
        if (shaped.Error is { } error)
        {
            return InitiatePaymentPayload.Failed(error);
        }

        var created = await payments.InitiateAsync(shaped.Request!, userId, cancellationToken);
        if (created.Refusal is { } refusal)
        {
            return InitiatePaymentPayload.Failed(ToError(refusal, input.IdempotencyKey, input.Method, amount.Currency, shaped.Request!.SettlementCurrency ?? amount.Currency));
        }
        var payment = created.Payment!;
        return InitiatePaymentPayload.Done(payment, await payments.CustomerActionAsync(payment, cancellationToken));
    }

    /// <summary>
    /// Abandons a payment still waiting for the customer (INITIATED or PENDING): it becomes CANCELLED. Only whoever
    /// initiated it may. A provider that later reports the customer's confirmation anyway is recorded as a mismatch for
    /// FINANCE, never settled behind the payer's back.
    /// </summary>
    [Authorize]
    public async Task<CancelPaymentPayload> CancelPaymentAsync(
        CancelPaymentInput input,
        ClaimsPrincipal user,
        PaymentService payments,
        CancellationToken cancellationToken)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        var payment = await payments.FindAsync(input.PaymentId, cancellationToken);
        if (payment is null || (payment.InitiatedByUserId != userId && !PaymentAccess.SeesAll(user)))
        {
            return CancelPaymentPayload.Failed(new PaymentNotFoundError(input.PaymentId));
        }
        if (payment.Method == PaymentMethod.Cash)
        {
            return CancelPaymentPayload.Failed(new PaymentStatusConflictError(payment.Id, payment.Status, "A cash payment is refused by its checker (rejectCashPayment), not cancelled."));
        }
        var outcome = await payments.ApplyAsync(payment.Id, new ProviderUpdate(ProviderState.Cancelled, Message: "Cancelled by the payer."),
            new TransitionOrigin(PaymentEventSource.Api, userId, Note: "Cancelled by the payer."), cancellationToken);
        var now = await payments.FindAsync(payment.Id, cancellationToken);
        return outcome is TransitionOutcome.Applied or TransitionOutcome.Duplicate && now!.Status == PaymentStatus.Cancelled
            ? CancelPaymentPayload.Done(now)
            : CancelPaymentPayload.Failed(new PaymentStatusConflictError(payment.Id, now!.Status,
                $"A {EnumNames<PaymentStatus>.ToName(now.Status)} payment cannot be cancelled; only one still waiting for the customer can."));
    }

    /// <summary>
    /// Gives a SUCCEEDED mobile money payment back to the wallet that paid it (FINANCE, ADMIN): a REFUND payment is sent
    /// through the same provider, and once it succeeds the original becomes REFUNDED and the ledger posting is reversed.
    /// A payment is refunded once, in full.
    /// </summary>
    [Authorize(Roles = [PlatformRoles.FinanceName, PlatformRoles.AdminName])]
    public async Task<RefundPaymentPayload> RefundPaymentAsync(
        RefundPaymentInput input,
        ClaimsPrincipal user,
        PaymentService payments,
        CancellationToken cancellationToken)
    {
        var userId = user.GetUserId() ?? throw new InvalidOperationException("An authenticated caller carries a user ID.");
        var reason = input.Reason.Trim();
        if (reason.Length is 0 or > Payment.MaxFailureMessageLength || reason.Any(char.IsControl))
        {
            return RefundPaymentPayload.Failed(new InvalidPaymentInputError("reason", $"The reason must have 1 to {Payment.MaxFailureMessageLength} characters, without control characters."));
        }
        var refund = await payments.RefundAsync(input.PaymentId, reason, input.IdempotencyKey, userId, cancellationToken);
        if (refund.Refusal is { } refusal)
        {
            return RefundPaymentPayload.Failed(refusal.Code switch
            {
                "PAYMENT_NOT_FOUND" => new PaymentNotFoundError(input.PaymentId),
                "PAYMENT_STATUS_CONFLICT" => new PaymentStatusConflictError(input.PaymentId, refund.OriginalStatus ?? PaymentStatus.Initiated, refusal.Message),
                "IDEMPOTENCY_KEY_REUSED" => new IdempotencyKeyReusedError(input.IdempotencyKey),
                "PAYMENT_METHOD_UNAVAILABLE" => new PaymentMethodUnavailableError(refund.Method ?? PaymentMethod.Cash),
                _ => new InvalidPaymentInputError(refusal.Field ?? "paymentId", refusal.Message),
            });
        }
        return RefundPaymentPayload.Done(refund.Payment!);
    }

    /// <summary>Records a dated exchange rate (FINANCE, ADMIN). Payments created from its date on convert with it; payments
    /// already created keep the rate they were created with.</summary>
    [Authorize(Roles = [PlatformRoles.FinanceName, PlatformRoles.AdminName])]
    public async Task<SetFxRatePayload> SetFxRateAsync(
        SetFxRateInput input,
        IDbContextFactory<GraphDbContext> contexts,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (input.Base == input.Quote)
        {
            return SetFxRatePayload.Failed(new InvalidPaymentInputError("quote", "A rate converts between two different currencies."));
        }
        if (input.Rate <= 0 || input.Rate > 1_000_000m || decimal.Round(input.Rate, 10) != input.Rate)
        {
            return SetFxRatePayload.Failed(new InvalidPaymentInputError("rate", "The rate must be more than 0 and at most 1,000,000, with at most 10 decimals."));
        }
        var source = input.Source.Trim();
        if (source.Length is 0 or > 100 || source.Any(char.IsControl))
        {
            return SetFxRatePayload.Failed(new InvalidPaymentInputError("source", "The source must have 1 to 100 characters, without control characters."));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rate = new FxRate { Base = input.Base, Quote = input.Quote, Date = input.Date, Rate = input.Rate, Source = source, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.FxRates.Add(rate);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return SetFxRatePayload.Failed(new InvalidPaymentInputError("date",
                $"A {input.Base}/{input.Quote} rate is already recorded for {input.Date:yyyy-MM-dd}; rates are never changed, record the next day's."));
        }
        return SetFxRatePayload.Done(rate);
    }

    private static async Task<(PaymentRequest? Request, IInitiatePaymentError? Error)> BookPurchaseAsync(
        GraphDbContext db, InitiatePaymentInput input, PaymentRequest request, Guid userId, GraphOptions options, DateTime now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now);
        if (input.BookId is not { } bookId || await BookSales.FindAsync(db, bookId, cancellationToken) is not { OnSale: true } book)
        {
            return (null, new PaymentSubjectNotFoundError("bookId", "A book purchase names a published book of the catalog."));
        }
        var paid = request.Amount;
        if (paid.Currency == book.Price.Currency)
        {
            if (paid != book.Price)
            {
                return (null, new InvalidPaymentInputError("amount", $"The book costs {book.Price}."));
            }
        }
        else
        {
            // Paid in another currency: the price converted at today's rate, rounded up to the currency's unit.
            if (await PaymentService.FindRateAsync(db, paid.Currency, book.Price.Currency, today, cancellationToken) is not { } rate)
            {
                return (null, new FxRateMissingError(paid.Currency, book.Price.Currency, $"There is no {paid.Currency}/{book.Price.Currency} exchange rate today."));
            }
            var expected = Math.Ceiling(book.Price.Amount / rate.Rate * Pow10(paid.Currency)) / Pow10(paid.Currency);
            if (paid.Amount != expected)
            {
                return (null, new InvalidPaymentInputError("amount", $"The book costs {book.Price}, that is {new Money(expected, paid.Currency)} today."));
            }
        }
        var vat = Billing.Vat.RateFor(options.Billing, request.WalletNumber);
        return (request with
        {
            PayerUserId = userId,
            BookId = book.BookId,
            SettlementCurrency = book.Price.Currency,
            RoyaltyAuthorId = book.AuthorId,
            RoyaltyRate = await Billing.RoyaltyRules.RateForSaleAsync(db, book.BookId, now, options.Payments.AuthorRoyaltyRate, cancellationToken),
            // Prices include VAT, as buyBook charges it: the same sale the same way whichever mutation starts it.
            TaxAmount = Billing.Vat.IncludedIn(paid, vat),
            TaxRate = vat,
            Description = input.Description?.Trim() is { Length: > 0 } ? request.Description : Cut($"Ebook « {book.Title} »", Payment.MaxDescriptionLength),
        }, null);
    }

    private static async Task<(PaymentRequest? Request, IInitiatePaymentError? Error)> ContributionAsync(
        GraphDbContext db, InitiatePaymentInput input, PaymentRequest request, Guid userId, CancellationToken cancellationToken)
    {
        if (input.TontineId is not { } tontineId || await TontineAccess.RoleOfAsync(db, tontineId, userId, cancellationToken) is null)
        {
            return (null, new PaymentSubjectNotFoundError("tontineId", "A contribution is paid by a member to one of their tontines."));
        }
        return (request with { PayerUserId = userId, TontineId = tontineId }, null);
    }

    private static async Task<(PaymentRequest? Request, IInitiatePaymentError? Error)> PayoutAsync(
        GraphDbContext db, InitiatePaymentInput input, PaymentRequest request, ClaimsPrincipal user, Guid userId, CancellationToken cancellationToken)
    {
        if (input.TontineId is not { } tontineId)
        {
            return (null, new PaymentSubjectNotFoundError("tontineId", "A payout names its tontine."));
        }
        var role = await TontineAccess.RoleOfAsync(db, tontineId, userId, cancellationToken);
        if (role is not (TontineRole.Treasurer or TontineRole.President) && !PaymentAccess.SeesAll(user))
        {
            return (null, new PaymentSubjectNotFoundError("tontineId", "A payout is sent by the tontine's treasurer or president."));
        }
        if (input.PayeeId is not { } payeeId || await TontineAccess.RoleOfAsync(db, tontineId, payeeId, cancellationToken) is null)
        {
            return (null, new PaymentSubjectNotFoundError("payeeId", "A payout goes to a member of the tontine."));
        }
        return (request with { PayeeUserId = payeeId, TontineId = tontineId }, null);
    }

    private static async Task<(PaymentRequest? Request, IInitiatePaymentError? Error)> PlanterPaymentAsync(
        GraphDbContext db, InitiatePaymentInput input, PaymentRequest request, ClaimsPrincipal user, Guid userId, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(PlatformRoles.BuyerName) && !user.IsInRole(PlatformRoles.CooperativeManagerName) && !PaymentAccess.SeesAll(user))
        {
            return (null, new PaymentSubjectNotFoundError("purpose", "Planters are paid by buyers and cooperative managers."));
        }
        if (input.PayeeId is not { } payeeId || await AccountService.FindUserAsync(db, payeeId, cancellationToken) is null)
        {
            return (null, new PaymentSubjectNotFoundError("payeeId", "A planter payment names the planter's account."));
        }
        return (request with { PayerUserId = userId, PayeeUserId = payeeId }, null);
    }

    /// <summary>The input's amount, or null when it has more decimals than its currency.</summary>
    private static Money? ToMoney(MoneyInput input)
    {
        try
        {
            return new Money(input.Amount, input.Currency);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static IInitiatePaymentError ToError(PaymentRefusal refusal, string key, PaymentMethod method, Currency from, Currency to) => refusal.Code switch
    {
        "IDEMPOTENCY_KEY_REUSED" => new IdempotencyKeyReusedError(key),
        "PAYMENT_METHOD_UNAVAILABLE" => new PaymentMethodUnavailableError(method),
        "FX_RATE_MISSING" => new FxRateMissingError(from, to, refusal.Message),
        "INSUFFICIENT_FUNDS" => new InsufficientFundsError(refusal.Message),
        _ => new InvalidPaymentInputError(refusal.Field ?? "input", refusal.Message),
    };

    private static string DefaultDescription(PaymentPurpose purpose) => purpose switch
    {
        PaymentPurpose.BookPurchase => "Ebook",
        PaymentPurpose.Subscription => "Abonnement",
        PaymentPurpose.TontineContribution => "Cotisation de tontine",
        PaymentPurpose.TontinePayout => "Versement de tontine",
        PaymentPurpose.PlanterPayment => "Paiement de cacao",
        _ => "Paiement",
    };

    private static decimal Pow10(Currency currency) => Money.MinorUnits(currency) == 0 ? 1m : 100m;

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
