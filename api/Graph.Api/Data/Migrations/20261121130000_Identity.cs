using System.Net;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// Accounts and sign-in: users and their platform roles, sessions (one per signed-in device) with their refresh tokens,
/// and the login attempts that throttling counts.
/// Written by hand (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261121130000_Identity")]
public sealed class Identity : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "users",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                phone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                display_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                preferred_language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                password_hash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                password_changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_users", x => x.id);
                table.CheckConstraint("ck_users_email_or_phone", "email IS NOT NULL OR phone IS NOT NULL");
                table.CheckConstraint("ck_users_email_lower_case", "email = lower(email)");
                table.CheckConstraint("ck_users_phone_e164", "phone ~ '^\\+[1-9][0-9]{7,14}$'");
                table.CheckConstraint("ck_users_preferred_language", "preferred_language IN ('fr', 'en', 'wo', 'ar')");
            });

        migrationBuilder.CreateTable(
            name: "user_roles",
            columns: table => new
            {
                user_id = table.Column<Guid>(type: "uuid", nullable: false),
                role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role });
                table.ForeignKey("fk_user_roles_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
                table.CheckConstraint("ck_user_roles_role",
                    "role IN ('ADMIN', 'SUPPORT', 'FINANCE', 'AUTHOR', 'READER', 'COOPERATIVE_MANAGER', 'BUYER', 'ANALYST')");
            });

        migrationBuilder.CreateTable(
            name: "sessions",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                user_id = table.Column<Guid>(type: "uuid", nullable: false),
                device = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                ip = table.Column<IPAddress>(type: "inet", nullable: true),
                user_agent = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                last_used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                revoked_reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_sessions", x => x.id);
                table.ForeignKey("fk_sessions_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "refresh_tokens",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                session_id = table.Column<Guid>(type: "uuid", nullable: false),
                token_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                replaced_by_id = table.Column<Guid>(type: "uuid", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_refresh_tokens", x => x.id);
                table.ForeignKey("fk_refresh_tokens_sessions_session_id", x => x.session_id, "sessions", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_refresh_tokens_refresh_tokens_replaced_by_id", x => x.replaced_by_id, "refresh_tokens", "id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "login_attempts",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                account_key = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                ip = table.Column<IPAddress>(type: "inet", nullable: true),
                succeeded = table.Column<bool>(type: "boolean", nullable: false),
                at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_login_attempts", x => x.id));

        migrationBuilder.CreateIndex("ix_users_email", "users", "email", unique: true);
        migrationBuilder.CreateIndex("ix_users_phone", "users", "phone", unique: true);
        migrationBuilder.CreateIndex("ix_sessions_user_id", "sessions", "user_id");
        migrationBuilder.CreateIndex("ix_sessions_revoked_at", "sessions", "revoked_at");
        migrationBuilder.CreateIndex("ix_refresh_tokens_session_id", "refresh_tokens", "session_id");
        migrationBuilder.CreateIndex("ix_refresh_tokens_token_hash", "refresh_tokens", "token_hash", unique: true);
        migrationBuilder.CreateIndex("ix_refresh_tokens_replaced_by_id", "refresh_tokens", "replaced_by_id", unique: true);
        migrationBuilder.CreateIndex("ix_login_attempts_account_key_at", "login_attempts", ["account_key", "at"]);
        migrationBuilder.CreateIndex("ix_login_attempts_ip_at", "login_attempts", ["ip", "at"]);
        migrationBuilder.CreateIndex("ix_login_attempts_at", "login_attempts", "at");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("login_attempts");
        migrationBuilder.DropTable("refresh_tokens");
        migrationBuilder.DropTable("sessions");
        migrationBuilder.DropTable("user_roles");
        migrationBuilder.DropTable("users");
    }
}
