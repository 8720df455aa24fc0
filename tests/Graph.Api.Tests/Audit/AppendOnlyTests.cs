using Graph.Api.Audit;
using Graph.Api.Tests.Infrastructure;
using Npgsql;

namespace Graph.Api.Tests.Audit;

/// <summary>The migrated database refuses to rewrite the audit log, whoever asks.</summary>
public sealed class AppendOnlyTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private Guid _entryId;

    public async Task InitializeAsync()
    {
        await using var db = database.CreateContext();
        var entry = new AuditLog(TimeProvider.System).Add(db, AuditActions.SessionRevoked, "Session", Guid.NewGuid().ToString(), new { by = "test" });
        await db.SaveChangesAsync();
        _entryId = entry.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<PostgresException> RefusedAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", _entryId);
        return await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", _entryId);
        return await command.ExecuteScalarAsync();
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET actor_name = 'someone else' WHERE id = @id", "UPDATE")]
    [InlineData("DELETE FROM audit_entries WHERE id = @id", "DELETE")]
    [InlineData("TRUNCATE audit_entries", "TRUNCATE")]
    public async Task Rewriting_the_log_is_refused(string sql, string operation)
    {
        var error = await RefusedAsync(sql);

        Assert.Equal(PostgresErrorCodes.RestrictViolation, error.SqlState);
        Assert.Equal($"The audit log is append-only: {operation} on audit_entries is refused.", error.MessageText);
        Assert.Equal("system", await ScalarAsync("SELECT actor_name FROM audit_entries WHERE id = @id"));
    }

    [Fact]
    public async Task Appending_is_allowed()
    {
        var before = (long)(await ScalarAsync("SELECT count(*) FROM audit_entries"))!;
        await using (var db = database.CreateContext())
        {
            new AuditLog(TimeProvider.System).Add(db, AuditActions.SessionRevoked, "Session", null);
            await db.SaveChangesAsync();
        }
        Assert.Equal(before + 1, (long)(await ScalarAsync("SELECT count(*) FROM audit_entries"))!);
    }
}
