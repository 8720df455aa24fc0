using System.Net;
using System.Text;
using System.Text.Json;
using Graph.Api.Tests.GraphQL;
using Graph.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Identity;

/// <summary>
/// The real server on a test's own database, with a clock the test moves (<see cref="Clock"/>) and the client address
/// taken from the test header <see cref="ClientAddressHeader"/>, plus the identity mutations over HTTP.
/// </summary>
internal sealed class IdentityHost : IAsyncDisposable
{
    /// <summary>The test header that sets the connection's remote address (the in-memory server has none).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>The signing key of appsettings.Development.json.</summary>
    public const string DevelopmentSigningKey = "development-only-signing-key-do-not-use-in-production-0123456789";

    public const string TokensSelection = "tokens { accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt tokenType }";
    public const string UserSelection = "user { id email phone displayName preferredLanguage roles createdAt }";

    public const string RegisterMutation = $$"""
        mutation($input: RegisterInput!) {
          register(input: $input) {
            {{UserSelection}}
            {{TokensSelection}}
            errors { __typename ... on Error { message code } ... on InvalidAccountInputError { field } ... on WeakPasswordError { field } ... on AccountAlreadyExistsError { field } }
          }
        }
        """;

    public const string LoginMutation = $$"""
        mutation($input: LoginInput!) {
          login(input: $input) {
            {{UserSelection}}
            {{TokensSelection}}
            errors { __typename ... on Error { message code } ... on TooManyAttemptsError { retryAfterSeconds } }
          }
        }
        """;

    public const string RefreshMutation = $$"""
        mutation($input: RefreshTokenInput!) {
          refreshToken(input: $input) { {{TokensSelection}} errors { __typename ... on Error { message code } } }
        }
        """;

    public const string LogoutMutation = """
        mutation($input: LogoutInput!) {
          logout(input: $input) { revokedAt errors { __typename ... on Error { message code } } }
        }
        """;

    private IdentityHost(GraphApiFactory factory, ManualClock clock)
    {
        Factory = factory;
        Clock = clock;
        Client = factory.CreateClient();
    }

    public GraphApiFactory Factory { get; }

    public ManualClock Clock { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => Factory.Services;

    public static IdentityHost Start(
        DatabaseFixture database,
        IReadOnlyDictionary<string, string?>? settings = null,
        ManualClock? clock = null,
        Action<IServiceCollection>? services = null) =>
        Start(database.ConnectionString, settings, clock, services);

    public static IdentityHost Start(
        string connectionString,
        IReadOnlyDictionary<string, string?>? settings = null,
        ManualClock? clock = null,
        Action<IServiceCollection>? services = null)
    {
        clock ??= new ManualClock();
        var factory = new GraphApiFactory(connectionString, settings: settings, services: collection =>
        {
            collection.AddSingleton<TimeProvider>(clock);
            collection.AddTransient<IStartupFilter, ClientAddressFromHeader>();
            services?.Invoke(collection);
        });
        return new IdentityHost(factory, clock);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    /// <summary>Posts a GraphQL request, with <c>Authorization: Bearer</c> when a token is given.</summary>
    public Task<GraphQLHttpResponse> SendAsync(string query, object? variables = null, string? accessToken = null, string? authorization = null,
        string accept = GraphQLHttp.ResponseJson, string? clientAddress = null)
    {
        var request = GraphQLHttp.PostQuery(query, variables, accept);
        if (accessToken is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + accessToken);
        }
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        if (clientAddress is not null)
        {
            request.Headers.TryAddWithoutValidation(ClientAddressHeader, clientAddress);
        }
        return Client.SendGraphQLAsync(request);
    }

    /// <summary>Runs a mutation that must succeed as a GraphQL request and returns its payload.</summary>
    public async Task<JsonElement> MutateAsync(string mutation, string field, object input, string? clientAddress = null, string? userAgent = null)
    {
        var request = GraphQLHttp.PostQuery(mutation, new Dictionary<string, object?> { ["input"] = input });
        if (clientAddress is not null)
        {
            request.Headers.TryAddWithoutValidation(ClientAddressHeader, clientAddress);
        }
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }
        var response = await Client.SendGraphQLAsync(request);
        response.Is(HttpStatusCode.OK, GraphQLHttp.ResponseJson);
        Assert.False(response.HasErrors, response.Text);
        return response.Body.GetProperty("data").GetProperty(field).Clone();
    }

