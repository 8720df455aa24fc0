using Graph.Api.Common;
using Graph.Api.Data;
using Graph.Api.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Graph.Api.Deliveries;

internal sealed class CooperativeConfiguration : IEntityTypeConfiguration<Cooperative>
{
    public const int MaxNameLength = 200;
    public const int MaxCodeLength = 32;

    public void Configure(EntityTypeBuilder<Cooperative> cooperative)
    {
        cooperative.ToTable(table =>
        {
            table.HasCheckConstraint("ck_cooperatives_code", "code ~ '^[A-Z0-9][A-Z0-9-]*$'");
            table.HasCheckConstraint("ck_cooperatives_country", "country ~ '^[A-Z]{2}$'");
        });
        cooperative.HasKey(c => c.Id);
        cooperative.Property(c => c.Id).ValueGeneratedOnAdd();
        cooperative.Property(c => c.Name).HasMaxLength(MaxNameLength);
        cooperative.Property(c => c.Code).HasMaxLength(MaxCodeLength);
        cooperative.HasIndex(c => c.Code).IsUnique();
        cooperative.Property(c => c.Country).HasMaxLength(2);
        cooperative.Property(c => c.Region).HasMaxLength(MaxNameLength);
        cooperative.Property(c => c.Currency).HasConversion<string>().HasMaxLength(3);
    }
}

internal sealed class CooperativeManagerConfiguration : IEntityTypeConfiguration<CooperativeManager>
{
    public void Configure(EntityTypeBuilder<CooperativeManager> manager)
    {
        manager.HasKey(m => new { m.CooperativeId, m.UserId });
        manager.HasOne<Cooperative>().WithMany().HasForeignKey(m => m.CooperativeId).OnDelete(DeleteBehavior.Cascade);
        manager.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        // "The cooperatives this user manages": the row rule of every CocoaTrack query.
        manager.HasIndex(m => m.UserId);
    }
}

internal sealed class PlanterConfiguration : IEntityTypeConfiguration<Planter>
{
    public const int MaxNameLength = 200;

    public void Configure(EntityTypeBuilder<Planter> planter)
    {
        planter.ToTable(table => table.HasCheckConstraint("ck_planters_not_own_chief", "chief_id IS NULL OR chief_id <> id"));
        planter.HasKey(p => p.Id);
        planter.Property(p => p.Id).ValueGeneratedOnAdd();
        planter.Property(p => p.FullName).HasMaxLength(MaxNameLength);
        planter.Property(p => p.Phone).HasMaxLength(16);
        planter.Property(p => p.Village).HasMaxLength(MaxNameLength);
        planter.HasOne<Cooperative>().WithMany().HasForeignKey(p => p.CooperativeId).OnDelete(DeleteBehavior.Restrict);
        planter.HasOne<Planter>().WithMany().HasForeignKey(p => p.ChiefId).OnDelete(DeleteBehavior.Restrict);
        planter.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
        planter.HasIndex(p => new { p.CooperativeId, p.FullName });
        planter.HasIndex(p => p.ChiefId);
    }
}

internal sealed class PlotConfiguration : IEntityTypeConfiguration<Plot>
{
    public const int MaxNameLength = 200;

    public void Configure(EntityTypeBuilder<Plot> plot)
    {
        plot.ToTable(table =>
        {
            table.HasCheckConstraint("ck_plots_kind", EnumNames<PlotGeometryKind>.CheckIn("kind"));
            table.HasCheckConstraint("ck_plots_area", "area_hectares > 0");
            table.HasCheckConstraint("ck_plots_coordinates", "latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180");
        });
        plot.HasKey(p => p.Id);
        plot.Property(p => p.Id).ValueGeneratedOnAdd();
        plot.Property(p => p.Name).HasMaxLength(MaxNameLength);
        plot.Property(p => p.Kind).HasConversion<EnumNameConverter<PlotGeometryKind>>().HasMaxLength(EnumNames<PlotGeometryKind>.MaxLength);
        plot.Property(p => p.GeoJson).HasColumnType("jsonb");
        plot.Property(p => p.AreaHectares).HasPrecision(12, 4);
        plot.HasOne<Planter>().WithMany().HasForeignKey(p => p.PlanterId).OnDelete(DeleteBehavior.Restrict);
        plot.HasIndex(p => p.PlanterId);
    }
}

internal sealed class WarehouseConfiguration : IEntityTypeConfiguration<Warehouse>
{
    public const int MaxNameLength = 200;

