using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Graph.Api.Tests.GraphQL;

/// <summary>Builds GraphQL-over-HTTP requests and reads their responses, for the transport tests.</summary>
internal static class GraphQLHttp
{
    public const string ResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>A POST of <paramref name="body"/> (JSON text) with the given Content-Type and Accept (none when null).</summary>
    public static HttpRequestMessage Post(string body, string? accept = ResponseJson, string? contentType = Json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = content };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return request;
    }

    /// <summary>A POST of <c>{"query": query, "variables": variables}</c>.</summary>
    public static HttpRequestMessage PostQuery(string query, object? variables = null, string? accept = ResponseJson) =>
        Post(JsonSerializer.Serialize(new { query, variables }), accept);

    /// <summary>A GET with the given query-string parameters.</summary>
    public static HttpRequestMessage Get(IEnumerable<KeyValuePair<string, string>> parameters, string? accept = ResponseJson)
    {
        var query = string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?" + query);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return request;
    }

    /// <summary>Sends the request and reads the answer.</summary>
    public static async Task<GraphQLHttpResponse> SendGraphQLAsync(this HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new GraphQLHttpResponse(response.StatusCode, response.Content.Headers.ContentType, text, response.Headers, response.Content.Headers);
    }
}

/// <summary>A response of the GraphQL endpoint: status, Content-Type, body text and headers.</summary>
internal sealed record GraphQLHttpResponse(
    HttpStatusCode Status,
    MediaTypeHeaderValue? ContentType,
    string Text,
    HttpResponseHeaders Headers,
    HttpContentHeaders ContentHeaders)
{
    public JsonElement Body => JsonDocument.Parse(Text).RootElement;

    public string? MediaType => ContentType?.MediaType;

    /// <summary>The <c>extensions.code</c> of the single error.</summary>
    public string? ErrorCode => Assert.Single(Body.GetProperty("errors").EnumerateArray()).GetProperty("extensions").GetProperty("code").GetString();

    public bool HasData => Body.TryGetProperty("data", out _);

    public bool HasErrors => Body.TryGetProperty("errors", out _);

    /// <summary>Asserts the status, the media type (with charset utf-8) and that the body is a GraphQL response.</summary>
    public GraphQLHttpResponse Is(HttpStatusCode status, string mediaType)
    {
        Assert.True(status == Status, $"Expected {(int)status}, got {(int)Status}: {Text}");
        Assert.Equal(mediaType, MediaType);
        Assert.Equal("utf-8", ContentType?.CharSet);
        Assert.True(HasData || HasErrors, Text);
        return this;
    }

    /// <summary>Asserts a request error of the transport or engine: <paramref name="status"/>, no data, one error with <paramref name="code"/>.</summary>
    public GraphQLHttpResponse IsRequestError(HttpStatusCode status, string mediaType, string code)
    {
        Is(status, mediaType);
        Assert.False(HasData, Text);
        Assert.Equal(code, ErrorCode);
        return this;
    }
}
