using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Graph.Api.Data.Migrations;

/// <summary>
/// Deliveries (CocoaTrack): cooperatives and their managers, planters under chief planters, plots located for the EUDR,
/// warehouses, deliveries (weights, moisture, grade, price, amount) and their payments, lots, sales, stock movements, and
/// each cooperative's hash chain of trace events, which the database keeps append-only.
/// Written as the SQL the model creates (see DataServices); MigrationsMatchModelTests proves it equals the model.
/// </summary>
[DbContext(typeof(GraphDbContext))]
[Migration("20261122150000_Deliveries")]
public sealed class Deliveries : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE cooperatives (
                id uuid NOT NULL,
                name character varying(200) NOT NULL,
                code character varying(32) NOT NULL,
                country character varying(2) NOT NULL,
                region character varying(200),
                currency character varying(3) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_cooperatives PRIMARY KEY (id),
                CONSTRAINT ck_cooperatives_code CHECK (code ~ '^[A-Z0-9][A-Z0-9-]*$'),
                CONSTRAINT ck_cooperatives_country CHECK (country ~ '^[A-Z]{2}$')
            );

            CREATE TABLE warehouses (
                id uuid NOT NULL,
                cooperative_id uuid NOT NULL,
                name character varying(200) NOT NULL,
                location character varying(200),
                capacity_kg numeric(14,3) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_warehouses PRIMARY KEY (id),
                CONSTRAINT ck_warehouses_capacity CHECK (capacity_kg > 0),
                CONSTRAINT fk_warehouses_cooperatives_cooperative_id FOREIGN KEY (cooperative_id) REFERENCES cooperatives (id) ON DELETE RESTRICT
            );

            CREATE TABLE cooperative_managers (
                cooperative_id uuid NOT NULL,
                user_id uuid NOT NULL,
                added_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_cooperative_managers PRIMARY KEY (cooperative_id, user_id),
                CONSTRAINT fk_cooperative_managers_cooperatives_cooperative_id FOREIGN KEY (cooperative_id) REFERENCES cooperatives (id) ON DELETE CASCADE,
                CONSTRAINT fk_cooperative_managers_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE TABLE planters (
                id uuid NOT NULL,
                cooperative_id uuid NOT NULL,
                full_name character varying(200) NOT NULL,
                phone character varying(16),
                village character varying(200),
                chief_id uuid,
                user_id uuid,
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_planters PRIMARY KEY (id),
                CONSTRAINT ck_planters_not_own_chief CHECK (chief_id IS NULL OR chief_id <> id),
                CONSTRAINT fk_planters_cooperatives_cooperative_id FOREIGN KEY (cooperative_id) REFERENCES cooperatives (id) ON DELETE RESTRICT,
                CONSTRAINT fk_planters_planters_chief_id FOREIGN KEY (chief_id) REFERENCES planters (id) ON DELETE RESTRICT,
                CONSTRAINT fk_planters_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
            );

            CREATE TABLE plots (
                id uuid NOT NULL,
                planter_id uuid NOT NULL,
                name character varying(200) NOT NULL,
                kind character varying(7) NOT NULL,
                geo_json jsonb NOT NULL,
                area_hectares numeric(12,4) NOT NULL,
                latitude double precision NOT NULL,
                longitude double precision NOT NULL,
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_plots PRIMARY KEY (id),
                CONSTRAINT ck_plots_area CHECK (area_hectares > 0),
                CONSTRAINT ck_plots_coordinates CHECK (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180),
                CONSTRAINT ck_plots_kind CHECK (kind IN ('POINT', 'POLYGON')),
                CONSTRAINT fk_plots_planters_planter_id FOREIGN KEY (planter_id) REFERENCES planters (id) ON DELETE RESTRICT
            );

            CREATE TABLE deliveries (
                id uuid NOT NULL,
                cooperative_id uuid NOT NULL,
                planter_id uuid NOT NULL,
                plot_id uuid NOT NULL,
                warehouse_id uuid NOT NULL,
                delivered_on date NOT NULL,
                gross_weight_kg numeric(12,3) NOT NULL,
                tare_kg numeric(12,3) NOT NULL,
                net_weight_kg numeric(12,3) NOT NULL,
                moisture_percent numeric(5,2) NOT NULL,
                payable_weight_kg numeric(12,3) NOT NULL,
                grade character varying(9) NOT NULL,
                status character varying(9) NOT NULL,
                rejection_reason character varying(500),
                trace_code character varying(16) NOT NULL,
                recorded_by uuid NOT NULL,
                recorded_at timestamp with time zone NOT NULL,
                validated_by uuid,
                validated_at timestamp with time zone,
                paid_at timestamp with time zone,
                updated_at timestamp with time zone NOT NULL,
                amount numeric(19,4) NOT NULL,
                amount_currency character varying(3) NOT NULL,
                price_per_kg_amount numeric(19,4) NOT NULL,
                price_currency character varying(3) NOT NULL,
                CONSTRAINT pk_deliveries PRIMARY KEY (id),
                CONSTRAINT ck_deliveries_grade CHECK (grade IN ('GRADE_I', 'GRADE_II', 'SUB_GRADE')),
                CONSTRAINT ck_deliveries_moisture CHECK (moisture_percent BETWEEN 0 AND 25),
                CONSTRAINT ck_deliveries_money CHECK (price_per_kg_amount > 0 AND amount > 0 AND price_currency = amount_currency),
                CONSTRAINT ck_deliveries_paid CHECK ((status = 'PAID') = (paid_at IS NOT NULL)),
                CONSTRAINT ck_deliveries_rejection CHECK ((status = 'REJECTED') = (rejection_reason IS NOT NULL)),
                CONSTRAINT ck_deliveries_status CHECK (status IN ('RECORDED', 'VALIDATED', 'PAID', 'REJECTED')),
                CONSTRAINT ck_deliveries_validated CHECK (status = 'RECORDED' OR status = 'REJECTED' OR validated_at IS NOT NULL),
                CONSTRAINT ck_deliveries_weights CHECK (gross_weight_kg > 0 AND tare_kg >= 0 AND tare_kg < gross_weight_kg AND net_weight_kg = gross_weight_kg - tare_kg AND payable_weight_kg > 0 AND payable_weight_kg <= net_weight_kg),
                CONSTRAINT fk_deliveries_cooperatives_cooperative_id FOREIGN KEY (cooperative_id) REFERENCES cooperatives (id) ON DELETE RESTRICT,
                CONSTRAINT fk_deliveries_planters_planter_id FOREIGN KEY (planter_id) REFERENCES planters (id) ON DELETE RESTRICT,
                CONSTRAINT fk_deliveries_plots_plot_id FOREIGN KEY (plot_id) REFERENCES plots (id) ON DELETE RESTRICT,
                CONSTRAINT fk_deliveries_users_recorded_by FOREIGN KEY (recorded_by) REFERENCES users (id) ON DELETE RESTRICT,
                CONSTRAINT fk_deliveries_users_validated_by FOREIGN KEY (validated_by) REFERENCES users (id) ON DELETE RESTRICT,
                CONSTRAINT fk_deliveries_warehouses_warehouse_id FOREIGN KEY (warehouse_id) REFERENCES warehouses (id) ON DELETE RESTRICT
            );

            CREATE TABLE delivery_payments (
                payment_id uuid NOT NULL,
                delivery_id uuid NOT NULL,
                created_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_delivery_payments PRIMARY KEY (payment_id),
                CONSTRAINT fk_delivery_payments_deliveries_delivery_id FOREIGN KEY (delivery_id) REFERENCES deliveries (id) ON DELETE RESTRICT,
                CONSTRAINT fk_delivery_payments_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT
            );

            CREATE TABLE lots (
                id uuid NOT NULL,
                cooperative_id uuid NOT NULL,
                code character varying(64) NOT NULL,
                grade character varying(9) NOT NULL,
                warehouse_id uuid NOT NULL,
                initial_weight_kg numeric(14,3) NOT NULL,
                remaining_weight_kg numeric(14,3) NOT NULL,
                status character varying(8) NOT NULL,
                trace_code character varying(16) NOT NULL,
                created_at timestamp with time zone NOT NULL,
                updated_at timestamp with time zone NOT NULL,
                CONSTRAINT pk_lots PRIMARY KEY (id),
                CONSTRAINT ck_lots_grade CHECK (grade IN ('GRADE_I', 'GRADE_II', 'SUB_GRADE')),
                CONSTRAINT ck_lots_sold CHECK ((status = 'SOLD') = (remaining_weight_kg = 0)),
                CONSTRAINT ck_lots_status CHECK (status IN ('IN_STOCK', 'SOLD')),
                CONSTRAINT ck_lots_weights CHECK (initial_weight_kg > 0 AND remaining_weight_kg >= 0 AND remaining_weight_kg <= initial_weight_kg),
                CONSTRAINT fk_lots_cooperatives_cooperative_id FOREIGN KEY (cooperative_id) REFERENCES cooperatives (id) ON DELETE RESTRICT,
                CONSTRAINT fk_lots_warehouses_warehouse_id FOREIGN KEY (warehouse_id) REFERENCES warehouses (id) ON DELETE RESTRICT
            );

            CREATE TABLE lot_deliveries (
                delivery_id uuid NOT NULL,
                lot_id uuid NOT NULL,
                weight_kg numeric(12,3) NOT NULL,
                CONSTRAINT pk_lot_deliveries PRIMARY KEY (delivery_id),
                CONSTRAINT ck_lot_deliveries_weight CHECK (weight_kg > 0),
                CONSTRAINT fk_lot_deliveries_deliveries_delivery_id FOREIGN KEY (delivery_id) REFERENCES deliveries (id) ON DELETE RESTRICT,
                CONSTRAINT fk_lot_deliveries_lots_lot_id FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE RESTRICT
            );

            CREATE TABLE lot_sales (
                id uuid NOT NULL,
                lot_id uuid NOT NULL,
                weight_kg numeric(14,3) NOT NULL,
                buyer_name character varying(200) NOT NULL,
                buyer_user_id uuid,
                sold_by uuid NOT NULL,
                sold_at timestamp with time zone NOT NULL,
                amount numeric(19,4) NOT NULL,
                amount_currency character varying(3) NOT NULL,
                price_per_kg_amount numeric(19,4) NOT NULL,
                price_currency character varying(3) NOT NULL,
                CONSTRAINT pk_lot_sales PRIMARY KEY (id),
                CONSTRAINT ck_lot_sales_money CHECK (weight_kg > 0 AND price_per_kg_amount > 0 AND amount > 0 AND price_currency = amount_currency),
                CONSTRAINT fk_lot_sales_lots_lot_id FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE RESTRICT,
                CONSTRAINT fk_lot_sales_users_buyer_user_id FOREIGN KEY (buyer_user_id) REFERENCES users (id) ON DELETE SET NULL,
                CONSTRAINT fk_lot_sales_users_sold_by FOREIGN KEY (sold_by) REFERENCES users (id) ON DELETE RESTRICT
            );

            CREATE TABLE stock_movements (
                id uuid NOT NULL,
                warehouse_id uuid NOT NULL,
                grade character varying(9) NOT NULL,
                kind character varying(19) NOT NULL,
                quantity_kg numeric(14,3) NOT NULL,
                delivery_id uuid,
                lot_id uuid,
                sale_id uuid,
                actor_id uuid NOT NULL,
                at timestamp with time zone NOT NULL,
                CONSTRAINT pk_stock_movements PRIMARY KEY (id),
                CONSTRAINT ck_stock_movements_grade CHECK (grade IN ('GRADE_I', 'GRADE_II', 'SUB_GRADE')),
                CONSTRAINT ck_stock_movements_holder CHECK ((delivery_id IS NULL) <> (lot_id IS NULL)),
                CONSTRAINT ck_stock_movements_kind CHECK (kind IN ('DELIVERY_IN', 'DELIVERY_CORRECTION', 'DELIVERY_OUT', 'INTO_LOT', 'LOT_FORMED', 'TRANSFER_OUT', 'TRANSFER_IN', 'SALE')),
                CONSTRAINT ck_stock_movements_quantity CHECK (quantity_kg <> 0),
                CONSTRAINT fk_stock_movements_deliveries_delivery_id FOREIGN KEY (delivery_id) REFERENCES deliveries (id) ON DELETE RESTRICT,
                CONSTRAINT fk_stock_movements_lot_sales_sale_id FOREIGN KEY (sale_id) REFERENCES lot_sales (id) ON DELETE RESTRICT,
                CONSTRAINT fk_stock_movements_lots_lot_id FOREIGN KEY (lot_id) REFERENCES lots (id) ON DELETE RESTRICT,
                CONSTRAINT fk_stock_movements_users_actor_id FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE RESTRICT,
                CONSTRAINT fk_stock_movements_warehouses_warehouse_id FOREIGN KEY (warehouse_id) REFERENCES warehouses (id) ON DELETE RESTRICT
            );

            CREATE TABLE trace_events (
                id bigint GENERATED ALWAYS AS IDENTITY,
                cooperative_id uuid NOT NULL,
                sequence bigint NOT NULL,
                kind character varying(18) NOT NULL,
                delivery_id uuid,
                lot_id uuid,
                payload jsonb NOT NULL,
                actor_id uuid,
                recorded_at timestamp with time zone NOT NULL,
                previous_hash character(64) NOT NULL,
                hash character(64) NOT NULL,
                CONSTRAINT pk_trace_events PRIMARY KEY (id),
                CONSTRAINT ck_trace_events_hashes CHECK (hash ~ '^[0-9a-f]{64}$' AND previous_hash ~ '^[0-9a-f]{64}$'),
                CONSTRAINT ck_trace_events_kind CHECK (kind IN ('DELIVERY_RECORDED', 'DELIVERY_VALIDATED', 'DELIVERY_REJECTED', 'DELIVERY_CORRECTED', 'DELIVERY_PAID', 'DELIVERY_UNPAID', 'LOT_FORMED', 'LOT_MOVED', 'LOT_SOLD')),
                CONSTRAINT ck_trace_events_sequence CHECK (sequence >= 1),
                CONSTRAINT fk_trace_events_cooperatives_cooperative_id FOREIGN KEY (cooperative_id) REFERENCES cooperatives (id) ON DELETE RESTRICT
            );

            CREATE INDEX ix_cooperative_managers_user_id ON cooperative_managers (user_id);
            CREATE UNIQUE INDEX ix_cooperatives_code ON cooperatives (code);
            CREATE INDEX ix_deliveries_cooperative_id_delivered_on_id ON deliveries (cooperative_id, delivered_on, id);
            CREATE INDEX ix_deliveries_planter_id_delivered_on ON deliveries (planter_id, delivered_on);
            CREATE INDEX ix_deliveries_plot_id ON deliveries (plot_id);
            CREATE INDEX ix_deliveries_recorded_by ON deliveries (recorded_by);
            CREATE UNIQUE INDEX ix_deliveries_trace_code ON deliveries (trace_code);
            CREATE INDEX ix_deliveries_validated_by ON deliveries (validated_by);
            CREATE INDEX ix_deliveries_warehouse_id_delivered_on ON deliveries (warehouse_id, delivered_on);
            CREATE INDEX ix_delivery_payments_delivery_id ON delivery_payments (delivery_id);
            CREATE INDEX ix_lot_deliveries_lot_id ON lot_deliveries (lot_id);
            CREATE INDEX ix_lot_sales_buyer_user_id ON lot_sales (buyer_user_id);
            CREATE INDEX ix_lot_sales_lot_id ON lot_sales (lot_id);
            CREATE INDEX ix_lot_sales_sold_by ON lot_sales (sold_by);
            CREATE UNIQUE INDEX ix_lots_code ON lots (code);
            CREATE INDEX ix_lots_cooperative_id_created_at ON lots (cooperative_id, created_at);
            CREATE UNIQUE INDEX ix_lots_trace_code ON lots (trace_code);
            CREATE INDEX ix_lots_warehouse_id ON lots (warehouse_id);
            CREATE INDEX ix_planters_chief_id ON planters (chief_id);
            CREATE INDEX ix_planters_cooperative_id_full_name ON planters (cooperative_id, full_name);
            CREATE INDEX ix_planters_user_id ON planters (user_id);
            CREATE INDEX ix_plots_planter_id ON plots (planter_id);
            CREATE INDEX ix_stock_movements_actor_id ON stock_movements (actor_id);
            CREATE INDEX ix_stock_movements_delivery_id ON stock_movements (delivery_id);
            CREATE INDEX ix_stock_movements_lot_id ON stock_movements (lot_id);
            CREATE INDEX ix_stock_movements_sale_id ON stock_movements (sale_id);
            CREATE INDEX ix_stock_movements_warehouse_id_grade ON stock_movements (warehouse_id, grade);
            CREATE UNIQUE INDEX ix_trace_events_cooperative_id_sequence ON trace_events (cooperative_id, sequence);
            CREATE INDEX ix_trace_events_delivery_id ON trace_events (delivery_id);
            CREATE INDEX ix_trace_events_lot_id ON trace_events (lot_id);
            CREATE UNIQUE INDEX ix_warehouses_cooperative_id_name ON warehouses (cooperative_id, name);
            """);

        migrationBuilder.Sql("""
            CREATE FUNCTION trace_events_append_only() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'Trace events are never changed: % on % is refused; record a correction, which is a new event.', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'restrict_violation';
            END;
            $$;

            CREATE TRIGGER trace_events_no_update_or_delete BEFORE UPDATE OR DELETE ON trace_events
                FOR EACH ROW EXECUTE FUNCTION trace_events_append_only();
            CREATE TRIGGER trace_events_no_truncate BEFORE TRUNCATE ON trace_events
                FOR EACH STATEMENT EXECUTE FUNCTION trace_events_append_only();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE trace_events;
            DROP FUNCTION trace_events_append_only();
            DROP TABLE stock_movements;
            DROP TABLE lot_sales;
            DROP TABLE lot_deliveries;
            DROP TABLE lots;
            DROP TABLE delivery_payments;
            DROP TABLE deliveries;
            DROP TABLE plots;
            DROP TABLE planters;
            DROP TABLE cooperative_managers;
            DROP TABLE warehouses;
            DROP TABLE cooperatives;
            """);
    }
}
