using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const int MaxEntityTypeLength = 100;
    public const int MaxEntityIdLength = 400;

    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.HasKey(e => e.Id);
        // Made with the entry (a UUIDv7 of its time), never by the database.
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.ActorName).HasMaxLength(200);
        entry.Property(e => e.ClientIp).HasMaxLength(64);
        entry.Property(e => e.UserAgent).HasMaxLength(512);
        entry.Property(e => e.Operation).HasMaxLength(300);
        entry.Property(e => e.Action).HasMaxLength(AuditActions.MaxLength);
        entry.Property(e => e.EntityType).HasMaxLength(MaxEntityTypeLength);
        entry.Property(e => e.EntityId).HasMaxLength(MaxEntityIdLength);
        entry.Property(e => e.Changes).HasColumnType("jsonb");
        entry.Property(e => e.RequestId).HasMaxLength(128);

        // The log is read newest first, whole or filtered by actor, action or entity.
        entry.HasIndex(e => new { e.OccurredAt, e.Id });
        entry.HasIndex(e => new { e.ActorUserId, e.OccurredAt });
        entry.HasIndex(e => new { e.Action, e.OccurredAt });
        entry.HasIndex(e => new { e.EntityType, e.OccurredAt });
        entry.HasIndex(e => new { e.EntityId, e.OccurredAt });
    }
}
