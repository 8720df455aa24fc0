using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// Royalties (Coko): an author's own account (authors.user_id, one author per account), the royalty rules of books
/// (append-only: a new rule supersedes, none is changed or removed), and ROYALTY_PAYOUT payments (which name their author
/// and no rate).
/// Written as the SQL the model creates (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261122130000_Royalties")]
public sealed class Royalties : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE authors ADD user_id uuid;
            ALTER TABLE authors ADD CONSTRAINT fk_authors_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT;
            CREATE UNIQUE INDEX ix_authors_user_id ON authors (user_id);

            CREATE TABLE royalty_rules (
                id uuid NOT NULL,
                book_id uuid NOT NULL,
                revision integer NOT NULL,
                rate numeric(5,4) NOT NULL,
                tier_from_copy integer,
                tier_rate numeric(5,4),
                valid_from date NOT NULL,
                created_at timestamp with time zone NOT NULL,
                created_by_user_id uuid NOT NULL,
                CONSTRAINT pk_royalty_rules PRIMARY KEY (id),
                CONSTRAINT ck_royalty_rules_rate CHECK (rate BETWEEN 0 AND 1),
                CONSTRAINT ck_royalty_rules_revision CHECK (revision >= 1),
                CONSTRAINT ck_royalty_rules_tier CHECK ((tier_from_copy IS NULL) = (tier_rate IS NULL) AND (tier_from_copy IS NULL OR tier_from_copy >= 2) AND (tier_rate IS NULL OR tier_rate BETWEEN 0 AND 1)),
                CONSTRAINT fk_royalty_rules_books_book_id FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE RESTRICT,
                CONSTRAINT fk_royalty_rules_users_created_by_user_id FOREIGN KEY (created_by_user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE UNIQUE INDEX ix_royalty_rules_book_id_revision ON royalty_rules (book_id, revision);

            CREATE INDEX ix_royalty_rules_book_id_valid_from ON royalty_rules (book_id, valid_from);

            CREATE INDEX ix_royalty_rules_created_by_user_id ON royalty_rules (created_by_user_id);

            ALTER TABLE payments DROP CONSTRAINT ck_payments_purpose;
            ALTER TABLE payments ADD CONSTRAINT ck_payments_purpose CHECK (purpose IN ('BOOK_PURCHASE', 'SUBSCRIPTION', 'TONTINE_CONTRIBUTION', 'TONTINE_PAYOUT', 'PLANTER_PAYMENT', 'REFUND', 'ROYALTY_PAYOUT'));
            ALTER TABLE payments DROP CONSTRAINT ck_payments_royalty;
            ALTER TABLE payments ADD CONSTRAINT ck_payments_royalty CHECK (CASE WHEN purpose = 'ROYALTY_PAYOUT' THEN royalty_author_id IS NOT NULL AND royalty_rate IS NULL ELSE (royalty_rate IS NULL) = (royalty_author_id IS NULL) END AND (royalty_rate IS NULL OR royalty_rate BETWEEN 0 AND 1));
            """);

        migrationBuilder.Sql("""
            CREATE FUNCTION royalty_rules_append_only() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'Royalty rules are never changed: % on % is refused; set a new rule, which supersedes.', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'restrict_violation';
            END;
            $$;

            CREATE TRIGGER royalty_rules_no_update_or_delete BEFORE UPDATE OR DELETE ON royalty_rules
                FOR EACH ROW EXECUTE FUNCTION royalty_rules_append_only();
            CREATE TRIGGER royalty_rules_no_truncate BEFORE TRUNCATE ON royalty_rules
                FOR EACH STATEMENT EXECUTE FUNCTION royalty_rules_append_only();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE payments DROP CONSTRAINT ck_payments_royalty;
            ALTER TABLE payments ADD CONSTRAINT ck_payments_royalty CHECK ((royalty_rate IS NULL) = (royalty_author_id IS NULL) AND (royalty_rate IS NULL OR royalty_rate BETWEEN 0 AND 1));
            ALTER TABLE payments DROP CONSTRAINT ck_payments_purpose;
            ALTER TABLE payments ADD CONSTRAINT ck_payments_purpose CHECK (purpose IN ('BOOK_PURCHASE', 'SUBSCRIPTION', 'TONTINE_CONTRIBUTION', 'TONTINE_PAYOUT', 'PLANTER_PAYMENT', 'REFUND'));
            DROP TABLE royalty_rules;
            DROP FUNCTION royalty_rules_append_only();
            DROP INDEX ix_authors_user_id;
            ALTER TABLE authors DROP COLUMN user_id;
            """);
    }
}
