using Graph.Api.Common;

namespace Graph.Api.Payments;

/// <summary>
/// Writes the double-entry posting of a settled payment. A collection debits the provider's clearing account (money the
/// provider now holds for the platform) and credits what the payment was for; a disbursement does the reverse. When the
/// settlement currency differs from the amount's, each currency's side balances through <see cref="LedgerAccount.FxConversion"/>
/// at the payment's rate, so every currency sums to zero. A refund is its original's posting, reversed.
/// </summary>
public static class LedgerPoster
{
    /// <summary>Whether money comes in from the payer (true) or goes out to the payee.</summary>
    public static bool IsCollection(PaymentPurpose purpose) => purpose switch
    {
        PaymentPurpose.BookPurchase or PaymentPurpose.Subscription or PaymentPurpose.TontineContribution => true,
        PaymentPurpose.TontinePayout or PaymentPurpose.PlanterPayment or PaymentPurpose.Refund or PaymentPurpose.RoyaltyPayout => false,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown purpose."),
    };

    /// <summary>The amount in the settlement currency, rounded to its decimals (half away from zero).</summary>
    public static decimal Settled(Payment payment)
    {
        if (payment.SettlementCurrency == payment.Amount.Currency)
        {
            return payment.Amount.Amount;
        }
        var rate = payment.FxRate ?? throw new InvalidOperationException($"Payment {payment.Id} converts {payment.Amount.Currency} to {payment.SettlementCurrency} without a rate.");
        return decimal.Round(payment.Amount.Amount * rate, Money.MinorUnits(payment.SettlementCurrency), MidpointRounding.AwayFromZero);
    }

    /// <summary>The tax included in the payment, in the settlement currency (converted at the payment's rate and rounded as
    /// <see cref="Settled"/> is); zero when the payment carries none. Never more than <see cref="Settled"/>.</summary>
    public static decimal SettledTax(Payment payment)
    {
        if (payment.TaxAmount is not { } tax || tax <= 0)
        {
            return 0m;
        }
        if (payment.SettlementCurrency == payment.Amount.Currency)
        {
            return tax;
        }
        var rate = payment.FxRate ?? throw new InvalidOperationException($"Payment {payment.Id} converts {payment.Amount.Currency} to {payment.SettlementCurrency} without a rate.");
        return Math.Min(decimal.Round(tax * rate, Money.MinorUnits(payment.SettlementCurrency), MidpointRounding.AwayFromZero), Settled(payment));
    }

    /// <summary>The settlement posting of <paramref name="payment"/> (not a REFUND: see <see cref="Refund"/>).</summary>
    public static LedgerPosting Settlement(Payment payment, DateTime now)
    {
        if (payment.Purpose == PaymentPurpose.Refund)
        {
            throw new ArgumentException("A refund is posted from its original's posting (LedgerPoster.Refund).", nameof(payment));
        }
        var posting = new LedgerPosting
        {
            Id = Guid.CreateVersion7(now),
            PaymentId = payment.Id,
            Kind = PostingKind.Settlement,
            PostedAt = now,
            Description = $"{Data.EnumNames<PaymentPurpose>.ToName(payment.Purpose)} {payment.Amount} by {Data.EnumNames<PaymentMethod>.ToName(payment.Method)}",
        };
        // Signs: + debit, - credit. A collection debits the clearing account; a disbursement credits it.
        var sign = IsCollection(payment.Purpose) ? 1 : -1;
        var clearing = LedgerAccount.ProviderClearing(payment.Method);
        Add(posting, clearing, payment.Amount.Currency, sign * payment.Amount.Amount);

        var settled = Settled(payment);
        if (payment.SettlementCurrency != payment.Amount.Currency)
        {
            var rate = payment.FxRate!.Value;
            Add(posting, LedgerAccount.FxConversion, payment.Amount.Currency, -sign * payment.Amount.Amount, rate, payment.FxRateDate);
            Add(posting, LedgerAccount.FxConversion, payment.SettlementCurrency, sign * settled, rate, payment.FxRateDate);
        }

        foreach (var (account, share) in Counterparts(payment, settled))
        {
            Add(posting, account, payment.SettlementCurrency, -sign * share);
        }
        return posting;
    }

