using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// Billing: the tax included in a payment (and the TAX_PAYABLE ledger account it is credited to), ebook ownerships,
/// subscription plans (a few seeded) and readers' subscriptions, and invoices with their lines and per-(kind, year)
/// counters. Invoices and their lines are immutable once written: triggers refuse UPDATE, DELETE and TRUNCATE.
/// Written as the SQL the model creates (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261122120000_Billing")]
public sealed class Billing : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE payments ADD COLUMN tax_amount numeric(19,4);
            ALTER TABLE payments ADD COLUMN tax_rate numeric(5,4);
            ALTER TABLE payments ADD CONSTRAINT ck_payments_tax CHECK ((tax_amount IS NULL) = (tax_rate IS NULL) AND (tax_amount IS NULL OR (tax_amount >= 0 AND tax_amount < amount)) AND (tax_rate IS NULL OR tax_rate BETWEEN 0 AND 1));

            ALTER TABLE ledger_entries DROP CONSTRAINT ck_ledger_entries_account_type;
            ALTER TABLE ledger_entries ADD CONSTRAINT ck_ledger_entries_account_type CHECK (account_type IN ('PROVIDER_CLEARING', 'PLATFORM_REVENUE', 'ROYALTIES_PAYABLE', 'TONTINE_POT', 'WALLET', 'FX_CONVERSION', 'TAX_PAYABLE'));

            CREATE TABLE invoice_counters (
                kind character varying(11) NOT NULL,
                year integer NOT NULL,
                last_number integer NOT NULL,
                CONSTRAINT pk_invoice_counters PRIMARY KEY (kind, year),
                CONSTRAINT ck_invoice_counters_kind CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
                CONSTRAINT ck_invoice_counters_last_number CHECK (last_number > 0)
            );

            CREATE TABLE subscription_plans (
                id uuid NOT NULL,
                code character varying(40) NOT NULL,
                name_fr character varying(100) NOT NULL,
                name_en character varying(100) NOT NULL,
                period character varying(9) NOT NULL,
                active boolean NOT NULL,
                created_at timestamp with time zone NOT NULL,
                price_amount numeric(19,4) NOT NULL,
                price_currency character varying(3) NOT NULL,
                CONSTRAINT pk_subscription_plans PRIMARY KEY (id),
                CONSTRAINT ck_subscription_plans_period CHECK (period IN ('MONTHLY', 'QUARTERLY', 'YEARLY')),
                CONSTRAINT ck_subscription_plans_price CHECK (price_amount > 0)
            );

            CREATE TABLE book_ownerships (
                id uuid NOT NULL,
                user_id uuid NOT NULL,
                book_id uuid NOT NULL,
                payment_id uuid NOT NULL,
                acquired_at timestamp with time zone NOT NULL,
                revoked_at timestamp with time zone,
                CONSTRAINT pk_book_ownerships PRIMARY KEY (id),
                CONSTRAINT fk_book_ownerships_books_book_id FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE RESTRICT,
                CONSTRAINT fk_book_ownerships_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT,
                CONSTRAINT fk_book_ownerships_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE TABLE invoices (
                id uuid NOT NULL,
                number character varying(20) NOT NULL,
                kind character varying(11) NOT NULL,
                year integer NOT NULL,
                sequence integer NOT NULL,
                corrects_invoice_id uuid,
                buyer_user_id uuid NOT NULL,
                buyer_name character varying(200) NOT NULL,
                buyer_wallet character varying(16),
                payment_id uuid NOT NULL,
                currency character varying(3) NOT NULL,
                subtotal_amount numeric(19,4) NOT NULL,
                tax_amount numeric(19,4) NOT NULL,
                total_amount numeric(19,4) NOT NULL,
                issued_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_invoices PRIMARY KEY (id),
                CONSTRAINT ck_invoices_kind CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
                CONSTRAINT ck_invoices_sequence CHECK (sequence > 0),
                CONSTRAINT ck_invoices_sign CHECK ((kind = 'INVOICE' AND corrects_invoice_id IS NULL AND total_amount >= 0 AND tax_amount >= 0) OR (kind = 'CREDIT_NOTE' AND corrects_invoice_id IS NOT NULL AND total_amount <= 0 AND tax_amount <= 0)),
                CONSTRAINT ck_invoices_totals CHECK (total_amount = subtotal_amount + tax_amount),
                CONSTRAINT fk_invoices_invoices_corrects_invoice_id FOREIGN KEY (corrects_invoice_id) REFERENCES invoices (id) ON DELETE RESTRICT,
                CONSTRAINT fk_invoices_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT,
                CONSTRAINT fk_invoices_users_buyer_user_id FOREIGN KEY (buyer_user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE TABLE reader_subscriptions (
                id uuid NOT NULL,
                user_id uuid NOT NULL,
                plan_id uuid NOT NULL,
                status character varying(9) NOT NULL,
                method character varying(12) NOT NULL,
                wallet_number character varying(16) NOT NULL,
                pay_currency character varying(3) NOT NULL,
                payment_id uuid NOT NULL,
                renewal_payment_id uuid,
                latest_payment_id uuid,
                anchor_at timestamp with time zone,
                periods_paid integer NOT NULL,
                current_period_start timestamp with time zone,
                current_period_end timestamp with time zone,
                auto_renew boolean NOT NULL,
                created_at timestamp with time zone NOT NULL,
                cancelled_at timestamp with time zone,
                expired_at timestamp with time zone,
                CONSTRAINT pk_reader_subscriptions PRIMARY KEY (id),
                CONSTRAINT ck_reader_subscriptions_method CHECK (method IN ('CASH', 'ORANGE_MONEY', 'MTN_MOMO', 'MOOV_MONEY', 'WAVE', 'FREE_MONEY')),
                CONSTRAINT ck_reader_subscriptions_period CHECK ((current_period_start IS NULL) = (current_period_end IS NULL) AND (current_period_end IS NULL OR current_period_end > current_period_start)),
                CONSTRAINT ck_reader_subscriptions_periods_paid CHECK (periods_paid >= 0),
                CONSTRAINT ck_reader_subscriptions_status CHECK (status IN ('PENDING', 'ACTIVE', 'CANCELLED', 'EXPIRED')),
                CONSTRAINT fk_reader_subscriptions_payments_latest_payment_id FOREIGN KEY (latest_payment_id) REFERENCES payments (id) ON DELETE RESTRICT,
                CONSTRAINT fk_reader_subscriptions_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT,
                CONSTRAINT fk_reader_subscriptions_payments_renewal_payment_id FOREIGN KEY (renewal_payment_id) REFERENCES payments (id) ON DELETE RESTRICT,
                CONSTRAINT fk_reader_subscriptions_subscription_plans_plan_id FOREIGN KEY (plan_id) REFERENCES subscription_plans (id) ON DELETE RESTRICT,
                CONSTRAINT fk_reader_subscriptions_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE TABLE invoice_lines (
                invoice_id uuid NOT NULL,
                position integer NOT NULL,
                description character varying(200) NOT NULL,
                quantity integer NOT NULL,
                currency character varying(3) NOT NULL,
                unit_price_amount numeric(19,4) NOT NULL,
                tax_rate numeric(5,4) NOT NULL,
                net_amount numeric(19,4) NOT NULL,
                tax_amount numeric(19,4) NOT NULL,
                total_amount numeric(19,4) NOT NULL,
                CONSTRAINT pk_invoice_lines PRIMARY KEY (invoice_id, position),
                CONSTRAINT ck_invoice_lines_quantity CHECK (quantity > 0),
                CONSTRAINT ck_invoice_lines_tax_rate CHECK (tax_rate BETWEEN 0 AND 1),
                CONSTRAINT ck_invoice_lines_totals CHECK (total_amount = net_amount + tax_amount),
                CONSTRAINT fk_invoice_lines_invoices_invoice_id FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE RESTRICT
            );

            CREATE INDEX ix_book_ownerships_book_id ON book_ownerships (book_id);

            CREATE INDEX ix_book_ownerships_payment_id ON book_ownerships (payment_id);

            CREATE UNIQUE INDEX ix_book_ownerships_user_id_book_id ON book_ownerships (user_id, book_id) WHERE revoked_at IS NULL;

            CREATE INDEX ix_invoices_buyer_user_id_issued_at ON invoices (buyer_user_id, issued_at);

            CREATE UNIQUE INDEX ix_invoices_corrects_invoice_id ON invoices (corrects_invoice_id);

            CREATE INDEX ix_invoices_issued_at ON invoices (issued_at);

            CREATE UNIQUE INDEX ix_invoices_kind_year_sequence ON invoices (kind, year, sequence);

            CREATE UNIQUE INDEX ix_invoices_number ON invoices (number);

            CREATE UNIQUE INDEX ix_invoices_payment_id ON invoices (payment_id);

            CREATE INDEX ix_reader_subscriptions_latest_payment_id ON reader_subscriptions (latest_payment_id);

            CREATE UNIQUE INDEX ix_reader_subscriptions_payment_id ON reader_subscriptions (payment_id);

            CREATE INDEX ix_reader_subscriptions_plan_id ON reader_subscriptions (plan_id);

            CREATE INDEX ix_reader_subscriptions_renewal_payment_id ON reader_subscriptions (renewal_payment_id);

            CREATE INDEX ix_reader_subscriptions_status_current_period_end ON reader_subscriptions (status, current_period_end);

            CREATE UNIQUE INDEX ix_reader_subscriptions_user_id ON reader_subscriptions (user_id) WHERE status IN ('PENDING', 'ACTIVE');

            CREATE UNIQUE INDEX ix_subscription_plans_code ON subscription_plans (code);

            CREATE FUNCTION billing_document_immutable() RETURNS trigger
                LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'Invoices are immutable: % on % is refused; issue a credit note instead.', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'restrict_violation';
            END;
            $$;

            CREATE TRIGGER invoices_no_update_or_delete BEFORE UPDATE OR DELETE ON invoices
                FOR EACH ROW EXECUTE FUNCTION billing_document_immutable();
            CREATE TRIGGER invoices_no_truncate BEFORE TRUNCATE ON invoices
                FOR EACH STATEMENT EXECUTE FUNCTION billing_document_immutable();
            CREATE TRIGGER invoice_lines_no_update_or_delete BEFORE UPDATE OR DELETE ON invoice_lines
                FOR EACH ROW EXECUTE FUNCTION billing_document_immutable();
            CREATE TRIGGER invoice_lines_no_truncate BEFORE TRUNCATE ON invoice_lines
                FOR EACH STATEMENT EXECUTE FUNCTION billing_document_immutable();

            INSERT INTO subscription_plans (id, code, name_fr, name_en, price_amount, price_currency, period, active, created_at) VALUES
                ('0192f3a0-0000-7000-8000-000000000001', 'MONTHLY_XOF', 'Coko mensuel', 'Coko monthly', 2000, 'XOF', 'MONTHLY', TRUE, TIMESTAMPTZ '2026-11-22 12:00:00+00'),
                ('0192f3a0-0000-7000-8000-000000000002', 'QUARTERLY_XOF', 'Coko trimestriel', 'Coko quarterly', 5500, 'XOF', 'QUARTERLY', TRUE, TIMESTAMPTZ '2026-11-22 12:00:00+00'),
                ('0192f3a0-0000-7000-8000-000000000003', 'YEARLY_XOF', 'Coko annuel', 'Coko yearly', 20000, 'XOF', 'YEARLY', TRUE, TIMESTAMPTZ '2026-11-22 12:00:00+00'),
                ('0192f3a0-0000-7000-8000-000000000004', 'MONTHLY_EUR', 'Coko mensuel (euro)', 'Coko monthly (euro)', 3.00, 'EUR', 'MONTHLY', TRUE, TIMESTAMPTZ '2026-11-22 12:00:00+00'),
                ('0192f3a0-0000-7000-8000-000000000005', 'YEARLY_USD', 'Coko annuel (dollar)', 'Coko yearly (dollar)', 35.00, 'USD', 'YEARLY', TRUE, TIMESTAMPTZ '2026-11-22 12:00:00+00');
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE invoice_lines, invoices, invoice_counters, reader_subscriptions, subscription_plans, book_ownerships;
            DROP FUNCTION billing_document_immutable();
            ALTER TABLE ledger_entries DROP CONSTRAINT ck_ledger_entries_account_type;
            ALTER TABLE ledger_entries ADD CONSTRAINT ck_ledger_entries_account_type CHECK (account_type IN ('PROVIDER_CLEARING', 'PLATFORM_REVENUE', 'ROYALTIES_PAYABLE', 'TONTINE_POT', 'WALLET', 'FX_CONVERSION'));
            ALTER TABLE payments DROP CONSTRAINT ck_payments_tax;
            ALTER TABLE payments DROP COLUMN tax_rate;
            ALTER TABLE payments DROP COLUMN tax_amount;
            """);
    }
}
