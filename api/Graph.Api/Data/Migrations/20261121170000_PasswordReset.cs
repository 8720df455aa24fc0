using System.Net;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// Password reset: the codes sent through the outbox (their SHA-256 only), and the requests and code attempts that
/// throttling counts.
/// Written by hand (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261121170000_PasswordReset")]
public sealed class PasswordReset : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "password_reset_codes",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                user_id = table.Column<Guid>(type: "uuid", nullable: false),
                code_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                voided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_password_reset_codes", x => x.id);
                table.ForeignKey("fk_password_reset_codes_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_password_reset_codes_code_hash", "password_reset_codes", "code_hash");
        migrationBuilder.CreateIndex("ix_password_reset_codes_user_id", "password_reset_codes", "user_id");

        migrationBuilder.CreateTable(
            name: "password_reset_requests",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                account_key = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                ip = table.Column<IPAddress>(type: "inet", nullable: true),
                code_sent = table.Column<bool>(type: "boolean", nullable: false),
                at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_password_reset_requests", x => x.id));
        migrationBuilder.CreateIndex("ix_password_reset_requests_account_key_at", "password_reset_requests", ["account_key", "at"]);
        migrationBuilder.CreateIndex("ix_password_reset_requests_ip_at", "password_reset_requests", ["ip", "at"]);

        migrationBuilder.CreateTable(
            name: "password_reset_attempts",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                ip = table.Column<IPAddress>(type: "inet", nullable: true),
                succeeded = table.Column<bool>(type: "boolean", nullable: false),
                at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_password_reset_attempts", x => x.id));
        migrationBuilder.CreateIndex("ix_password_reset_attempts_ip_at", "password_reset_attempts", ["ip", "at"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("password_reset_attempts");
        migrationBuilder.DropTable("password_reset_requests");
        migrationBuilder.DropTable("password_reset_codes");
    }
}
