using System.Text.Json;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// The audit log: one append-only table of entries. A trigger refuses every UPDATE, DELETE and TRUNCATE of it, so that
/// not even the application's own role can rewrite history.
/// Written by hand (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261121140000_Audit")]
public sealed class Audit : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "audit_entries",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                actor_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                client_ip = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                user_agent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                operation = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                entity_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                entity_id = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                changes = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                request_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_audit_entries", x => x.id));

        migrationBuilder.CreateIndex("ix_audit_entries_occurred_at_id", "audit_entries", ["occurred_at", "id"]);
        migrationBuilder.CreateIndex("ix_audit_entries_actor_user_id_occurred_at", "audit_entries", ["actor_user_id", "occurred_at"]);
        migrationBuilder.CreateIndex("ix_audit_entries_action_occurred_at", "audit_entries", ["action", "occurred_at"]);
        migrationBuilder.CreateIndex("ix_audit_entries_entity_type_occurred_at", "audit_entries", ["entity_type", "occurred_at"]);
        migrationBuilder.CreateIndex("ix_audit_entries_entity_id_occurred_at", "audit_entries", ["entity_id", "occurred_at"]);

        migrationBuilder.Sql("""
            CREATE FUNCTION audit_entries_append_only() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'The audit log is append-only: % on audit_entries is refused.', TG_OP
                    USING ERRCODE = 'restrict_violation';
            END;
            $$;

            CREATE TRIGGER audit_entries_no_update_or_delete
                BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();

            CREATE TRIGGER audit_entries_no_truncate
                BEFORE TRUNCATE ON audit_entries
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("audit_entries");
        migrationBuilder.Sql("DROP FUNCTION audit_entries_append_only();");
    }
}
