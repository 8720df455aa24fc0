using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Graph.Api.Data;

/// <summary>
/// PostgreSQL's own style for the database: tables, columns, keys and indexes in snake_case
/// (<c>Book.AuthorId</c> becomes <c>books.author_id</c>), so that SQL written by hand needs no quotes.
/// Names set explicitly in a configuration are kept.
/// </summary>
public static class SnakeCaseNames
{
    public static ModelBuilder UseSnakeCaseNames(this ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && ((IConventionEntityType)entity).GetTableNameConfigurationSource() != ConfigurationSource.Explicit)
            {
                entity.SetTableName(ToSnakeCase(table));
            }

            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                RenameColumn(property, store);
            }

            foreach (var complex in entity.GetComplexProperties())
            {
                foreach (var property in complex.ComplexType.GetProperties())
                {
                    RenameColumn(property, store);
                }
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnakeCase(key.GetDefaultName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetDefaultName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnakeCase(index.GetDefaultDatabaseName()!));
            }
        }

        return modelBuilder;
    }

    private static void RenameColumn(IMutableProperty property, StoreObjectIdentifier store)
    {
        if (((IConventionProperty)property).GetColumnNameConfigurationSource() != ConfigurationSource.Explicit)
        {
            property.SetColumnName(ToSnakeCase(property.GetColumnName(store) ?? property.Name));
        }
    }

    /// <summary>"AuthorId" -> "author_id", "PK_Books" -> "pk_books", "Price_Amount" -> "price_amount".</summary>
    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previous = i > 0 ? name[i - 1] : '_';
                var next = i + 1 < name.Length ? name[i + 1] : '_';
                if (i > 0 && previous != '_' && (char.IsLower(previous) || char.IsDigit(previous) || char.IsLower(next)))
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
