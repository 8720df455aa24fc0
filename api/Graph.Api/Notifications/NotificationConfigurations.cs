using Graph.Api.Data;
using Graph.Api.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Graph.Api.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.ToTable(table =>
        {
            table.HasCheckConstraint("ck_notifications_category", EnumNames<NotificationCategory>.CheckIn("category"));
            table.HasCheckConstraint("ck_notifications_priority", "priority BETWEEN 0 AND 3");
        });
        notification.HasKey(n => n.Id);
        notification.Property(n => n.Category).HasConversion<EnumNameConverter<NotificationCategory>>().HasMaxLength(EnumNames<NotificationCategory>.MaxLength);
        // Stored as its rank (0 URGENT .. 3 LOW), so that "most urgent first" is an index order.
        notification.Property(n => n.Priority).HasConversion<short>();
        notification.Property(n => n.Template).HasMaxLength(OutboxMessage.MaxTemplateLength);
        notification.Property(n => n.Title).HasMaxLength(Notification.MaxTitleLength);
        notification.Property(n => n.Body).HasMaxLength(Notification.MaxBodyLength);
        notification.Property(n => n.Data).HasColumnType("jsonb");
        notification.Ignore(n => n.IsRead);
        notification.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        // A user's inbox: unread first (NULL read_at sorts first descending), newest first.
        notification.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt }).IsDescending(false, true, true);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("notification_outbox", table =>
        {
            table.HasCheckConstraint("ck_notification_outbox_channel", EnumNames<NotificationChannel>.CheckIn("channel"));
            table.HasCheckConstraint("ck_notification_outbox_category", EnumNames<NotificationCategory>.CheckIn("category"));
            table.HasCheckConstraint("ck_notification_outbox_status", EnumNames<OutboxStatus>.CheckIn("status"));
            table.HasCheckConstraint("ck_notification_outbox_priority", "priority BETWEEN 0 AND 3");
            table.HasCheckConstraint("ck_notification_outbox_attempts", "attempts >= 0 AND max_attempts >= 1");
        });
        message.HasKey(m => m.Id);
        message.Property(m => m.Channel).HasConversion<EnumNameConverter<NotificationChannel>>().HasMaxLength(EnumNames<NotificationChannel>.MaxLength);
        message.Property(m => m.Category).HasConversion<EnumNameConverter<NotificationCategory>>().HasMaxLength(EnumNames<NotificationCategory>.MaxLength);
        message.Property(m => m.Status).HasConversion<EnumNameConverter<OutboxStatus>>().HasMaxLength(EnumNames<OutboxStatus>.MaxLength);
        message.Property(m => m.Priority).HasConversion<short>();
        message.Property(m => m.Template).HasMaxLength(OutboxMessage.MaxTemplateLength);
        message.Property(m => m.Language).HasMaxLength(2);
        message.Property(m => m.Recipient).HasMaxLength(OutboxMessage.MaxRecipientLength);
        message.Property(m => m.Parameters).HasColumnType("jsonb");
        message.Property(m => m.SecretParameters).HasColumnType("jsonb");
        message.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        message.Property(m => m.ProviderMessageId).HasMaxLength(200);
        // A deleted account's messages stay, for the record, without their account.
        message.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.SetNull);
        // The dispatcher's claim: due messages of one priority, oldest due first. Only waiting messages are indexed.
        message.HasIndex(m => new { m.Priority, m.NextAttemptAt })
            .HasFilter("status IN ('PENDING', 'FAILED')");
        message.HasIndex(m => new { m.Status, m.Priority });
        message.HasIndex(m => new { m.CreatedAt, m.Id });
        message.HasIndex(m => m.UserId);
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> preference)
    {
        preference.ToTable(table =>
        {
            table.HasCheckConstraint("ck_notification_preferences_category", EnumNames<NotificationCategory>.CheckIn("category"));
            table.HasCheckConstraint("ck_notification_preferences_quiet_hours",
                "(quiet_hours_start IS NULL) = (quiet_hours_end IS NULL) AND (quiet_hours_start IS NULL) = (time_zone IS NULL)");
        });
        preference.HasKey(p => new { p.UserId, p.Category });
        preference.Property(p => p.Category).HasConversion<EnumNameConverter<NotificationCategory>>().HasMaxLength(EnumNames<NotificationCategory>.MaxLength);
        preference.Property(p => p.Channels)
            .HasConversion(
                new ValueConverter<List<NotificationChannel>, string[]>(
                    v => v.Select(EnumNames<NotificationChannel>.ToName).ToArray(),
                    v => v.Select(EnumNames<NotificationChannel>.Parse).ToList()),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<NotificationChannel>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, c) => HashCode.Combine(h, c)),
                    v => v.ToList()))
            .HasColumnType("text[]");
        preference.Property(p => p.TimeZone).HasMaxLength(NotificationPreference.MaxTimeZoneLength);
        preference.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PushDeviceConfiguration : IEntityTypeConfiguration<PushDevice>
{
    public void Configure(EntityTypeBuilder<PushDevice> device)
    {
        device.ToTable(table => table.HasCheckConstraint("ck_push_devices_platform", EnumNames<PushPlatform>.CheckIn("platform")));
        device.HasKey(d => d.Id);
        device.Property(d => d.Token).HasMaxLength(PushDevice.MaxTokenLength);
        device.Property(d => d.Platform).HasConversion<EnumNameConverter<PushPlatform>>().HasMaxLength(EnumNames<PushPlatform>.MaxLength);
        // A token belongs to one device, so to the account that registered it last.
        device.HasIndex(d => d.Token).IsUnique();
        device.HasIndex(d => d.UserId);
        device.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