    public void Configure(EntityTypeBuilder<Warehouse> warehouse)
    {
        warehouse.ToTable(table => table.HasCheckConstraint("ck_warehouses_capacity", "capacity_kg > 0"));
        warehouse.HasKey(w => w.Id);
        warehouse.Property(w => w.Id).ValueGeneratedOnAdd();
        warehouse.Property(w => w.Name).HasMaxLength(MaxNameLength);
        warehouse.Property(w => w.Location).HasMaxLength(MaxNameLength);
        warehouse.Property(w => w.CapacityKg).HasPrecision(14, 3);
        warehouse.HasOne<Cooperative>().WithMany().HasForeignKey(w => w.CooperativeId).OnDelete(DeleteBehavior.Restrict);
        warehouse.HasIndex(w => new { w.CooperativeId, w.Name }).IsUnique();
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public const int MaxReasonLength = 500;
    public const int TraceCodeLength = 16;

    public void Configure(EntityTypeBuilder<Delivery> delivery)
    {
        delivery.ToTable(table =>
        {
            table.HasCheckConstraint("ck_deliveries_status", EnumNames<DeliveryStatus>.CheckIn("status"));
            table.HasCheckConstraint("ck_deliveries_grade", EnumNames<CocoaGrade>.CheckIn("grade"));
            table.HasCheckConstraint("ck_deliveries_weights",
                "gross_weight_kg > 0 AND tare_kg >= 0 AND tare_kg < gross_weight_kg AND net_weight_kg = gross_weight_kg - tare_kg "
                + "AND payable_weight_kg > 0 AND payable_weight_kg <= net_weight_kg");
            table.HasCheckConstraint("ck_deliveries_moisture", $"moisture_percent BETWEEN 0 AND {DeliveryWeights.MaxMoisturePercent}");
            table.HasCheckConstraint("ck_deliveries_money", "price_per_kg_amount > 0 AND amount > 0 AND price_currency = amount_currency");
            table.HasCheckConstraint("ck_deliveries_rejection", "(status = 'REJECTED') = (rejection_reason IS NOT NULL)");
            table.HasCheckConstraint("ck_deliveries_validated", "status = 'RECORDED' OR status = 'REJECTED' OR validated_at IS NOT NULL");
            table.HasCheckConstraint("ck_deliveries_paid", "(status = 'PAID') = (paid_at IS NOT NULL)");
        });
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).ValueGeneratedOnAdd();
        delivery.Property(d => d.Status).HasConversion<EnumNameConverter<DeliveryStatus>>().HasMaxLength(EnumNames<DeliveryStatus>.MaxLength);
        delivery.Property(d => d.Grade).HasConversion<EnumNameConverter<CocoaGrade>>().HasMaxLength(EnumNames<CocoaGrade>.MaxLength);
        delivery.Property(d => d.GrossWeightKg).HasPrecision(12, 3);
        delivery.Property(d => d.TareKg).HasPrecision(12, 3);
        delivery.Property(d => d.NetWeightKg).HasPrecision(12, 3);
        delivery.Property(d => d.PayableWeightKg).HasPrecision(12, 3);
        delivery.Property(d => d.MoisturePercent).HasPrecision(5, 2);
        delivery.ComplexProperty(d => d.PricePerKg, money =>
        {
            money.Property(m => m.Amount).HasColumnName("price_per_kg_amount").HasPrecision(19, 4);
            money.Property(m => m.Currency).HasColumnName("price_currency").HasConversion<string>().HasMaxLength(3);
        });
        delivery.ComplexProperty(d => d.Amount, money =>
        {
            money.Property(m => m.Amount).HasColumnName("amount").HasPrecision(19, 4);
            money.Property(m => m.Currency).HasColumnName("amount_currency").HasConversion<string>().HasMaxLength(3);
        });
        delivery.Property(d => d.RejectionReason).HasMaxLength(MaxReasonLength);
        delivery.Property(d => d.TraceCode).HasMaxLength(TraceCodeLength);
        delivery.HasIndex(d => d.TraceCode).IsUnique();
        delivery.HasOne<Cooperative>().WithMany().HasForeignKey(d => d.CooperativeId).OnDelete(DeleteBehavior.Restrict);
        delivery.HasOne<Planter>().WithMany().HasForeignKey(d => d.PlanterId).OnDelete(DeleteBehavior.Restrict);
        delivery.HasOne<Plot>().WithMany().HasForeignKey(d => d.PlotId).OnDelete(DeleteBehavior.Restrict);
        delivery.HasOne<Warehouse>().WithMany().HasForeignKey(d => d.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        delivery.HasOne<User>().WithMany().HasForeignKey(d => d.RecordedBy).OnDelete(DeleteBehavior.Restrict);
        delivery.HasOne<User>().WithMany().HasForeignKey(d => d.ValidatedBy).OnDelete(DeleteBehavior.Restrict);
        // Lists and exports: a cooperative's deliveries by day; a planter's and a warehouse's.
        delivery.HasIndex(d => new { d.CooperativeId, d.DeliveredOn, d.Id });
        delivery.HasIndex(d => new { d.PlanterId, d.DeliveredOn });
        delivery.HasIndex(d => new { d.WarehouseId, d.DeliveredOn });
        delivery.HasIndex(d => d.PlotId);
    }
}

internal sealed class DeliveryPaymentConfiguration : IEntityTypeConfiguration<DeliveryPayment>
{
    public void Configure(EntityTypeBuilder<DeliveryPayment> payment)
    {
        payment.HasKey(p => p.PaymentId);
        payment.HasOne<Payments.Payment>().WithOne().HasForeignKey<DeliveryPayment>(p => p.PaymentId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<Delivery>().WithMany().HasForeignKey(p => p.DeliveryId).OnDelete(DeleteBehavior.Restrict);
        payment.HasIndex(p => p.DeliveryId);
    }
}

internal sealed class LotConfiguration : IEntityTypeConfiguration<Lot>
{
    public const int MaxCodeLength = 64;

