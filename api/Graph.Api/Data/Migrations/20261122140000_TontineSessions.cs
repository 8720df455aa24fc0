using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// Tontines run (Kobiri): a tontine's rules (type, frequency, contribution, start date, member limit, status, join code,
/// grace period and late fines, payout order and its draw seed), its contribution sessions, what each member owes and paid
/// for each session, the payments made for them, the passages (payouts) in order, invitations and reminders.
/// Written as the SQL the model creates (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261122140000_TontineSessions")]
public sealed class TontineSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE tontines
                ADD type character varying(10) NOT NULL DEFAULT 'ROTATING',
                ADD frequency character varying(9) NOT NULL DEFAULT 'MONTHLY',
                ADD start_date date NOT NULL DEFAULT CURRENT_DATE,
                ADD member_limit integer NOT NULL DEFAULT 12,
                ADD status character varying(9) NOT NULL DEFAULT 'DRAFT',
                ADD join_code character varying(8),
                ADD grace_days integer NOT NULL DEFAULT 0,
                ADD penalty_mode character varying(15) NOT NULL DEFAULT 'NONE',
                ADD penalty_rate numeric(19,4) NOT NULL DEFAULT 0,
                ADD penalty_cap numeric(19,4),
                ADD savings_percent integer,
                ADD session_count integer,
                ADD payout_order character varying(12) NOT NULL DEFAULT 'RANDOM',
                ADD draw_seed character varying(64),
                ADD order_set_at timestamp with time zone,
                ADD started_at timestamp with time zone,
                ADD completed_at timestamp with time zone,
                ADD updated_at timestamp with time zone,
                ADD contribution_amount numeric(19,4) NOT NULL DEFAULT 10000,
                ADD contribution_currency character varying(3) NOT NULL DEFAULT 'XOF';
            -- Tontines made before the rules existed: a draft of 10,000 XOF a month, each with its own join code (the
            -- subquery names the row so that it is drawn again for each one).
            UPDATE tontines SET updated_at = created_at,
                join_code = (SELECT string_agg(substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', 1 + floor(random() * 31)::int, 1), '')
                             FROM generate_series(1, 8) WHERE tontines.id IS NOT NULL);
            ALTER TABLE tontines
                ALTER type DROP DEFAULT, ALTER frequency DROP DEFAULT, ALTER start_date DROP DEFAULT, ALTER member_limit DROP DEFAULT,
                ALTER status DROP DEFAULT, ALTER join_code SET NOT NULL, ALTER grace_days DROP DEFAULT, ALTER penalty_mode DROP DEFAULT,
                ALTER penalty_rate DROP DEFAULT, ALTER payout_order DROP DEFAULT, ALTER updated_at SET NOT NULL,
                ALTER contribution_amount DROP DEFAULT, ALTER contribution_currency DROP DEFAULT;
            ALTER TABLE tontines ADD CONSTRAINT ck_tontines_contribution CHECK (contribution_amount > 0);
            ALTER TABLE tontines ADD CONSTRAINT ck_tontines_frequency CHECK (frequency IN ('DAILY', 'WEEKLY', 'BIWEEKLY', 'MONTHLY', 'QUARTERLY'));
            ALTER TABLE tontines ADD CONSTRAINT ck_tontines_grace_days CHECK (grace_days BETWEEN 0 AND 60);
            ALTER TABLE tontines ADD CONSTRAINT ck_tontines_member_limit CHECK (member_limit BETWEEN 2 AND 100);
            ALTER TABLE tontines ADD CONSTRAINT ck_tontines_payout_order CHECK (payout_order IN ('RANDOM', 'ALPHABETICAL', 'JOIN_DATE', 'MANUAL'));
            ALTER TABLE tontines ADD CONSTRAINT ck_tontines_penalty CHECK (penalty_rate >= 0 AND (penalty_cap IS NULL OR penalty_cap >= 0) AND (penalty_mode <> 'NONE' OR (penalty_rate = 0 AND penalty_cap IS NULL)));
            ALTER TABLE tontines ADD CONSTRAINT ck_tontines_penalty_mode CHECK (penalty_mode IN ('NONE', 'FIXED_PER_DAY', 'PERCENT_PER_DAY'));
            ALTER TABLE tontines ADD CONSTRAINT ck_tontines_savings_percent CHECK ((type = 'MIXED') = (savings_percent IS NOT NULL) AND (savings_percent IS NULL OR savings_percent BETWEEN 1 AND 99));
            ALTER TABLE tontines ADD CONSTRAINT ck_tontines_session_count CHECK ((type = 'CUMULATIVE' OR session_count IS NULL) AND (session_count IS NULL OR session_count BETWEEN 1 AND 120));
            ALTER TABLE tontines ADD CONSTRAINT ck_tontines_status CHECK (status IN ('DRAFT', 'ACTIVE', 'COMPLETED', 'SUSPENDED'));
            ALTER TABLE tontines ADD CONSTRAINT ck_tontines_type CHECK (type IN ('ROTATING', 'CUMULATIVE', 'MIXED'));

            CREATE TABLE tontine_sessions (
                id uuid NOT NULL,
                tontine_id uuid NOT NULL,
                number integer NOT NULL,
                due_date date NOT NULL,
                status character varying(9) NOT NULL,
                opened_at timestamp with time zone,
                closed_at timestamp with time zone,
                CONSTRAINT pk_tontine_sessions PRIMARY KEY (id),
                CONSTRAINT ck_tontine_sessions_number CHECK (number >= 1),
                CONSTRAINT ck_tontine_sessions_status CHECK (status IN ('SCHEDULED', 'OPEN', 'CLOSED')),
                CONSTRAINT fk_tontine_sessions_tontines_tontine_id FOREIGN KEY (tontine_id) REFERENCES tontines (id) ON DELETE RESTRICT
            );

            CREATE TABLE tontine_invitations (
                id uuid NOT NULL,
                tontine_id uuid NOT NULL,
                user_id uuid NOT NULL,
                invited_by_user_id uuid NOT NULL,
                role character varying(16) NOT NULL,
                status character varying(8) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                responded_at timestamp with time zone,
                CONSTRAINT pk_tontine_invitations PRIMARY KEY (id),
                CONSTRAINT ck_tontine_invitations_responded CHECK ((status = 'PENDING') = (responded_at IS NULL)),
                CONSTRAINT ck_tontine_invitations_role CHECK (role IN ('MEMBER', 'PRESIDENT', 'TREASURER')),
                CONSTRAINT ck_tontine_invitations_status CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED')),
                CONSTRAINT fk_tontine_invitations_tontines_tontine_id FOREIGN KEY (tontine_id) REFERENCES tontines (id) ON DELETE CASCADE,
                CONSTRAINT fk_tontine_invitations_users_invited_by_user_id FOREIGN KEY (invited_by_user_id) REFERENCES users (id) ON DELETE RESTRICT,
                CONSTRAINT fk_tontine_invitations_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE TABLE tontine_contributions (
                session_id uuid NOT NULL,
                user_id uuid NOT NULL,
                tontine_id uuid NOT NULL,
                expected numeric(19,4) NOT NULL,
                received numeric(19,4) NOT NULL,
                penalty_paid numeric(19,4) NOT NULL,
                paid_at timestamp with time zone,
                penalty_waived_at timestamp with time zone,
                penalty_waived_by_user_id uuid,
                penalty_waiver_reason character varying(500),
                CONSTRAINT pk_tontine_contributions PRIMARY KEY (session_id, user_id),
                CONSTRAINT ck_tontine_contributions_amounts CHECK (expected > 0 AND received >= 0 AND received <= expected AND penalty_paid >= 0),
                CONSTRAINT ck_tontine_contributions_paid CHECK ((paid_at IS NULL) = (received < expected)),
                CONSTRAINT ck_tontine_contributions_waiver CHECK ((penalty_waived_at IS NULL) = (penalty_waived_by_user_id IS NULL) AND (penalty_waived_at IS NULL) = (penalty_waiver_reason IS NULL)),
                CONSTRAINT fk_tontine_contributions_tontine_sessions_session_id FOREIGN KEY (session_id) REFERENCES tontine_sessions (id) ON DELETE RESTRICT,
                CONSTRAINT fk_tontine_contributions_tontines_tontine_id FOREIGN KEY (tontine_id) REFERENCES tontines (id) ON DELETE RESTRICT,
                CONSTRAINT fk_tontine_contributions_users_penalty_waived_by_user_id FOREIGN KEY (penalty_waived_by_user_id) REFERENCES users (id) ON DELETE RESTRICT,
                CONSTRAINT fk_tontine_contributions_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE TABLE tontine_passages (
                id uuid NOT NULL,
                tontine_id uuid NOT NULL,
                position integer NOT NULL,
                user_id uuid NOT NULL,
                kind character varying(8) NOT NULL,
                session_id uuid,
                amount numeric(19,4),
                status character varying(9) NOT NULL,
                payment_id uuid,
                started_at timestamp with time zone,
                paid_at timestamp with time zone,
                confirmed_at timestamp with time zone,
                CONSTRAINT pk_tontine_passages PRIMARY KEY (id),
                CONSTRAINT ck_tontine_passages_amount CHECK (amount IS NULL OR amount >= 0),
                CONSTRAINT ck_tontine_passages_kind CHECK (kind IN ('ROTATION', 'SAVINGS')),
                CONSTRAINT ck_tontine_passages_position CHECK (position >= 1),
                CONSTRAINT ck_tontine_passages_progress CHECK ((status = 'SCHEDULED') = (started_at IS NULL) AND (status IN ('PAID', 'CONFIRMED')) = (paid_at IS NOT NULL) AND (status = 'CONFIRMED') = (confirmed_at IS NOT NULL) AND (status = 'SCHEDULED' OR amount IS NOT NULL)),
                CONSTRAINT ck_tontine_passages_status CHECK (status IN ('SCHEDULED', 'STARTED', 'PAID', 'CONFIRMED')),
                CONSTRAINT fk_tontine_passages_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT,
                CONSTRAINT fk_tontine_passages_tontine_sessions_session_id FOREIGN KEY (session_id) REFERENCES tontine_sessions (id) ON DELETE RESTRICT,
                CONSTRAINT fk_tontine_passages_tontines_tontine_id FOREIGN KEY (tontine_id) REFERENCES tontines (id) ON DELETE RESTRICT,
                CONSTRAINT fk_tontine_passages_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE TABLE contribution_payments (
                id uuid NOT NULL,
                tontine_id uuid NOT NULL,
                session_id uuid NOT NULL,
                user_id uuid NOT NULL,
                payment_id uuid NOT NULL,
                amount numeric(19,4) NOT NULL,
                penalty numeric(19,4) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                settled_at timestamp with time zone,
                CONSTRAINT pk_contribution_payments PRIMARY KEY (id),
                CONSTRAINT ck_contribution_payments_amounts CHECK (amount >= 0 AND penalty >= 0 AND amount + penalty > 0),
                CONSTRAINT fk_contribution_payments_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT,
                CONSTRAINT "fk_contribution_payments_tontine_contributions_session_id_user_~" FOREIGN KEY (session_id, user_id) REFERENCES tontine_contributions (session_id, user_id) ON DELETE RESTRICT,
                CONSTRAINT fk_contribution_payments_tontines_tontine_id FOREIGN KEY (tontine_id) REFERENCES tontines (id) ON DELETE RESTRICT
            );

            CREATE TABLE tontine_reminders (
                id uuid NOT NULL,
                session_id uuid NOT NULL,
                user_id uuid NOT NULL,
                sent_by_user_id uuid,
                sent_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_tontine_reminders PRIMARY KEY (id),
                CONSTRAINT fk_tontine_reminders_tontine_contributions_session_id_user_id FOREIGN KEY (session_id, user_id) REFERENCES tontine_contributions (session_id, user_id) ON DELETE RESTRICT,
                CONSTRAINT fk_tontine_reminders_users_sent_by_user_id FOREIGN KEY (sent_by_user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE UNIQUE INDEX ix_contribution_payments_payment_id ON contribution_payments (payment_id);

            CREATE INDEX ix_contribution_payments_session_id_user_id ON contribution_payments (session_id, user_id);

            CREATE INDEX ix_contribution_payments_tontine_id ON contribution_payments (tontine_id);

            CREATE INDEX ix_tontine_contributions_penalty_waived_by_user_id ON tontine_contributions (penalty_waived_by_user_id);

            CREATE INDEX ix_tontine_contributions_tontine_id_user_id ON tontine_contributions (tontine_id, user_id);

            CREATE INDEX ix_tontine_contributions_user_id ON tontine_contributions (user_id);

            CREATE INDEX ix_tontine_invitations_invited_by_user_id ON tontine_invitations (invited_by_user_id);

            CREATE UNIQUE INDEX ix_tontine_invitations_tontine_id_user_id ON tontine_invitations (tontine_id, user_id) WHERE status = 'PENDING';

            CREATE INDEX ix_tontine_invitations_user_id ON tontine_invitations (user_id);

            CREATE UNIQUE INDEX ix_tontine_passages_payment_id ON tontine_passages (payment_id);

            CREATE UNIQUE INDEX ix_tontine_passages_session_id ON tontine_passages (session_id);

            CREATE UNIQUE INDEX ix_tontine_passages_tontine_id_kind_position ON tontine_passages (tontine_id, kind, position);

            CREATE UNIQUE INDEX ix_tontine_passages_tontine_id_kind_user_id ON tontine_passages (tontine_id, kind, user_id);

            CREATE INDEX ix_tontine_passages_user_id ON tontine_passages (user_id);

            CREATE INDEX ix_tontine_reminders_sent_by_user_id ON tontine_reminders (sent_by_user_id);

            CREATE UNIQUE INDEX ix_tontine_reminders_session_id_user_id ON tontine_reminders (session_id, user_id) WHERE sent_by_user_id IS NULL;

            CREATE INDEX ix_tontine_sessions_due_date ON tontine_sessions (due_date);

            CREATE UNIQUE INDEX ix_tontine_sessions_tontine_id_number ON tontine_sessions (tontine_id, number);

            CREATE UNIQUE INDEX ix_tontines_join_code ON tontines (join_code);

            CREATE INDEX ix_tontines_status ON tontines (status);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE tontine_reminders;
            DROP TABLE contribution_payments;
            DROP TABLE tontine_passages;
            DROP TABLE tontine_contributions;
            DROP TABLE tontine_invitations;
            DROP TABLE tontine_sessions;
            DROP INDEX ix_tontines_join_code;
            DROP INDEX ix_tontines_status;
            ALTER TABLE tontines
                DROP CONSTRAINT ck_tontines_contribution, DROP CONSTRAINT ck_tontines_frequency, DROP CONSTRAINT ck_tontines_grace_days,
                DROP CONSTRAINT ck_tontines_member_limit, DROP CONSTRAINT ck_tontines_payout_order, DROP CONSTRAINT ck_tontines_penalty,
                DROP CONSTRAINT ck_tontines_penalty_mode, DROP CONSTRAINT ck_tontines_savings_percent, DROP CONSTRAINT ck_tontines_session_count,
                DROP CONSTRAINT ck_tontines_status, DROP CONSTRAINT ck_tontines_type,
                DROP COLUMN type, DROP COLUMN frequency, DROP COLUMN start_date, DROP COLUMN member_limit, DROP COLUMN status,
                DROP COLUMN join_code, DROP COLUMN grace_days, DROP COLUMN penalty_mode, DROP COLUMN penalty_rate, DROP COLUMN penalty_cap,
                DROP COLUMN savings_percent, DROP COLUMN session_count, DROP COLUMN payout_order, DROP COLUMN draw_seed,
                DROP COLUMN order_set_at, DROP COLUMN started_at, DROP COLUMN completed_at, DROP COLUMN updated_at,
                DROP COLUMN contribution_amount, DROP COLUMN contribution_currency;
            """);
    }
}
