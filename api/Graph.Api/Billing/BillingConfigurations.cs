using Graph.Api.Catalog;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Billing;

internal sealed class BookOwnershipConfiguration : IEntityTypeConfiguration<BookOwnership>
{
    /// <summary>The unique index that gives a reader one unrevoked ownership of a book.</summary>
    public const string OneOwnershipIndex = "ix_book_ownerships_user_id_book_id";

    public void Configure(EntityTypeBuilder<BookOwnership> ownership)
    {
        ownership.HasKey(o => o.Id);
        ownership.HasOne<User>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Restrict);
        ownership.HasOne<Book>().WithMany().HasForeignKey(o => o.BookId).OnDelete(DeleteBehavior.Restrict);
        ownership.HasOne<Payment>().WithMany().HasForeignKey(o => o.PaymentId).OnDelete(DeleteBehavior.Restrict);
        ownership.HasIndex(o => new { o.UserId, o.BookId }).IsUnique().HasFilter("revoked_at IS NULL");
        ownership.HasIndex(o => o.BookId);
        ownership.HasIndex(o => o.PaymentId);
    }
}

internal sealed class SubscriptionPlanConfiguration : IEntityTypeConfiguration<SubscriptionPlan>
{
    public void Configure(EntityTypeBuilder<SubscriptionPlan> plan)
    {
        plan.ToTable(table =>
        {
            table.HasCheckConstraint("ck_subscription_plans_period", EnumNames<PlanPeriod>.CheckIn("period"));
            table.HasCheckConstraint("ck_subscription_plans_price", "price_amount > 0");
        });
        plan.HasKey(p => p.Id);
        plan.Property(p => p.Code).HasMaxLength(SubscriptionPlan.MaxCodeLength);
        plan.Property(p => p.NameFr).HasMaxLength(SubscriptionPlan.MaxNameLength);
        plan.Property(p => p.NameEn).HasMaxLength(SubscriptionPlan.MaxNameLength);
        plan.Property(p => p.Period).HasConversion<EnumNameConverter<PlanPeriod>>().HasMaxLength(EnumNames<PlanPeriod>.MaxLength);
        plan.ComplexProperty(p => p.Price, price =>
        {
            price.Property(m => m.Amount).HasColumnName("price_amount").HasPrecision(19, 4);
            price.Property(m => m.Currency).HasColumnName("price_currency").HasConversion<string>().HasMaxLength(3);
        });
        plan.HasIndex(p => p.Code).IsUnique();
    }
}

internal sealed class ReaderSubscriptionConfiguration : IEntityTypeConfiguration<ReaderSubscription>
{
    /// <summary>The unique index that gives a reader at most one PENDING or ACTIVE subscription.</summary>
    public const string OneOpenIndex = "ix_reader_subscriptions_user_id";

