using System.Text.Json;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// Notifications: the users' in-app inboxes, the outbox of SMS, email and push messages (drained by the dispatcher in
/// priority order), the users' preferences per category, and their push devices.
/// Written by hand (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261121160000_Notifications")]
public sealed class Notifications : Migration
{
    private const string Categories = "'ACCOUNT', 'PAYMENTS', 'TONTINES', 'DELIVERIES', 'CATALOG', 'ENERGY', 'LEARNING', 'ANNOUNCEMENTS'";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "notifications",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                user_id = table.Column<Guid>(type: "uuid", nullable: false),
                category = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                priority = table.Column<short>(type: "smallint", nullable: false),
                template = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                data = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                read_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_notifications", x => x.id);
                table.ForeignKey("fk_notifications_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("ck_notifications_category", $"category IN ({Categories})");
                table.CheckConstraint("ck_notifications_priority", "priority BETWEEN 0 AND 3");
            });
        migrationBuilder.CreateIndex("ix_notifications_user_id_read_at_created_at", "notifications", ["user_id", "read_at", "created_at"],
            descending: [false, true, true]);

        migrationBuilder.CreateTable(
            name: "notification_outbox",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                user_id = table.Column<Guid>(type: "uuid", nullable: true),
                channel = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                priority = table.Column<short>(type: "smallint", nullable: false),
                category = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                template = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                recipient = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                parameters = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                secret_parameters = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                status = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                attempts = table.Column<int>(type: "integer", nullable: false),
                max_attempts = table.Column<int>(type: "integer", nullable: false),
                next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                last_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                provider_message_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_notification_outbox", x => x.id);
                table.ForeignKey("fk_notification_outbox_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.SetNull);
                table.CheckConstraint("ck_notification_outbox_channel", "channel IN ('SMS', 'EMAIL', 'PUSH')");
                table.CheckConstraint("ck_notification_outbox_category", $"category IN ({Categories})");
                table.CheckConstraint("ck_notification_outbox_status", "status IN ('PENDING', 'SENT', 'FAILED', 'DEAD')");
                table.CheckConstraint("ck_notification_outbox_priority", "priority BETWEEN 0 AND 3");
                table.CheckConstraint("ck_notification_outbox_attempts", "attempts >= 0 AND max_attempts >= 1");
            });
        migrationBuilder.CreateIndex("ix_notification_outbox_priority_next_attempt_at", "notification_outbox", ["priority", "next_attempt_at"],
            filter: "status IN ('PENDING', 'FAILED')");
        migrationBuilder.CreateIndex("ix_notification_outbox_status_priority", "notification_outbox", ["status", "priority"]);
        migrationBuilder.CreateIndex("ix_notification_outbox_created_at_id", "notification_outbox", ["created_at", "id"]);
        migrationBuilder.CreateIndex("ix_notification_outbox_user_id", "notification_outbox", "user_id");

        migrationBuilder.CreateTable(
            name: "notification_preferences",
            columns: table => new
            {
                user_id = table.Column<Guid>(type: "uuid", nullable: false),
                category = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                in_app = table.Column<bool>(type: "boolean", nullable: false),
                channels = table.Column<string[]>(type: "text[]", nullable: false),
                quiet_hours_start = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                quiet_hours_end = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_notification_preferences", x => new { x.user_id, x.category });
                table.ForeignKey("fk_notification_preferences_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("ck_notification_preferences_category", $"category IN ({Categories})");
                table.CheckConstraint("ck_notification_preferences_quiet_hours",
                    "(quiet_hours_start IS NULL) = (quiet_hours_end IS NULL) AND (quiet_hours_start IS NULL) = (time_zone IS NULL)");
            });

        migrationBuilder.CreateTable(
            name: "push_devices",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                user_id = table.Column<Guid>(type: "uuid", nullable: false),
                token = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                platform = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                registered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                last_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_push_devices", x => x.id);
                table.ForeignKey("fk_push_devices_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("ck_push_devices_platform", "platform IN ('ANDROID', 'IOS', 'WEB')");
            });
        migrationBuilder.CreateIndex("ix_push_devices_token", "push_devices", "token", unique: true);
        migrationBuilder.CreateIndex("ix_push_devices_user_id", "push_devices", "user_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("push_devices");
        migrationBuilder.DropTable("notification_preferences");
        migrationBuilder.DropTable("notification_outbox");
        migrationBuilder.DropTable("notifications");
    }
}
