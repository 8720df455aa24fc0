using System.Text;
using Npgsql;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>The rows of every table, for tests that a request changed nothing.</summary>
public static class TableRows
{
    /// <summary>The row count of every base table of the public schema, as one line (<c>table=count</c>, by table name):
    /// equal lines before and after a request mean it added and removed no row anywhere.</summary>
    public static async Task<string> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var counts = new StringBuilder();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts.Append(table).Append('=').Append(await count.ExecuteScalarAsync()).Append(' ');
        }
        return counts.ToString();
    }
}
