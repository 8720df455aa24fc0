using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// Payments: the payments and their status history, the double-entry ledger (postings and entries, append-only, each
/// posting balanced per currency at commit by a constraint trigger), dated FX rates, cash proofs, the providers'
/// callbacks and the mismatches reconciliation finds. The XOF/EUR parity (fixed by treaty: 1 EUR = 655.957 XOF) is
/// seeded as a rate.
/// Written as the SQL the model creates (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261122010000_Payments")]
public sealed class Payments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE fx_rates (
                base character varying(3) NOT NULL,
                quote character varying(3) NOT NULL,
                date date NOT NULL,
                rate numeric(20,10) NOT NULL,
                source character varying(100) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_fx_rates PRIMARY KEY (base, quote, date),
                CONSTRAINT ck_fx_rates_currencies CHECK (base <> quote),
                CONSTRAINT ck_fx_rates_rate CHECK (rate > 0)
            );

            CREATE TABLE payments (
                id uuid NOT NULL,
                purpose character varying(20) NOT NULL,
                method character varying(12) NOT NULL,
                status character varying(9) NOT NULL,
                settlement_currency character varying(3) NOT NULL,
                fx_rate numeric(20,10),
                fx_rate_date date,
                payer_user_id uuid,
                payee_user_id uuid,
                wallet_number character varying(16),
                tontine_id uuid,
                book_id uuid,
                royalty_author_id uuid,
                royalty_rate numeric(5,4),
                refund_of_payment_id uuid,
                description character varying(200) NOT NULL,
                provider_reference character varying(100),
                failure_reason character varying(18),
                failure_message character varying(500),
                idempotency_key character varying(100) NOT NULL,
                request_hash character(64) NOT NULL,
                initiated_by_user_id uuid NOT NULL,
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                expires_at timestamp with time zone NOT NULL,
                settled_at timestamp with time zone,
                reconcile_after timestamp with time zone,
                amount numeric(19,4) NOT NULL,
                currency character varying(3) NOT NULL,
                CONSTRAINT pk_payments PRIMARY KEY (id),
                CONSTRAINT ck_payments_amount CHECK (amount > 0),
                CONSTRAINT ck_payments_failure_reason CHECK (failure_reason IN ('INSUFFICIENT_FUNDS', 'REJECTED', 'INVALID_ACCOUNT', 'LIMIT_EXCEEDED', 'PROVIDER_ERROR', 'CASH_REJECTED')),
                CONSTRAINT ck_payments_fx CHECK ((fx_rate IS NULL) = (settlement_currency = currency) AND (fx_rate IS NULL) = (fx_rate_date IS NULL) AND (fx_rate IS NULL OR fx_rate > 0)),
                CONSTRAINT ck_payments_method CHECK (method IN ('CASH', 'ORANGE_MONEY', 'MTN_MOMO', 'MOOV_MONEY', 'WAVE', 'FREE_MONEY')),
                CONSTRAINT ck_payments_purpose CHECK (purpose IN ('BOOK_PURCHASE', 'SUBSCRIPTION', 'TONTINE_CONTRIBUTION', 'TONTINE_PAYOUT', 'PLANTER_PAYMENT', 'REFUND')),
                CONSTRAINT ck_payments_refund CHECK ((refund_of_payment_id IS NOT NULL) = (purpose = 'REFUND')),
                CONSTRAINT ck_payments_royalty CHECK ((royalty_rate IS NULL) = (royalty_author_id IS NULL) AND (royalty_rate IS NULL OR royalty_rate BETWEEN 0 AND 1)),
                CONSTRAINT ck_payments_settled CHECK ((settled_at IS NOT NULL) = (status IN ('SUCCEEDED', 'REFUNDED'))),
                CONSTRAINT ck_payments_status CHECK (status IN ('INITIATED', 'PENDING', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'CANCELLED', 'REFUNDED')),
                CONSTRAINT ck_payments_tontine CHECK ((tontine_id IS NOT NULL) = (purpose IN ('TONTINE_CONTRIBUTION', 'TONTINE_PAYOUT'))),
                CONSTRAINT ck_payments_wallet CHECK ((wallet_number IS NULL) = (method = 'CASH')),
                CONSTRAINT fk_payments_payments_refund_of_payment_id FOREIGN KEY (refund_of_payment_id) REFERENCES payments (id) ON DELETE RESTRICT,
                CONSTRAINT fk_payments_users_initiated_by_user_id FOREIGN KEY (initiated_by_user_id) REFERENCES users (id) ON DELETE RESTRICT,
                CONSTRAINT fk_payments_users_payee_user_id FOREIGN KEY (payee_user_id) REFERENCES users (id) ON DELETE RESTRICT,
                CONSTRAINT fk_payments_users_payer_user_id FOREIGN KEY (payer_user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE TABLE cash_proofs (
                payment_id uuid NOT NULL,
                reference character varying(100) NOT NULL,
                note character varying(1000),
                photo bytea,
                photo_content_type character varying(20),
                recorded_by_user_id uuid NOT NULL,
                recorded_at timestamp with time zone NOT NULL,
                checked_by_user_id uuid,
                checked_at timestamp with time zone,
                CONSTRAINT pk_cash_proofs PRIMARY KEY (payment_id),
                CONSTRAINT ck_cash_proofs_checker CHECK (checked_by_user_id IS NULL OR checked_by_user_id <> recorded_by_user_id),
                CONSTRAINT ck_cash_proofs_photo CHECK ((photo IS NULL) = (photo_content_type IS NULL)),
                CONSTRAINT fk_cash_proofs_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT,
                CONSTRAINT fk_cash_proofs_users_checked_by_user_id FOREIGN KEY (checked_by_user_id) REFERENCES users (id) ON DELETE RESTRICT,
                CONSTRAINT fk_cash_proofs_users_recorded_by_user_id FOREIGN KEY (recorded_by_user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE TABLE ledger_postings (
                id uuid NOT NULL,
                payment_id uuid NOT NULL,
                kind character varying(10) NOT NULL,
                posted_at timestamp with time zone NOT NULL,
                description character varying(300) NOT NULL,
                CONSTRAINT pk_ledger_postings PRIMARY KEY (id),
                CONSTRAINT ck_ledger_postings_kind CHECK (kind IN ('SETTLEMENT', 'REFUND')),
                CONSTRAINT fk_ledger_postings_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT
            );

            CREATE TABLE payment_callbacks (
                id bigint GENERATED ALWAYS AS IDENTITY,
                provider character varying(12) NOT NULL,
                event_id character varying(200),
                payment_id uuid,
                provider_reference character varying(100),
                reported_status character varying(50) NOT NULL,
                outcome character varying(15) NOT NULL,
                body text NOT NULL,
                received_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_payment_callbacks PRIMARY KEY (id),
                CONSTRAINT ck_payment_callbacks_outcome CHECK (outcome IN ('APPLIED', 'DUPLICATE', 'OUT_OF_ORDER', 'UNKNOWN_PAYMENT', 'CONFLICT')),
                CONSTRAINT ck_payment_callbacks_provider CHECK (provider IN ('CASH', 'ORANGE_MONEY', 'MTN_MOMO', 'MOOV_MONEY', 'WAVE', 'FREE_MONEY')),
                CONSTRAINT fk_payment_callbacks_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT
            );

            CREATE TABLE payment_mismatches (
                id uuid NOT NULL,
                kind character varying(15) NOT NULL,
                payment_id uuid,
                provider character varying(12) NOT NULL,
                provider_reference character varying(100),
                our_status character varying(9),
                provider_status character varying(50) NOT NULL,
                detail character varying(1000) NOT NULL,
                detected_at timestamp with time zone NOT NULL,
                resolved_at timestamp with time zone,
                resolved_by_user_id uuid,
                resolution character varying(1000),
                CONSTRAINT pk_payment_mismatches PRIMARY KEY (id),
                CONSTRAINT ck_payment_mismatches_kind CHECK (kind IN ('UNKNOWN_PAYMENT', 'STATUS_CONFLICT', 'AMOUNT_MISMATCH', 'UNRESOLVED')),
                CONSTRAINT ck_payment_mismatches_our_status CHECK (our_status IN ('INITIATED', 'PENDING', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'CANCELLED', 'REFUNDED')),
                CONSTRAINT ck_payment_mismatches_provider CHECK (provider IN ('CASH', 'ORANGE_MONEY', 'MTN_MOMO', 'MOOV_MONEY', 'WAVE', 'FREE_MONEY')),
                CONSTRAINT ck_payment_mismatches_resolved CHECK ((resolved_at IS NULL) = (resolved_by_user_id IS NULL) AND (resolved_at IS NULL) = (resolution IS NULL)),
                CONSTRAINT fk_payment_mismatches_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT,
                CONSTRAINT fk_payment_mismatches_users_resolved_by_user_id FOREIGN KEY (resolved_by_user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE TABLE payment_status_changes (
                id bigint GENERATED ALWAYS AS IDENTITY,
                payment_id uuid NOT NULL,
                from_status character varying(9),
                to_status character varying(9) NOT NULL,
                source character varying(15) NOT NULL,
                reason character varying(18),
                note character varying(500),
                actor_user_id uuid,
                provider_event_id character varying(200),
                at timestamp with time zone NOT NULL,
                CONSTRAINT pk_payment_status_changes PRIMARY KEY (id),
                CONSTRAINT ck_payment_status_changes_from CHECK (from_status IN ('INITIATED', 'PENDING', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'CANCELLED', 'REFUNDED')),
                CONSTRAINT ck_payment_status_changes_reason CHECK (reason IN ('INSUFFICIENT_FUNDS', 'REJECTED', 'INVALID_ACCOUNT', 'LIMIT_EXCEEDED', 'PROVIDER_ERROR', 'CASH_REJECTED')),
                CONSTRAINT ck_payment_status_changes_source CHECK (source IN ('API', 'CALLBACK', 'RECONCILIATION', 'PROVIDER', 'CASH_VALIDATION')),
                CONSTRAINT ck_payment_status_changes_to CHECK (to_status IN ('INITIATED', 'PENDING', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'CANCELLED', 'REFUNDED')),
                CONSTRAINT fk_payment_status_changes_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT,
                CONSTRAINT fk_payment_status_changes_users_actor_user_id FOREIGN KEY (actor_user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE TABLE ledger_entries (
                id bigint GENERATED ALWAYS AS IDENTITY,
                posting_id uuid NOT NULL,
                account_type character varying(17) NOT NULL,
                account_key character varying(36) NOT NULL,
                currency character varying(3) NOT NULL,
                amount numeric(19,4) NOT NULL,
                fx_rate numeric(20,10),
                fx_rate_date date,
                CONSTRAINT pk_ledger_entries PRIMARY KEY (id),
                CONSTRAINT ck_ledger_entries_account_type CHECK (account_type IN ('PROVIDER_CLEARING', 'PLATFORM_REVENUE', 'ROYALTIES_PAYABLE', 'TONTINE_POT', 'WALLET', 'FX_CONVERSION')),
                CONSTRAINT ck_ledger_entries_amount CHECK (amount <> 0),
                CONSTRAINT ck_ledger_entries_fx CHECK ((fx_rate IS NULL) = (fx_rate_date IS NULL)),
                CONSTRAINT fk_ledger_entries_ledger_postings_posting_id FOREIGN KEY (posting_id) REFERENCES ledger_postings (id) ON DELETE RESTRICT
            );

            CREATE INDEX ix_cash_proofs_checked_by_user_id ON cash_proofs (checked_by_user_id);

            CREATE INDEX ix_cash_proofs_recorded_by_user_id ON cash_proofs (recorded_by_user_id);

            CREATE INDEX ix_ledger_entries_account_type_account_key_currency ON ledger_entries (account_type, account_key, currency);

            CREATE INDEX ix_ledger_entries_posting_id ON ledger_entries (posting_id);

            CREATE UNIQUE INDEX ix_ledger_postings_payment_id_kind ON ledger_postings (payment_id, kind);

            CREATE INDEX ix_ledger_postings_posted_at ON ledger_postings (posted_at);

            CREATE INDEX ix_payment_callbacks_payment_id ON payment_callbacks (payment_id);

            CREATE INDEX ix_payment_callbacks_received_at ON payment_callbacks (received_at);

            CREATE INDEX ix_payment_mismatches_detected_at ON payment_mismatches (detected_at) WHERE resolved_at IS NULL;

            CREATE INDEX ix_payment_mismatches_detected_at_id ON payment_mismatches (detected_at, id);

            CREATE INDEX ix_payment_mismatches_payment_id ON payment_mismatches (payment_id);

            CREATE INDEX ix_payment_mismatches_resolved_by_user_id ON payment_mismatches (resolved_by_user_id);

            CREATE INDEX ix_payment_status_changes_actor_user_id ON payment_status_changes (actor_user_id);

            CREATE UNIQUE INDEX ix_payment_status_changes_payment_id_to_status ON payment_status_changes (payment_id, to_status);

            CREATE INDEX ix_payments_created_at_id ON payments (created_at, id);

            CREATE UNIQUE INDEX ix_payments_initiated_by_user_id_idempotency_key ON payments (initiated_by_user_id, idempotency_key);

            CREATE UNIQUE INDEX ix_payments_method_provider_reference ON payments (method, provider_reference) WHERE provider_reference IS NOT NULL;

            CREATE INDEX ix_payments_payee_user_id ON payments (payee_user_id);

            CREATE INDEX ix_payments_payer_user_id ON payments (payer_user_id);

            CREATE UNIQUE INDEX ix_payments_refund_of_payment_id ON payments (refund_of_payment_id) WHERE refund_of_payment_id IS NOT NULL;

            CREATE INDEX ix_payments_status_updated_at ON payments (status, updated_at) WHERE status IN ('INITIATED', 'PENDING');

            CREATE INDEX ix_payments_tontine_id ON payments (tontine_id);
            """);

        migrationBuilder.Sql("""
            CREATE FUNCTION ledger_append_only() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'The ledger is append-only: % on % is refused; correct it with another posting.', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'restrict_violation';
            END;
            $$;

            CREATE TRIGGER ledger_postings_no_update_or_delete BEFORE UPDATE OR DELETE ON ledger_postings
                FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
            CREATE TRIGGER ledger_postings_no_truncate BEFORE TRUNCATE ON ledger_postings
                FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
            CREATE TRIGGER ledger_entries_no_update_or_delete BEFORE UPDATE OR DELETE ON ledger_entries
                FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
            CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
                FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
            CREATE TRIGGER payment_status_changes_no_update_or_delete BEFORE UPDATE OR DELETE ON payment_status_changes
                FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

            -- Checked at commit, once every entry of the transaction is in: each posting has entries, and they sum to zero
            -- in each currency.
            CREATE FUNCTION ledger_posting_balances() RETURNS trigger
            LANGUAGE plpgsql AS $$
            DECLARE
                posting uuid;
                unbalanced record;
            BEGIN
                IF TG_TABLE_NAME = 'ledger_postings' THEN
                    posting := NEW.id;
                ELSE
                    posting := NEW.posting_id;
                END IF;
                IF (SELECT count(*) FROM ledger_entries WHERE posting_id = posting) < 2 THEN
                    RAISE EXCEPTION 'Ledger posting % has fewer than two entries.', posting USING ERRCODE = 'check_violation';
                END IF;
                SELECT currency, sum(amount) AS total INTO unbalanced
                FROM ledger_entries WHERE posting_id = posting
                GROUP BY currency HAVING sum(amount) <> 0 LIMIT 1;
                IF FOUND THEN
                    RAISE EXCEPTION 'Ledger posting % does not balance in %: its entries sum to %.', posting, unbalanced.currency, unbalanced.total
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NULL;
            END;
            $$;

            CREATE CONSTRAINT TRIGGER ledger_postings_balance AFTER INSERT ON ledger_postings
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_posting_balances();
            CREATE CONSTRAINT TRIGGER ledger_entries_balance AFTER INSERT ON ledger_entries
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_posting_balances();

            INSERT INTO fx_rates (base, quote, date, rate, source, created_at)
            VALUES ('EUR', 'XOF', DATE '1999-01-01', 655.957, 'BCEAO fixed parity', TIMESTAMPTZ '1999-01-01 00:00:00+00');
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE ledger_entries, ledger_postings, payment_status_changes, payment_callbacks, payment_mismatches, cash_proofs, payments, fx_rates;
            DROP FUNCTION ledger_posting_balances();
            DROP FUNCTION ledger_append_only();
            """);
    }
}
