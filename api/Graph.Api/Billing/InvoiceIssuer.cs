using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Payments;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Billing;

/// <summary>
/// Issues invoices and credit notes in the caller's transaction. Numbers come from <see cref="InvoiceCounter"/>: the
/// (kind, year) row is created or incremented by one statement that holds its row lock until the transaction ends, so
/// concurrent issues take consecutive numbers, and an issue whose transaction rolls back gives its number back (the next
/// one takes it): no gap, no duplicate.
/// </summary>
public static class InvoiceIssuer
{
    /// <summary>The number of the <paramref name="sequence"/>-th document of <paramref name="kind"/> in <paramref name="year"/>.</summary>
    public static string NumberOf(InvoiceKind kind, int year, int sequence) =>
        $"{(kind == InvoiceKind.Invoice ? "INV" : "CN")}-{year:D4}-{sequence:D6}";

    /// <summary>Takes the next number of (kind, year), locking its counter until the transaction of <paramref name="db"/> ends.</summary>
    public static async Task<int> NextSequenceAsync(GraphDbContext db, InvoiceKind kind, int year, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Invoice numbers are taken inside the transaction that issues the invoice.");
        }
        var name = EnumNames<InvoiceKind>.ToName(kind);
        var next = await db.Database.SqlQuery<int>($"""
            INSERT INTO invoice_counters (kind, year, last_number) VALUES ({name}, {year}, 1)
            ON CONFLICT (kind, year) DO UPDATE SET last_number = invoice_counters.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(cancellationToken);
        return next.Single();
    }

    /// <summary>Issues the invoice of a settled sale (a book, a subscription) to its payer: one line, the settled amount VAT
    /// included, in the settlement currency. Returns the invoice already issued for the payment, if any.</summary>
    public static async Task<Invoice> IssueAsync(GraphDbContext db, Payment payment, string lineDescription, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.PaymentId == payment.Id, cancellationToken) is { } existing)
        {
            return existing;
        }
        var buyerId = payment.PayerUserId ?? throw new InvalidOperationException($"Payment {payment.Id} has no payer to invoice.");
        var buyer = await BuyerNameAsync(db, buyerId, cancellationToken);
        var currency = payment.SettlementCurrency;
        var total = LedgerPoster.Settled(payment);
        var tax = LedgerPoster.SettledTax(payment);
        var sequence = await NextSequenceAsync(db, InvoiceKind.Invoice, now.Year, cancellationToken);
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(now),
            Number = NumberOf(InvoiceKind.Invoice, now.Year, sequence),
            Kind = InvoiceKind.Invoice,
            Year = now.Year,
            Sequence = sequence,
            BuyerUserId = buyerId,
            BuyerName = buyer,
            BuyerWallet = payment.WalletNumber,
            PaymentId = payment.Id,
            Currency = currency,
            SubtotalAmount = total - tax,
            TaxAmount = tax,
            TotalAmount = total,
            IssuedAt = now,
        };
        invoice.Lines.Add(new InvoiceLine
        {
            InvoiceId = invoice.Id,
            Position = 1,
            Description = Cut(lineDescription, InvoiceLine.MaxDescriptionLength),
            Quantity = 1,
            Currency = currency,
            UnitPriceAmount = total - tax,
            TaxRate = payment.TaxRate ?? 0m,
            NetAmount = total - tax,
            TaxAmount = tax,
            TotalAmount = total,
        });
        db.Invoices.Add(invoice);
        return invoice;
    }

    /// <summary>Issues the credit note that cancels <paramref name="original"/>'s invoice, for its <paramref name="refund"/>:
    /// every line and amount negated. Null when the original was never invoiced.</summary>
    public static async Task<Invoice?> CreditAsync(GraphDbContext db, Payment original, Payment refund, DateTime now, CancellationToken cancellationToken)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).SingleOrDefaultAsync(i => i.PaymentId == original.Id && i.Kind == InvoiceKind.Invoice, cancellationToken);
        if (invoice is null)
        {
            return null;
        }
        if (await db.Invoices.SingleOrDefaultAsync(i => i.CorrectsInvoiceId == invoice.Id, cancellationToken) is { } credited)
        {
            return credited;
        }
        var sequence = await NextSequenceAsync(db, InvoiceKind.CreditNote, now.Year, cancellationToken);
        var note = new Invoice
        {
            Id = Guid.CreateVersion7(now),
            Number = NumberOf(InvoiceKind.CreditNote, now.Year, sequence),
            Kind = InvoiceKind.CreditNote,
            Year = now.Year,
            Sequence = sequence,
            CorrectsInvoiceId = invoice.Id,
            BuyerUserId = invoice.BuyerUserId,
            BuyerName = invoice.BuyerName,
            BuyerWallet = refund.WalletNumber ?? invoice.BuyerWallet,
            PaymentId = refund.Id,
            Currency = invoice.Currency,
            SubtotalAmount = -invoice.SubtotalAmount,
            TaxAmount = -invoice.TaxAmount,
            TotalAmount = -invoice.TotalAmount,
            IssuedAt = now,
        };
        foreach (var line in invoice.Lines.OrderBy(l => l.Position))
        {
            note.Lines.Add(new InvoiceLine
            {
                InvoiceId = note.Id,
                Position = line.Position,
                Description = line.Description,
                Quantity = line.Quantity,
                Currency = line.Currency,
                UnitPriceAmount = -line.UnitPriceAmount,
                TaxRate = line.TaxRate,
                NetAmount = -line.NetAmount,
                TaxAmount = -line.TaxAmount,
                TotalAmount = -line.TotalAmount,
            });
        }
        db.Invoices.Add(note);
        return note;
    }

    private static async Task<string> BuyerNameAsync(GraphDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var user = db.Users.Local.FirstOrDefault(u => u.Id == userId)
            ?? await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var name = user.DisplayName is { Length: > 0 } display ? display : user.Email ?? user.Phone ?? userId.ToString("D");
        return Cut(name, Invoice.MaxNameLength);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