    public Task<JsonElement> RegisterAsync(object input, string? clientAddress = null, string? userAgent = null) =>
        MutateAsync(RegisterMutation, "register", input, clientAddress, userAgent);

    /// <summary>Registers an account that must be created; returns the payload.</summary>
    public async Task<JsonElement> RegisterOkAsync(string? email = null, string? phone = null, string password = "baobab-sous-la-pluie", string displayName = "Awa Diop")
    {
        var payload = await RegisterAsync(new Dictionary<string, object?> { ["email"] = email, ["phone"] = phone, ["displayName"] = displayName, ["password"] = password });
        Assert.True(payload.GetProperty("errors").ValueKind == JsonValueKind.Null, payload.ToString());
        return payload;
    }

    /// <summary>
    /// Signs in to the account, registering it first when it does not exist yet (tests of one class share a database, and
    /// each test runs the class's initialisation again); returns a payload with the user and tokens.
    /// </summary>
    public async Task<JsonElement> EnsureAccountAsync(string? email = null, string? phone = null, string password = "baobab-sous-la-pluie", string displayName = "Awa Diop")
    {
        var registered = await RegisterAsync(new Dictionary<string, object?> { ["email"] = email, ["phone"] = phone, ["displayName"] = displayName, ["password"] = password });
        if (registered.GetProperty("errors").ValueKind == JsonValueKind.Null)
        {
            return registered;
        }
        Assert.All(registered.GetProperty("errors").EnumerateArray(), e => Assert.Equal("ACCOUNT_ALREADY_EXISTS", e.GetProperty("code").GetString()));
        var login = await LoginAsync((email ?? phone)!, password);
        Assert.True(login.GetProperty("errors").ValueKind == JsonValueKind.Null, login.ToString());
        return login;
    }

    public Task<JsonElement> LoginAsync(string login, string password, string? device = null, string? clientAddress = null, string? userAgent = null) =>
        MutateAsync(LoginMutation, "login", new Dictionary<string, object?> { ["login"] = login, ["password"] = password, ["device"] = device }, clientAddress, userAgent);

    public Task<JsonElement> RefreshAsync(string refreshToken) =>
        MutateAsync(RefreshMutation, "refreshToken", new { refreshToken });

    public Task<JsonElement> LogoutAsync(string refreshToken) =>
        MutateAsync(LogoutMutation, "logout", new { refreshToken });

    public static string AccessToken(JsonElement payload) => payload.GetProperty("tokens").GetProperty("accessToken").GetString()!;

    public static string RefreshToken(JsonElement payload) => payload.GetProperty("tokens").GetProperty("refreshToken").GetString()!;

    /// <summary>The single error of a payload: its __typename and code.</summary>
    public static (string Type, string Code, JsonElement Error) SingleError(JsonElement payload)
    {
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        return (error.GetProperty("__typename").GetString()!, error.GetProperty("code").GetString()!, error);
    }

    /// <summary>The claims of a JWT's payload, read without checking it.</summary>
    public static JsonElement Claims(string jwt)
    {
        var payload = jwt.Split('.')[1];
        return JsonDocument.Parse(Base64UrlDecode(payload)).RootElement.Clone();
    }

    public static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    public static string Base64UrlEncode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static string Base64UrlEncode(string text) => Base64UrlEncode(Encoding.UTF8.GetBytes(text));

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
