using System.Text.Json;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Graph.Api.Tontines;

namespace Graph.Api.Tests.Tontines;

/// <summary>The server in memory over a test database, with what the tontine tests repeat: users, tontines made through
/// the graph, members added in the database, and reading payloads.</summary>
internal sealed class TontineTestKit(DatabaseFixture database) : IAsyncDisposable
{
    public const string Create = """
        mutation($input: CreateTontineInput!) {
          createTontine(input: $input) {
            tontine { id name type frequency status memberLimit savingsPercent sessionCount payoutOrder myRole joinCode memberCount
                      contribution { amount currency } startDate rules { graceDays penaltyMode penaltyRate penaltyCap { amount currency } } }
            errors { __typename ... on Error { code message } ... on InvalidTontineInputError { field } }
          }
        }
        """;

    private readonly GraphApiFactory _factory = new(database.ConnectionString, services: TestClients.Add);
    private HttpClient? _client;

    public DatabaseFixture Database => database;

    public HttpClient Client => _client ??= _factory.CreateClient();

    /// <summary>The global ID of a <paramref name="type"/> with this key.</summary>
    public static string Id(string type, Guid key) => new Graph.GraphQL.Types.Relay.DefaultNodeIdSerializer().Format(type, key);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd");

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await _factory.DisposeAsync();
    }

    public async Task<GraphQLHttpResponse> SendAsync(string query, object? variables, Guid user, params string[] roles) =>
        await Client.SendGraphQLAsync(GraphQLHttp.PostQuery(query, variables).As(user, "Test", roles));

    /// <summary>The response's data, after checking it has no GraphQL error.</summary>
    public static JsonElement Data(GraphQLHttpResponse response)
    {
        Assert.False(response.HasErrors, response.Text);
        return response.Body.GetProperty("data");
    }

    /// <summary>The codes of a payload's errors, in order; empty when it has none.</summary>
    public static List<string> Codes(JsonElement payload) =>
        payload.GetProperty("errors").ValueKind == JsonValueKind.Null
            ? []
            : payload.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();

    /// <summary>Runs a mutation <c>field(input: $input) { errors { ... on Error { code } } }</c> and returns its error codes.</summary>
    public async Task<List<string>> CodesAsync(string field, string inputType, object input, Guid user, params string[] roles)
    {
        var response = await SendAsync($"mutation($input: {inputType}!) {{ {field}(input: $input) {{ errors {{ ... on Error {{ code }} }} }} }}", new { input }, user, roles);
        return Codes(Data(response).GetProperty(field));
    }

    public async Task<Guid> UserAsync(string displayName)
    {
        await using var db = database.CreateContext();
        var now = DateTime.UtcNow;
        var user = new User
        {
            Email = $"{Guid.NewGuid():N}@tontines.test",
            DisplayName = displayName,
            PreferredLanguage = PreferredLanguage.Fr,
            CreatedAt = now,
            PasswordChangedAt = now,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>The input of a valid ROTATING monthly tontine of 10,000 XOF starting tomorrow, with <paramref name="changes"/>
    /// merged over it.</summary>
    public static Dictionary<string, object?> Input(string name, object? changes = null)
    {
        var input = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["type"] = "ROTATING",
            ["frequency"] = "MONTHLY",
            ["contribution"] = new { amount = 10000, currency = "XOF" },
            ["startDate"] = Date(Today.AddDays(1)),
        };
        if (changes is not null)
        {
            foreach (var property in changes.GetType().GetProperties())
            {
                input[property.Name] = property.GetValue(changes);
            }
        }
        return input;
    }

    /// <summary>Creates a tontine through the graph as <paramref name="president"/>; returns its ID.</summary>
    public async Task<Guid> CreateAsync(Guid president, string name, object? changes = null)
    {
        var payload = Data(await SendAsync(Create, new { input = Input(name, changes) }, president)).GetProperty("createTontine");
        Assert.Empty(Codes(payload));
        return GlobalIds.KeyOf(payload.GetProperty("tontine").GetProperty("id").GetString()!);
    }

    /// <summary>Adds members straight into the database.</summary>
    public async Task AddMembersAsync(Guid tontine, TontineRole role, params Guid[] users)
    {
        await using var db = database.CreateContext();
        var now = DateTime.UtcNow;
        foreach (var user in users)
        {
            db.TontineMembers.Add(new TontineMember { TontineId = tontine, UserId = user, Role = role, JoinedAt = now });
        }
        await db.SaveChangesAsync();
    }

    public async Task<string> JoinCodeAsync(Guid tontine)
    {
        await using var db = database.CreateContext();
        return db.Tontines.Where(t => t.Id == tontine).Select(t => t.JoinCode).Single();
    }

    public GraphDbContext Context() => database.CreateContext();
}