    public void Configure(EntityTypeBuilder<Lot> lot)
    {
        lot.ToTable(table =>
        {
            table.HasCheckConstraint("ck_lots_grade", EnumNames<CocoaGrade>.CheckIn("grade"));
            table.HasCheckConstraint("ck_lots_status", EnumNames<LotStatus>.CheckIn("status"));
            table.HasCheckConstraint("ck_lots_weights", "initial_weight_kg > 0 AND remaining_weight_kg >= 0 AND remaining_weight_kg <= initial_weight_kg");
            table.HasCheckConstraint("ck_lots_sold", "(status = 'SOLD') = (remaining_weight_kg = 0)");
        });
        lot.HasKey(l => l.Id);
        lot.Property(l => l.Id).ValueGeneratedOnAdd();
        lot.Property(l => l.Code).HasMaxLength(MaxCodeLength);
        lot.HasIndex(l => l.Code).IsUnique();
        lot.Property(l => l.Grade).HasConversion<EnumNameConverter<CocoaGrade>>().HasMaxLength(EnumNames<CocoaGrade>.MaxLength);
        lot.Property(l => l.Status).HasConversion<EnumNameConverter<LotStatus>>().HasMaxLength(EnumNames<LotStatus>.MaxLength);
        lot.Property(l => l.InitialWeightKg).HasPrecision(14, 3);
        lot.Property(l => l.RemainingWeightKg).HasPrecision(14, 3);
        lot.Property(l => l.TraceCode).HasMaxLength(DeliveryConfiguration.TraceCodeLength);
        lot.HasIndex(l => l.TraceCode).IsUnique();
        lot.HasOne<Cooperative>().WithMany().HasForeignKey(l => l.CooperativeId).OnDelete(DeleteBehavior.Restrict);
        lot.HasOne<Warehouse>().WithMany().HasForeignKey(l => l.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        lot.HasIndex(l => new { l.CooperativeId, l.CreatedAt });
        lot.HasIndex(l => l.WarehouseId);
    }
}

internal sealed class LotDeliveryConfiguration : IEntityTypeConfiguration<LotDelivery>
{
    public void Configure(EntityTypeBuilder<LotDelivery> entry)
    {
        entry.ToTable(table => table.HasCheckConstraint("ck_lot_deliveries_weight", "weight_kg > 0"));
        // A delivery goes whole into one lot.
        entry.HasKey(e => e.DeliveryId);
        entry.Property(e => e.WeightKg).HasPrecision(12, 3);
        entry.HasOne<Lot>().WithMany().HasForeignKey(e => e.LotId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<Delivery>().WithOne().HasForeignKey<LotDelivery>(e => e.DeliveryId).OnDelete(DeleteBehavior.Restrict);
        entry.HasIndex(e => e.LotId);
    }
}

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> movement)
    {
        movement.ToTable(table =>
        {
            table.HasCheckConstraint("ck_stock_movements_kind", EnumNames<StockMovementKind>.CheckIn("kind"));
            table.HasCheckConstraint("ck_stock_movements_grade", EnumNames<CocoaGrade>.CheckIn("grade"));
            table.HasCheckConstraint("ck_stock_movements_quantity", "quantity_kg <> 0");
            // Each movement is held by exactly one of a delivery and a lot.
            table.HasCheckConstraint("ck_stock_movements_holder", "(delivery_id IS NULL) <> (lot_id IS NULL)");
        });
        movement.HasKey(m => m.Id);
        movement.Property(m => m.Id).ValueGeneratedOnAdd();
        movement.Property(m => m.Kind).HasConversion<EnumNameConverter<StockMovementKind>>().HasMaxLength(EnumNames<StockMovementKind>.MaxLength);
        movement.Property(m => m.Grade).HasConversion<EnumNameConverter<CocoaGrade>>().HasMaxLength(EnumNames<CocoaGrade>.MaxLength);
        movement.Property(m => m.QuantityKg).HasPrecision(14, 3);
        movement.HasOne<Warehouse>().WithMany().HasForeignKey(m => m.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        movement.HasOne<Delivery>().WithMany().HasForeignKey(m => m.DeliveryId).OnDelete(DeleteBehavior.Restrict);
        movement.HasOne<Lot>().WithMany().HasForeignKey(m => m.LotId).OnDelete(DeleteBehavior.Restrict);
        movement.HasOne<LotSale>().WithMany().HasForeignKey(m => m.SaleId).OnDelete(DeleteBehavior.Restrict);
        movement.HasOne<User>().WithMany().HasForeignKey(m => m.ActorId).OnDelete(DeleteBehavior.Restrict);
        // Stock by warehouse and grade; a holder's balance.
        movement.HasIndex(m => new { m.WarehouseId, m.Grade });
        movement.HasIndex(m => m.DeliveryId);
        movement.HasIndex(m => m.LotId);
    }
}

internal sealed class LotSaleConfiguration : IEntityTypeConfiguration<LotSale>
{
    public const int MaxBuyerLength = 200;