    /// <summary>The posting of a succeeded REFUND: the entries of its original's settlement, reversed.</summary>
    public static LedgerPosting Refund(Payment refund, LedgerPosting original, DateTime now)
    {
        if (refund.Purpose != PaymentPurpose.Refund)
        {
            throw new ArgumentException("Only a REFUND reverses a posting.", nameof(refund));
        }
        var posting = new LedgerPosting
        {
            Id = Guid.CreateVersion7(now),
            PaymentId = refund.Id,
            Kind = PostingKind.Refund,
            PostedAt = now,
            Description = $"REFUND {refund.Amount} of payment {original.PaymentId}",
        };
        foreach (var entry in original.Entries)
        {
            posting.Entries.Add(new LedgerEntry
            {
                PostingId = posting.Id,
                AccountType = entry.AccountType,
                AccountKey = entry.AccountKey,
                Currency = entry.Currency,
                Amount = -entry.Amount,
                FxRate = entry.FxRate,
                FxRateDate = entry.FxRateDate,
            });
        }
        return posting;
    }

    /// <summary>The accounts on the other side of the clearing account, with their shares of <paramref name="settled"/>: the
    /// tax the price includes to <see cref="LedgerAccount.TaxPayable"/>, and what is left (the net sale) to the author's
    /// royalties and the platform's revenue.</summary>
    private static IEnumerable<(LedgerAccount Account, decimal Share)> Counterparts(Payment payment, decimal settled)
    {
        var tax = SettledTax(payment);
        if (tax > 0)
        {
            yield return (LedgerAccount.TaxPayable, tax);
        }
        var net = settled - tax;
        switch (payment.Purpose)
        {
            case PaymentPurpose.BookPurchase when payment.RoyaltyAuthorId is { } authorId && payment.RoyaltyRate is { } rate && rate > 0m:
                var royalty = decimal.Round(net * rate, Money.MinorUnits(payment.SettlementCurrency), MidpointRounding.ToZero);
                if (royalty > 0)
                {
                    yield return (LedgerAccount.RoyaltiesPayable(authorId), royalty);
                }
                if (net - royalty > 0)
                {
                    yield return (LedgerAccount.PlatformRevenue, net - royalty);
                }
                break;
            case PaymentPurpose.BookPurchase:
            case PaymentPurpose.Subscription:
                yield return (LedgerAccount.PlatformRevenue, net);
                break;
            case PaymentPurpose.TontineContribution:
            case PaymentPurpose.TontinePayout:
                yield return (LedgerAccount.TontinePot(payment.TontineId ?? throw new InvalidOperationException($"Tontine payment {payment.Id} has no tontine.")), settled);
                break;
            case PaymentPurpose.RoyaltyPayout:
                yield return (LedgerAccount.RoyaltiesPayable(payment.RoyaltyAuthorId ?? throw new InvalidOperationException($"Royalty payout {payment.Id} names no author.")), settled);
                break;
            case PaymentPurpose.PlanterPayment:
                yield return (LedgerAccount.Wallet(payment.PayerUserId ?? throw new InvalidOperationException($"Planter payment {payment.Id} has no payer.")), settled);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(payment), payment.Purpose, "No counterpart for this purpose.");
        }
    }

    private static void Add(LedgerPosting posting, LedgerAccount account, Currency currency, decimal amount, decimal? rate = null, DateOnly? rateDate = null)
    {
        if (amount == 0)
        {
            return;
        }
        posting.Entries.Add(new LedgerEntry
        {
            PostingId = posting.Id,
            AccountType = account.Type,
            AccountKey = account.Key,
            Currency = currency,
            Amount = amount,
            FxRate = rate,
            FxRateDate = rateDate,
        });
    }
}
