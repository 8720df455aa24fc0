using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// Tontines and their members: who belongs to which tontine with which role (MEMBER, PRESIDENT, TREASURER).
/// Written by hand (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261121150000_Tontines")]
public sealed class Tontines : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "tontines",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_tontines", x => x.id));

        migrationBuilder.CreateTable(
            name: "tontine_members",
            columns: table => new
            {
                tontine_id = table.Column<Guid>(type: "uuid", nullable: false),
                user_id = table.Column<Guid>(type: "uuid", nullable: false),
                role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                joined_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_tontine_members", x => new { x.tontine_id, x.user_id });
                table.ForeignKey("fk_tontine_members_tontines_tontine_id", x => x.tontine_id, "tontines", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_tontine_members_users_user_id", x => x.user_id, "users", "id", onDelete: ReferentialAction.Restrict);
                table.CheckConstraint("ck_tontine_members_role", "role IN ('MEMBER', 'PRESIDENT', 'TREASURER')");
            });

        migrationBuilder.CreateIndex("ix_tontine_members_user_id", "tontine_members", "user_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("tontine_members");
        migrationBuilder.DropTable("tontines");
    }
}
