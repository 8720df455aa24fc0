using System.Text.RegularExpressions;
using Graph.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Graph.Api.Deliveries;

/// <summary>The checks of the registry's texts and numbers, each adding an <see cref="InvalidRegistryInputError"/> naming its
/// field, so that a mutation reports every rule its input breaks at once.</summary>
internal static partial class RegistryRules
{
    /// <summary>The longest name or free text (cooperatives, planters, plots, warehouses, villages, locations, regions).</summary>
    public const int MaxTextLength = 200;

    /// <summary>The largest capacity a warehouse column holds, in kilograms (numeric(14, 3)).</summary>
    public const decimal MaxCapacityKg = 99_999_999_999.999m;

    /// <summary>A required text, trimmed: 1 to 200 characters, none a control character (PostgreSQL refuses NUL).</summary>
    public static string Required(string? value, string field, string what, List<InvalidRegistryInputError> errors)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add(new(field, $"Give the {what}."));
        }
        else if (text.Length > MaxTextLength || text.Any(char.IsControl))
        {
            errors.Add(new(field, $"The {what} has at most {MaxTextLength} characters, without control characters."));
        }
        return text;
    }

    /// <summary>An optional text, trimmed (empty becomes null): at most 200 characters, none a control character.</summary>
    public static string? Optional(string? value, string field, string what, List<InvalidRegistryInputError> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Length > MaxTextLength || text.Any(char.IsControl))
        {
            errors.Add(new(field, $"The {what} has at most {MaxTextLength} characters, without control characters."));
        }
        return text;
    }

    /// <summary>A cooperative's code, trimmed and upper-cased: letters A-Z, digits and dashes, starting with a letter or digit,
    /// at most 32 characters.</summary>
    public static string CooperativeCode(string? value, List<InvalidRegistryInputError> errors)
    {
        var code = (value ?? "").Trim().ToUpperInvariant();
        if (!CodePattern().IsMatch(code) || code.Length > CooperativeConfiguration.MaxCodeLength)
        {
            errors.Add(new("code", $"The code is 1 to {CooperativeConfiguration.MaxCodeLength} letters (A-Z), digits and dashes, starting with a letter or digit (SCAS-SOUBRE)."));
        }
        return code;
    }

    /// <summary>An ISO 3166-1 alpha-2 country code, upper-cased.</summary>
    public static string Country(string? value, List<InvalidRegistryInputError> errors)
    {
        var country = (value ?? "").Trim().ToUpperInvariant();
        if (!CountryPattern().IsMatch(country))
        {
            errors.Add(new("country", "The country is an ISO 3166-1 alpha-2 code of two letters (CI, GH, CM)."));
        }
        return country;
    }

    /// <summary>A phone number in E.164 form; empty becomes null.</summary>
    public static string? Phone(string? value, List<InvalidRegistryInputError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (Identity.PhoneNumbers.TryNormalize(value, out var e164, out var problem))
        {
            return e164;
        }
        errors.Add(new("phone", problem));
        return null;
    }

    /// <summary>A warehouse capacity: more than 0 kg, at most 3 decimals, within the column.</summary>
    public static void Capacity(decimal capacityKg, List<InvalidRegistryInputError> errors)
    {
        if (capacityKg <= 0)
        {
            errors.Add(new("capacityKg", "The capacity is more than 0 kg."));
        }
        else if (capacityKg > MaxCapacityKg)
        {
            errors.Add(new("capacityKg", $"The capacity is at most {MaxCapacityKg} kg."));
        }
        else if (decimal.Round(capacityKg, 3) != capacityKg)
        {
            errors.Add(new("capacityKg", "The capacity is given to the gram: at most 3 decimals."));
        }
    }

    /// <summary>Whether saving failed on the unique index named <paramref name="index"/>.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception, string index) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
        && string.Equals(unique.ConstraintName, index, StringComparison.Ordinal);

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}

/// <summary>Row locks of the registry's tables (SELECT ... FOR NO KEY UPDATE, which the foreign key checks of rows inserted
/// elsewhere do not wait for), taken in ID order so that two transactions never
/// wait on each other in a circle. EF Core cannot compose FromSql over these entities, so the lock is one statement and the
/// rows are read after it.</summary>
internal static class RegistryLocks
{
    /// <summary>Locks the rows of <paramref name="ids"/> in <paramref name="table"/> (one of the registry's own table names)
    /// until the transaction ends; returns the IDs that exist.</summary>
    public static async Task<HashSet<Guid>> LockAsync(GraphDbContext db, string table, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        if (table is not ("cooperatives" or "planters" or "plots" or "warehouses"))
        {
            throw new ArgumentOutOfRangeException(nameof(table), table, "Not a table of the registry.");
        }
        var keys = ids.Distinct().ToArray();
        if (keys.Length == 0)
        {
            return [];
        }
        var sql = $"SELECT id AS \"Value\" FROM {table} WHERE id = ANY(@ids) ORDER BY id FOR NO KEY UPDATE";
        var locked = await db.Database.SqlQueryRaw<Guid>(sql, new NpgsqlParameter("ids", keys)).ToListAsync(cancellationToken);
        return [.. locked];
    }
}
