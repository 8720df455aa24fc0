using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    /// <summary>The unique index that makes one payment per (initiator, idempotency key).</summary>
    public const string IdempotencyIndex = "ix_payments_initiated_by_user_id_idempotency_key";

    /// <summary>The unique index that allows one refund per payment.</summary>
    public const string OneRefundIndex = "ix_payments_refund_of_payment_id";

    public void Configure(EntityTypeBuilder<Payment> payment)
    {
        payment.ToTable(table =>
        {
            table.HasCheckConstraint("ck_payments_purpose", EnumNames<PaymentPurpose>.CheckIn("purpose"));
            table.HasCheckConstraint("ck_payments_method", EnumNames<PaymentMethod>.CheckIn("method"));
            table.HasCheckConstraint("ck_payments_status", EnumNames<PaymentStatus>.CheckIn("status"));
            table.HasCheckConstraint("ck_payments_failure_reason", EnumNames<PaymentFailureReason>.CheckIn("failure_reason"));
            table.HasCheckConstraint("ck_payments_amount", "amount > 0");
            table.HasCheckConstraint("ck_payments_fx", "(fx_rate IS NULL) = (settlement_currency = currency) AND (fx_rate IS NULL) = (fx_rate_date IS NULL) AND (fx_rate IS NULL OR fx_rate > 0)");
            // A book purchase names its author with their rate (or neither); a royalty payout names its author, without a rate.
            table.HasCheckConstraint("ck_payments_royalty", "CASE WHEN purpose = 'ROYALTY_PAYOUT' THEN royalty_author_id IS NOT NULL AND royalty_rate IS NULL ELSE (royalty_rate IS NULL) = (royalty_author_id IS NULL) END AND (royalty_rate IS NULL OR royalty_rate BETWEEN 0 AND 1)");
            table.HasCheckConstraint("ck_payments_tontine", "(tontine_id IS NOT NULL) = (purpose IN ('TONTINE_CONTRIBUTION', 'TONTINE_PAYOUT'))");
            table.HasCheckConstraint("ck_payments_refund", "(refund_of_payment_id IS NOT NULL) = (purpose = 'REFUND')");
            table.HasCheckConstraint("ck_payments_settled", "(settled_at IS NOT NULL) = (status IN ('SUCCEEDED', 'REFUNDED'))");
            table.HasCheckConstraint("ck_payments_wallet", "(wallet_number IS NULL) = (method = 'CASH')");
            table.HasCheckConstraint("ck_payments_tax", "(tax_amount IS NULL) = (tax_rate IS NULL) AND (tax_amount IS NULL OR (tax_amount >= 0 AND tax_amount < amount)) AND (tax_rate IS NULL OR tax_rate BETWEEN 0 AND 1)");
        });
        payment.HasKey(p => p.Id);
        payment.Property(p => p.Purpose).HasConversion<EnumNameConverter<PaymentPurpose>>().HasMaxLength(EnumNames<PaymentPurpose>.MaxLength);
        payment.Property(p => p.Method).HasConversion<EnumNameConverter<PaymentMethod>>().HasMaxLength(EnumNames<PaymentMethod>.MaxLength);
        payment.Property(p => p.Status).HasConversion<EnumNameConverter<PaymentStatus>>().HasMaxLength(EnumNames<PaymentStatus>.MaxLength);
        payment.Property(p => p.FailureReason).HasConversion<EnumNameConverter<PaymentFailureReason>>().HasMaxLength(EnumNames<PaymentFailureReason>.MaxLength);
        payment.ComplexProperty(p => p.Amount, amount =>
        {
            amount.Property(m => m.Amount).HasColumnName("amount").HasPrecision(19, 4);
            amount.Property(m => m.Currency).HasColumnName("currency").HasConversion<string>().HasMaxLength(3);
        });
        payment.Property(p => p.SettlementCurrency).HasConversion<string>().HasMaxLength(3);
        payment.Property(p => p.FxRate).HasPrecision(20, 10);
        payment.Property(p => p.RoyaltyRate).HasPrecision(5, 4);
        payment.Property(p => p.TaxAmount).HasPrecision(19, 4);
        payment.Property(p => p.TaxRate).HasPrecision(5, 4);
        payment.Property(p => p.WalletNumber).HasMaxLength(PhoneNumbers.MaxLength);
        payment.Property(p => p.Description).HasMaxLength(Payment.MaxDescriptionLength);
        payment.Property(p => p.ProviderReference).HasMaxLength(Payment.MaxProviderReferenceLength);
        payment.Property(p => p.FailureMessage).HasMaxLength(Payment.MaxFailureMessageLength);
        payment.Property(p => p.IdempotencyKey).HasMaxLength(Payment.MaxIdempotencyKeyLength);
        payment.Property(p => p.RequestHash).HasMaxLength(64).IsFixedLength();
        payment.HasMany(p => p.History).WithOne().HasForeignKey(c => c.PaymentId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<User>().WithMany().HasForeignKey(p => p.InitiatedByUserId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<User>().WithMany().HasForeignKey(p => p.PayerUserId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<User>().WithMany().HasForeignKey(p => p.PayeeUserId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<Payment>().WithMany().HasForeignKey(p => p.RefundOfPaymentId).OnDelete(DeleteBehavior.Restrict);
        payment.HasIndex(p => new { p.InitiatedByUserId, p.IdempotencyKey }).IsUnique();
        // A provider's reference names one transaction of that provider.
        payment.HasIndex(p => new { p.Method, p.ProviderReference }).IsUnique().HasFilter("provider_reference IS NOT NULL");
        // The reconciliation job's scan: open payments, oldest change first.
        payment.HasIndex(p => new { p.Status, p.UpdatedAt }).HasFilter("status IN ('INITIATED', 'PENDING')");
        payment.HasIndex(p => new { p.CreatedAt, p.Id });
        payment.HasIndex(p => p.PayerUserId);
        payment.HasIndex(p => p.PayeeUserId);
        payment.HasIndex(p => p.TontineId);
        // One refund per payment: a second refund of the same payment cannot be created.
        payment.HasIndex(p => p.RefundOfPaymentId).IsUnique().HasFilter("refund_of_payment_id IS NOT NULL");
    }
}

internal sealed class PaymentStatusChangeConfiguration : IEntityTypeConfiguration<PaymentStatusChange>
{
    public void Configure(EntityTypeBuilder<PaymentStatusChange> change)
    {
        change.ToTable(table =>
        {
            table.HasCheckConstraint("ck_payment_status_changes_from", EnumNames<PaymentStatus>.CheckIn("from_status"));
            table.HasCheckConstraint("ck_payment_status_changes_to", EnumNames<PaymentStatus>.CheckIn("to_status"));
            table.HasCheckConstraint("ck_payment_status_changes_source", EnumNames<PaymentEventSource>.CheckIn("source"));
            table.HasCheckConstraint("ck_payment_status_changes_reason", EnumNames<PaymentFailureReason>.CheckIn("reason"));
        });
        change.HasKey(c => c.Id);
        change.Property(c => c.Id).UseIdentityAlwaysColumn();
        change.Property(c => c.From).HasColumnName("from_status").HasConversion<EnumNameConverter<PaymentStatus>>().HasMaxLength(EnumNames<PaymentStatus>.MaxLength);
        change.Property(c => c.To).HasColumnName("to_status").HasConversion<EnumNameConverter<PaymentStatus>>().HasMaxLength(EnumNames<PaymentStatus>.MaxLength);
        change.Property(c => c.Source).HasConversion<EnumNameConverter<PaymentEventSource>>().HasMaxLength(EnumNames<PaymentEventSource>.MaxLength);
        change.Property(c => c.Reason).HasConversion<EnumNameConverter<PaymentFailureReason>>().HasMaxLength(EnumNames<PaymentFailureReason>.MaxLength);
        change.Property(c => c.Note).HasMaxLength(Payment.MaxFailureMessageLength);
        change.Property(c => c.ProviderEventId).HasMaxLength(200);
        change.HasOne<User>().WithMany().HasForeignKey(c => c.ActorUserId).OnDelete(DeleteBehavior.Restrict);
        // At most one change into each status per payment: the database's own guard against a move applied twice.
        change.HasIndex(c => new { c.PaymentId, c.To }).IsUnique();
    }
}

internal sealed class LedgerPostingConfiguration : IEntityTypeConfiguration<LedgerPosting>
{
    public void Configure(EntityTypeBuilder<LedgerPosting> posting)
    {
        posting.ToTable(table => table.HasCheckConstraint("ck_ledger_postings_kind", EnumNames<PostingKind>.CheckIn("kind")));
        posting.HasKey(p => p.Id);
        posting.Property(p => p.Kind).HasConversion<EnumNameConverter<PostingKind>>().HasMaxLength(EnumNames<PostingKind>.MaxLength);
        posting.Property(p => p.Description).HasMaxLength(300);
        posting.HasMany(p => p.Entries).WithOne().HasForeignKey(e => e.PostingId).OnDelete(DeleteBehavior.Restrict);
        posting.HasOne<Payment>().WithMany().HasForeignKey(p => p.PaymentId).OnDelete(DeleteBehavior.Restrict);
        // A payment is settled once and refunded once.
        posting.HasIndex(p => new { p.PaymentId, p.Kind }).IsUnique();
        posting.HasIndex(p => p.PostedAt);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> entry)
    {
        entry.ToTable(table =>
        {
            table.HasCheckConstraint("ck_ledger_entries_account_type", EnumNames<LedgerAccountType>.CheckIn("account_type"));
            table.HasCheckConstraint("ck_ledger_entries_amount", "amount <> 0");
            table.HasCheckConstraint("ck_ledger_entries_fx", "(fx_rate IS NULL) = (fx_rate_date IS NULL)");
        });
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).UseIdentityAlwaysColumn();
        entry.Property(e => e.AccountType).HasConversion<EnumNameConverter<LedgerAccountType>>().HasMaxLength(EnumNames<LedgerAccountType>.MaxLength);
        entry.Property(e => e.AccountKey).HasMaxLength(LedgerAccount.MaxKeyLength);
        entry.Property(e => e.Currency).HasConversion<string>().HasMaxLength(3);
        entry.Property(e => e.Amount).HasPrecision(19, 4);
        entry.Property(e => e.FxRate).HasPrecision(20, 10);
        // Balances: the sum of an account's entries per currency.
        entry.HasIndex(e => new { e.AccountType, e.AccountKey, e.Currency });
        entry.HasIndex(e => e.PostingId);
    }
}

internal sealed class FxRateConfiguration : IEntityTypeConfiguration<FxRate>
{
    public void Configure(EntityTypeBuilder<FxRate> rate)
    {
        rate.ToTable(table =>
        {
            table.HasCheckConstraint("ck_fx_rates_rate", "rate > 0");
            table.HasCheckConstraint("ck_fx_rates_currencies", "base <> quote");
        });
        rate.HasKey(r => new { r.Base, r.Quote, r.Date });
        rate.Property(r => r.Base).HasConversion<string>().HasMaxLength(3);
        rate.Property(r => r.Quote).HasConversion<string>().HasMaxLength(3);
        rate.Property(r => r.Rate).HasPrecision(20, 10);
        rate.Property(r => r.Source).HasMaxLength(100);
    }
}

internal sealed class CashProofConfiguration : IEntityTypeConfiguration<CashProof>
{
    public void Configure(EntityTypeBuilder<CashProof> proof)
    {
        proof.ToTable(table =>
        {
            table.HasCheckConstraint("ck_cash_proofs_photo", "(photo IS NULL) = (photo_content_type IS NULL)");
            // Maker-checker: the checker is never the maker.
            table.HasCheckConstraint("ck_cash_proofs_checker", "checked_by_user_id IS NULL OR checked_by_user_id <> recorded_by_user_id");
        });
        proof.HasKey(p => p.PaymentId);
        proof.Property(p => p.Reference).HasMaxLength(CashProof.MaxReferenceLength);
        proof.Property(p => p.Note).HasMaxLength(CashProof.MaxNoteLength);
        proof.Property(p => p.PhotoContentType).HasMaxLength(20);
        proof.HasOne<Payment>().WithOne().HasForeignKey<CashProof>(p => p.PaymentId).OnDelete(DeleteBehavior.Restrict);
        proof.HasOne<User>().WithMany().HasForeignKey(p => p.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
        proof.HasOne<User>().WithMany().HasForeignKey(p => p.CheckedByUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentCallbackConfiguration : IEntityTypeConfiguration<PaymentCallback>
{
    public void Configure(EntityTypeBuilder<PaymentCallback> callback)
    {
        callback.ToTable(table =>
        {
            table.HasCheckConstraint("ck_payment_callbacks_provider", EnumNames<PaymentMethod>.CheckIn("provider"));
            table.HasCheckConstraint("ck_payment_callbacks_outcome", EnumNames<CallbackOutcome>.CheckIn("outcome"));
        });
        callback.HasKey(c => c.Id);
        callback.Property(c => c.Id).UseIdentityAlwaysColumn();
        callback.Property(c => c.Provider).HasConversion<EnumNameConverter<PaymentMethod>>().HasMaxLength(EnumNames<PaymentMethod>.MaxLength);
        callback.Property(c => c.Outcome).HasConversion<EnumNameConverter<CallbackOutcome>>().HasMaxLength(EnumNames<CallbackOutcome>.MaxLength);
        callback.Property(c => c.EventId).HasMaxLength(200);
        callback.Property(c => c.ProviderReference).HasMaxLength(Payment.MaxProviderReferenceLength);
        callback.Property(c => c.ReportedStatus).HasMaxLength(50);
        callback.HasOne<Payment>().WithMany().HasForeignKey(c => c.PaymentId).OnDelete(DeleteBehavior.Restrict);
        callback.HasIndex(c => c.PaymentId);
        callback.HasIndex(c => c.ReceivedAt);
    }
}

internal sealed class PaymentMismatchConfiguration : IEntityTypeConfiguration<PaymentMismatch>
{
    public void Configure(EntityTypeBuilder<PaymentMismatch> mismatch)
    {
        mismatch.ToTable(table =>
        {
            table.HasCheckConstraint("ck_payment_mismatches_kind", EnumNames<MismatchKind>.CheckIn("kind"));
            table.HasCheckConstraint("ck_payment_mismatches_provider", EnumNames<PaymentMethod>.CheckIn("provider"));
            table.HasCheckConstraint("ck_payment_mismatches_our_status", EnumNames<PaymentStatus>.CheckIn("our_status"));
            table.HasCheckConstraint("ck_payment_mismatches_resolved", "(resolved_at IS NULL) = (resolved_by_user_id IS NULL) AND (resolved_at IS NULL) = (resolution IS NULL)");
        });
        mismatch.HasKey(m => m.Id);
        mismatch.Property(m => m.Kind).HasConversion<EnumNameConverter<MismatchKind>>().HasMaxLength(EnumNames<MismatchKind>.MaxLength);
        mismatch.Property(m => m.Provider).HasConversion<EnumNameConverter<PaymentMethod>>().HasMaxLength(EnumNames<PaymentMethod>.MaxLength);
        mismatch.Property(m => m.OurStatus).HasConversion<EnumNameConverter<PaymentStatus>>().HasMaxLength(EnumNames<PaymentStatus>.MaxLength);
        mismatch.Property(m => m.ProviderReference).HasMaxLength(Payment.MaxProviderReferenceLength);
        mismatch.Property(m => m.ProviderStatus).HasMaxLength(50);
        mismatch.Property(m => m.Detail).HasMaxLength(PaymentMismatch.MaxDetailLength);
        mismatch.Property(m => m.Resolution).HasMaxLength(PaymentMismatch.MaxDetailLength);
        mismatch.HasOne<Payment>().WithMany().HasForeignKey(m => m.PaymentId).OnDelete(DeleteBehavior.Restrict);
        mismatch.HasOne<User>().WithMany().HasForeignKey(m => m.ResolvedByUserId).OnDelete(DeleteBehavior.Restrict);
        mismatch.HasIndex(m => new { m.DetectedAt, m.Id });
        mismatch.HasIndex(m => m.PaymentId);
        // The open ones, for the report.
        mismatch.HasIndex(m => m.DetectedAt).HasFilter("resolved_at IS NULL");
    }
}
