using Graph.Api.Audit;
using Graph.Api.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Data;

/// <summary>The one EF Core model over the PostgreSQL database. Entities configure themselves in their
/// domain folder (one <see cref="IEntityTypeConfiguration{TEntity}"/> each).</summary>
public sealed class GraphDbContext(DbContextOptions<GraphDbContext> options) : DbContext(options)
{
    public DbSet<Author> Authors => Set<Author>();

    public DbSet<Book> Books => Set<Book>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GraphDbContext).Assembly);
        modelBuilder.UseSnakeCaseNames();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Times are UTC instants everywhere in the graph.
        configuration.Properties<DateTime>().HaveColumnType("timestamp with time zone");
    }
}
