using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Graph.Api.Tontines;

internal sealed class TontineConfiguration : IEntityTypeConfiguration<Tontine>
{
    /// <summary>The longest name, in characters (the column's length).</summary>
    public const int MaxNameLength = 200;

    public void Configure(EntityTypeBuilder<Tontine> tontine)
    {
        tontine.ToTable(table =>
        {
            table.HasCheckConstraint("ck_tontines_type", EnumNames<TontineType>.CheckIn("type"));
            table.HasCheckConstraint("ck_tontines_frequency", EnumNames<TontineFrequency>.CheckIn("frequency"));
            table.HasCheckConstraint("ck_tontines_status", EnumNames<TontineStatus>.CheckIn("status"));
            table.HasCheckConstraint("ck_tontines_penalty_mode", EnumNames<LatePenaltyMode>.CheckIn("penalty_mode"));
            table.HasCheckConstraint("ck_tontines_payout_order", EnumNames<PayoutOrderMethod>.CheckIn("payout_order"));
            table.HasCheckConstraint("ck_tontines_contribution", "contribution_amount > 0");
            table.HasCheckConstraint("ck_tontines_member_limit", $"member_limit BETWEEN {TontineRules.MinMembers} AND {TontineRules.MaxMembers}");
            table.HasCheckConstraint("ck_tontines_grace_days", $"grace_days BETWEEN 0 AND {TontineRules.MaxGraceDays}");
            table.HasCheckConstraint("ck_tontines_penalty", "penalty_rate >= 0 AND (penalty_cap IS NULL OR penalty_cap >= 0) AND (penalty_mode <> 'NONE' OR (penalty_rate = 0 AND penalty_cap IS NULL))");
            table.HasCheckConstraint("ck_tontines_savings_percent", "(type = 'MIXED') = (savings_percent IS NOT NULL) AND (savings_percent IS NULL OR savings_percent BETWEEN 1 AND 99)");
            table.HasCheckConstraint("ck_tontines_session_count", $"(type = 'CUMULATIVE' OR session_count IS NULL) AND (session_count IS NULL OR session_count BETWEEN 1 AND {TontineRules.MaxSessionCount})");
        });
        tontine.HasKey(t => t.Id);
        tontine.Property(t => t.Type).HasConversion<EnumNameConverter<TontineType>>().HasMaxLength(EnumNames<TontineType>.MaxLength);
        tontine.Property(t => t.Frequency).HasConversion<EnumNameConverter<TontineFrequency>>().HasMaxLength(EnumNames<TontineFrequency>.MaxLength);
        tontine.Property(t => t.Status).HasConversion<EnumNameConverter<TontineStatus>>().HasMaxLength(EnumNames<TontineStatus>.MaxLength);
        tontine.Property(t => t.PenaltyMode).HasConversion<EnumNameConverter<LatePenaltyMode>>().HasMaxLength(EnumNames<LatePenaltyMode>.MaxLength);
        tontine.Property(t => t.PayoutOrder).HasConversion<EnumNameConverter<PayoutOrderMethod>>().HasMaxLength(EnumNames<PayoutOrderMethod>.MaxLength);
        tontine.ComplexProperty(t => t.Contribution, money =>
        {
            money.Property(m => m.Amount).HasColumnName("contribution_amount").HasPrecision(19, 4);
            money.Property(m => m.Currency).HasColumnName("contribution_currency").HasConversion<string>().HasMaxLength(3);
        });
        tontine.Property(t => t.JoinCode).HasMaxLength(TontineJoinCodes.Length);
        tontine.HasIndex(t => t.JoinCode).IsUnique();
        tontine.Property(t => t.PenaltyRate).HasPrecision(19, 4);
        tontine.Property(t => t.PenaltyCap).HasPrecision(19, 4);
        tontine.Property(t => t.DrawSeed).HasMaxLength(64);
        // The reminder job's scan: active tontines.
        tontine.HasIndex(t => t.Status);
        // A UUIDv7 made by Npgsql when the tontine is added, as for authors and books.
        tontine.Property(t => t.Id).ValueGeneratedOnAdd();
        tontine.Property(t => t.Name).HasMaxLength(MaxNameLength);
        tontine.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TontineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TontineMemberConfiguration : IEntityTypeConfiguration<TontineMember>
{
    /// <summary>The longest role name (<c>TREASURER</c>), for the column's length.</summary>
    public const int MaxRoleLength = 16;

    public void Configure(EntityTypeBuilder<TontineMember> member)
    {
        member.ToTable(table => table.HasCheckConstraint("ck_tontine_members_role",
            $"role IN ({string.Join(", ", Enum.GetValues<TontineRole>().Select(r => $"'{TontineRoles.ToName(r)}'"))})"));
        member.HasKey(m => new { m.TontineId, m.UserId });
        // The GraphQL enum's names (MEMBER, PRESIDENT, TREASURER), as platform roles are stored.
        member.Property(m => m.Role)
            .HasConversion(new ValueConverter<TontineRole, string>(r => TontineRoles.ToName(r), n => TontineRoles.Parse(n)))
            .HasMaxLength(MaxRoleLength);
        // A user's account outlives none of its memberships: deleting a member's account is refused.
        member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        // "The tontines of this user": the row rule of every tontine query.
        member.HasIndex(m => m.UserId);
    }
}

internal sealed class TontineSessionConfiguration : IEntityTypeConfiguration<TontineSession>
{
    public void Configure(EntityTypeBuilder<TontineSession> session)
    {
        session.ToTable(table =>
        {
            table.HasCheckConstraint("ck_tontine_sessions_status", EnumNames<TontineSessionStatus>.CheckIn("status"));
            table.HasCheckConstraint("ck_tontine_sessions_number", "number >= 1");
        });
        session.HasKey(s => s.Id);
        session.Property(s => s.Status).HasConversion<EnumNameConverter<TontineSessionStatus>>().HasMaxLength(EnumNames<TontineSessionStatus>.MaxLength);
        session.HasOne<Tontine>().WithMany().HasForeignKey(s => s.TontineId).OnDelete(DeleteBehavior.Restrict);
        session.HasIndex(s => new { s.TontineId, s.Number }).IsUnique();
        // The reminder job's scan: sessions by due date.
        session.HasIndex(s => s.DueDate);
    }
}

internal sealed class TontineContributionConfiguration : IEntityTypeConfiguration<TontineContribution>
{
    public void Configure(EntityTypeBuilder<TontineContribution> contribution)
    {
        contribution.ToTable(table =>
        {
            table.HasCheckConstraint("ck_tontine_contributions_amounts", "expected > 0 AND received >= 0 AND received <= expected AND penalty_paid >= 0");
            table.HasCheckConstraint("ck_tontine_contributions_waiver", "(penalty_waived_at IS NULL) = (penalty_waived_by_user_id IS NULL) AND (penalty_waived_at IS NULL) = (penalty_waiver_reason IS NULL)");
            table.HasCheckConstraint("ck_tontine_contributions_paid", "(paid_at IS NULL) = (received < expected)");
        });
        contribution.HasKey(c => new { c.SessionId, c.UserId });
        contribution.Property(c => c.Expected).HasPrecision(19, 4);
        contribution.Property(c => c.Received).HasPrecision(19, 4);
        contribution.Property(c => c.PenaltyPaid).HasPrecision(19, 4);
        contribution.Property(c => c.PenaltyWaiverReason).HasMaxLength(500);
        contribution.HasOne<TontineSession>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Restrict);
        contribution.HasOne<Tontine>().WithMany().HasForeignKey(c => c.TontineId).OnDelete(DeleteBehavior.Restrict);
        contribution.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
        contribution.HasOne<User>().WithMany().HasForeignKey(c => c.PenaltyWaivedByUserId).OnDelete(DeleteBehavior.Restrict);
        // A member's contributions in a tontine (what they owe, whether they may leave).
        contribution.HasIndex(c => new { c.TontineId, c.UserId });
        contribution.HasIndex(c => c.UserId);
        contribution.HasIndex(c => c.PenaltyWaivedByUserId);
    }
}

internal sealed class ContributionPaymentConfiguration : IEntityTypeConfiguration<ContributionPayment>
{
    public void Configure(EntityTypeBuilder<ContributionPayment> payment)
    {
        payment.ToTable(table => table.HasCheckConstraint("ck_contribution_payments_amounts", "amount >= 0 AND penalty >= 0 AND amount + penalty > 0"));
        payment.HasKey(p => p.Id);
        payment.Property(p => p.Amount).HasPrecision(19, 4);
        payment.Property(p => p.Penalty).HasPrecision(19, 4);
        payment.HasOne<TontineContribution>().WithMany().HasForeignKey(p => new { p.SessionId, p.UserId }).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<Tontine>().WithMany().HasForeignKey(p => p.TontineId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<Payment>().WithMany().HasForeignKey(p => p.PaymentId).OnDelete(DeleteBehavior.Restrict);
        payment.HasIndex(p => p.PaymentId).IsUnique();
        payment.HasIndex(p => new { p.SessionId, p.UserId });
        payment.HasIndex(p => p.TontineId);
    }
}

internal sealed class TontinePassageConfiguration : IEntityTypeConfiguration<TontinePassage>
{
    public void Configure(EntityTypeBuilder<TontinePassage> passage)
    {
        passage.ToTable(table =>
        {
            table.HasCheckConstraint("ck_tontine_passages_kind", EnumNames<PassageKind>.CheckIn("kind"));
            table.HasCheckConstraint("ck_tontine_passages_status", EnumNames<PassageStatus>.CheckIn("status"));
            table.HasCheckConstraint("ck_tontine_passages_position", "position >= 1");
            table.HasCheckConstraint("ck_tontine_passages_amount", "amount IS NULL OR amount >= 0");
            table.HasCheckConstraint("ck_tontine_passages_progress",
                "(status = 'SCHEDULED') = (started_at IS NULL) AND (status IN ('PAID', 'CONFIRMED')) = (paid_at IS NOT NULL) AND (status = 'CONFIRMED') = (confirmed_at IS NOT NULL) AND (status = 'SCHEDULED' OR amount IS NOT NULL)");
        });
        passage.HasKey(p => p.Id);
        passage.Property(p => p.Kind).HasConversion<EnumNameConverter<PassageKind>>().HasMaxLength(EnumNames<PassageKind>.MaxLength);
        passage.Property(p => p.Status).HasConversion<EnumNameConverter<PassageStatus>>().HasMaxLength(EnumNames<PassageStatus>.MaxLength);
        passage.Property(p => p.Amount).HasPrecision(19, 4);
        passage.HasOne<Tontine>().WithMany().HasForeignKey(p => p.TontineId).OnDelete(DeleteBehavior.Restrict);
        passage.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        passage.HasOne<TontineSession>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Restrict);
        passage.HasOne<Payment>().WithMany().HasForeignKey(p => p.PaymentId).OnDelete(DeleteBehavior.Restrict);
        // Each member receives once per kind (one cycle per tontine), and each place in the order is one member's.
        passage.HasIndex(p => new { p.TontineId, p.Kind, p.UserId }).IsUnique();
        passage.HasIndex(p => new { p.TontineId, p.Kind, p.Position }).IsUnique();
        passage.HasIndex(p => p.SessionId).IsUnique();
        passage.HasIndex(p => p.PaymentId).IsUnique();
        passage.HasIndex(p => p.UserId);
    }
}

internal sealed class TontineInvitationConfiguration : IEntityTypeConfiguration<TontineInvitation>
{
    public void Configure(EntityTypeBuilder<TontineInvitation> invitation)
    {
        invitation.ToTable(table =>
        {
            table.HasCheckConstraint("ck_tontine_invitations_status", EnumNames<TontineInvitationStatus>.CheckIn("status"));
            table.HasCheckConstraint("ck_tontine_invitations_role",
                $"role IN ({string.Join(", ", Enum.GetValues<TontineRole>().Select(r => $"'{TontineRoles.ToName(r)}'"))})");
            table.HasCheckConstraint("ck_tontine_invitations_responded", "(status = 'PENDING') = (responded_at IS NULL)");
        });
        invitation.HasKey(i => i.Id);
        invitation.Property(i => i.Status).HasConversion<EnumNameConverter<TontineInvitationStatus>>().HasMaxLength(EnumNames<TontineInvitationStatus>.MaxLength);
        invitation.Property(i => i.Role)
            .HasConversion(new ValueConverter<TontineRole, string>(r => TontineRoles.ToName(r), n => TontineRoles.Parse(n)))
            .HasMaxLength(TontineMemberConfiguration.MaxRoleLength);
        invitation.HasOne<Tontine>().WithMany().HasForeignKey(i => i.TontineId).OnDelete(DeleteBehavior.Cascade);
        invitation.HasOne<User>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Restrict);
        invitation.HasOne<User>().WithMany().HasForeignKey(i => i.InvitedByUserId).OnDelete(DeleteBehavior.Restrict);
        // One pending invitation per person and tontine.
        invitation.HasIndex(i => new { i.TontineId, i.UserId }).IsUnique().HasFilter("status = 'PENDING'");
        invitation.HasIndex(i => i.UserId);
        invitation.HasIndex(i => i.InvitedByUserId);
    }
}

internal sealed class TontineReminderConfiguration : IEntityTypeConfiguration<TontineReminder>
{
    public void Configure(EntityTypeBuilder<TontineReminder> reminder)
    {
        reminder.HasKey(r => r.Id);
        reminder.HasOne<TontineContribution>().WithMany().HasForeignKey(r => new { r.SessionId, r.UserId }).OnDelete(DeleteBehavior.Restrict);
        reminder.HasOne<User>().WithMany().HasForeignKey(r => r.SentByUserId).OnDelete(DeleteBehavior.Restrict);
        // The reminder job sends one reminder per member and session: the index makes a second one fail.
        reminder.HasIndex(r => new { r.SessionId, r.UserId }).IsUnique().HasFilter("sent_by_user_id IS NULL");
        reminder.HasIndex(r => r.SentByUserId);
    }
}