    public void Configure(EntityTypeBuilder<LotSale> sale)
    {
        sale.ToTable(table => table.HasCheckConstraint("ck_lot_sales_money", "weight_kg > 0 AND price_per_kg_amount > 0 AND amount > 0 AND price_currency = amount_currency"));
        sale.HasKey(s => s.Id);
        sale.Property(s => s.Id).ValueGeneratedOnAdd();
        sale.Property(s => s.WeightKg).HasPrecision(14, 3);
        sale.Property(s => s.BuyerName).HasMaxLength(MaxBuyerLength);
        sale.ComplexProperty(s => s.PricePerKg, money =>
        {
            money.Property(m => m.Amount).HasColumnName("price_per_kg_amount").HasPrecision(19, 4);
            money.Property(m => m.Currency).HasColumnName("price_currency").HasConversion<string>().HasMaxLength(3);
        });
        sale.ComplexProperty(s => s.Amount, money =>
        {
            money.Property(m => m.Amount).HasColumnName("amount").HasPrecision(19, 4);
            money.Property(m => m.Currency).HasColumnName("amount_currency").HasConversion<string>().HasMaxLength(3);
        });
        sale.HasOne<Lot>().WithMany().HasForeignKey(s => s.LotId).OnDelete(DeleteBehavior.Restrict);
        sale.HasOne<User>().WithMany().HasForeignKey(s => s.BuyerUserId).OnDelete(DeleteBehavior.SetNull);
        sale.HasOne<User>().WithMany().HasForeignKey(s => s.SoldBy).OnDelete(DeleteBehavior.Restrict);
        sale.HasIndex(s => s.LotId);
    }
}

internal sealed class TraceEventConfiguration : IEntityTypeConfiguration<TraceEvent>
{
    public void Configure(EntityTypeBuilder<TraceEvent> traceEvent)
    {
        traceEvent.ToTable(table =>
        {
            table.HasCheckConstraint("ck_trace_events_kind", EnumNames<TraceEventKind>.CheckIn("kind"));
            table.HasCheckConstraint("ck_trace_events_sequence", "sequence >= 1");
            table.HasCheckConstraint("ck_trace_events_hashes", "hash ~ '^[0-9a-f]{64}$' AND previous_hash ~ '^[0-9a-f]{64}$'");
        });
        traceEvent.HasKey(e => e.Id);
        traceEvent.Property(e => e.Id).UseIdentityAlwaysColumn();
        traceEvent.Property(e => e.Kind).HasConversion<EnumNameConverter<TraceEventKind>>().HasMaxLength(EnumNames<TraceEventKind>.MaxLength);
        traceEvent.Property(e => e.Payload).HasColumnType("jsonb");
        traceEvent.Property(e => e.Hash).HasMaxLength(64).IsFixedLength();
        traceEvent.Property(e => e.PreviousHash).HasMaxLength(64).IsFixedLength();
        traceEvent.HasOne<Cooperative>().WithMany().HasForeignKey(e => e.CooperativeId).OnDelete(DeleteBehavior.Restrict);
        // The chain: one event per place, no two events claiming the same predecessor.
        traceEvent.HasIndex(e => new { e.CooperativeId, e.Sequence }).IsUnique();
        traceEvent.HasIndex(e => e.DeliveryId);
        traceEvent.HasIndex(e => e.LotId);
    }
}