    public void Configure(EntityTypeBuilder<ReaderSubscription> subscription)
    {
        subscription.ToTable(table =>
        {
            table.HasCheckConstraint("ck_reader_subscriptions_status", EnumNames<SubscriptionStatus>.CheckIn("status"));
            table.HasCheckConstraint("ck_reader_subscriptions_method", EnumNames<PaymentMethod>.CheckIn("method"));
            table.HasCheckConstraint("ck_reader_subscriptions_period", "(current_period_start IS NULL) = (current_period_end IS NULL) AND (current_period_end IS NULL OR current_period_end > current_period_start)");
            table.HasCheckConstraint("ck_reader_subscriptions_periods_paid", "periods_paid >= 0");
        });
        subscription.HasKey(s => s.Id);
        subscription.Property(s => s.Status).HasConversion<EnumNameConverter<SubscriptionStatus>>().HasMaxLength(EnumNames<SubscriptionStatus>.MaxLength);
        subscription.Property(s => s.Method).HasConversion<EnumNameConverter<PaymentMethod>>().HasMaxLength(EnumNames<PaymentMethod>.MaxLength);
        subscription.Property(s => s.WalletNumber).HasMaxLength(PhoneNumbers.MaxLength);
        subscription.Property(s => s.PayCurrency).HasConversion<string>().HasMaxLength(3);
        subscription.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        subscription.HasOne<SubscriptionPlan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
        subscription.HasOne<Payment>().WithMany().HasForeignKey(s => s.PaymentId).OnDelete(DeleteBehavior.Restrict);
        subscription.HasOne<Payment>().WithMany().HasForeignKey(s => s.RenewalPaymentId).OnDelete(DeleteBehavior.Restrict);
        subscription.HasOne<Payment>().WithMany().HasForeignKey(s => s.LatestPaymentId).OnDelete(DeleteBehavior.Restrict);
        subscription.HasIndex(s => s.UserId).IsUnique().HasFilter("status IN ('PENDING', 'ACTIVE')");
        subscription.HasIndex(s => s.PaymentId).IsUnique();
        subscription.HasIndex(s => s.RenewalPaymentId);
        subscription.HasIndex(s => s.LatestPaymentId);
        subscription.HasIndex(s => s.PlanId);
        // The renewal job's scan: subscriptions by the end of their period.
        subscription.HasIndex(s => new { s.Status, s.CurrentPeriodEnd });
    }
}

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> invoice)
    {
        invoice.ToTable(table =>
        {
            table.HasCheckConstraint("ck_invoices_kind", EnumNames<InvoiceKind>.CheckIn("kind"));
            table.HasCheckConstraint("ck_invoices_totals", "total_amount = subtotal_amount + tax_amount");
            table.HasCheckConstraint("ck_invoices_sign",
                "(kind = 'INVOICE' AND corrects_invoice_id IS NULL AND total_amount >= 0 AND tax_amount >= 0) OR (kind = 'CREDIT_NOTE' AND corrects_invoice_id IS NOT NULL AND total_amount <= 0 AND tax_amount <= 0)");
            table.HasCheckConstraint("ck_invoices_sequence", "sequence > 0");
        });
        invoice.HasKey(i => i.Id);
        invoice.Property(i => i.Number).HasMaxLength(Invoice.MaxNumberLength);
        invoice.Property(i => i.Kind).HasConversion<EnumNameConverter<InvoiceKind>>().HasMaxLength(EnumNames<InvoiceKind>.MaxLength);
        invoice.Property(i => i.BuyerName).HasMaxLength(Invoice.MaxNameLength);
        invoice.Property(i => i.BuyerWallet).HasMaxLength(PhoneNumbers.MaxLength);
        invoice.Property(i => i.Currency).HasConversion<string>().HasMaxLength(3);
        invoice.Property(i => i.SubtotalAmount).HasPrecision(19, 4);
        invoice.Property(i => i.TaxAmount).HasPrecision(19, 4);
        invoice.Property(i => i.TotalAmount).HasPrecision(19, 4);
        invoice.Ignore(i => i.Subtotal);
        invoice.Ignore(i => i.Tax);
        invoice.Ignore(i => i.Total);
        invoice.HasMany(i => i.Lines).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        invoice.HasOne<User>().WithMany().HasForeignKey(i => i.BuyerUserId).OnDelete(DeleteBehavior.Restrict);
        invoice.HasOne<Payment>().WithMany().HasForeignKey(i => i.PaymentId).OnDelete(DeleteBehavior.Restrict);
        invoice.HasOne<Invoice>().WithMany().HasForeignKey(i => i.CorrectsInvoiceId).OnDelete(DeleteBehavior.Restrict);
        invoice.HasIndex(i => i.Number).IsUnique();
        invoice.HasIndex(i => new { i.Kind, i.Year, i.Sequence }).IsUnique();
        // One document per payment: the sale's invoice, or the refund's credit note; one credit note per invoice.
        invoice.HasIndex(i => i.PaymentId).IsUnique();
        invoice.HasIndex(i => i.CorrectsInvoiceId).IsUnique();
        invoice.HasIndex(i => new { i.BuyerUserId, i.IssuedAt });
        invoice.HasIndex(i => i.IssuedAt);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> line)
    {
        line.ToTable(table =>
        {
            table.HasCheckConstraint("ck_invoice_lines_totals", "total_amount = net_amount + tax_amount");
            table.HasCheckConstraint("ck_invoice_lines_tax_rate", "tax_rate BETWEEN 0 AND 1");
            table.HasCheckConstraint("ck_invoice_lines_quantity", "quantity > 0");
        });
        line.HasKey(l => new { l.InvoiceId, l.Position });
        line.Property(l => l.Description).HasMaxLength(InvoiceLine.MaxDescriptionLength);
        line.Property(l => l.Currency).HasConversion<string>().HasMaxLength(3);
        line.Property(l => l.UnitPriceAmount).HasPrecision(19, 4);
        line.Property(l => l.TaxRate).HasPrecision(5, 4);
        line.Property(l => l.NetAmount).HasPrecision(19, 4);
        line.Property(l => l.TaxAmount).HasPrecision(19, 4);
        line.Property(l => l.TotalAmount).HasPrecision(19, 4);
        line.Ignore(l => l.UnitPrice);
        line.Ignore(l => l.Net);
        line.Ignore(l => l.Tax);
        line.Ignore(l => l.Total);
    }
}

internal sealed class InvoiceCounterConfiguration : IEntityTypeConfiguration<InvoiceCounter>
{
    public void Configure(EntityTypeBuilder<InvoiceCounter> counter)
    {
        counter.ToTable(table =>
        {
            table.HasCheckConstraint("ck_invoice_counters_kind", EnumNames<InvoiceKind>.CheckIn("kind"));
            table.HasCheckConstraint("ck_invoice_counters_last_number", "last_number > 0");
        });
        counter.HasKey(c => new { c.Kind, c.Year });
        counter.Property(c => c.Kind).HasConversion<EnumNameConverter<InvoiceKind>>().HasMaxLength(EnumNames<InvoiceKind>.MaxLength);
    }
}
