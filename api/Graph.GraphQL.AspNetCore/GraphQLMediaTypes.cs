namespace Graph.GraphQL.AspNetCore;

/// <summary>The media types of GraphQL over HTTP.</summary>
public static class GraphQLMediaTypes
{
    /// <summary>The preferred response type: its status codes tell request errors from results.</summary>
    public const string GraphQLResponseJson = "application/graphql-response+json";

    /// <summary>The request body type, and the response type of legacy clients (always 200 for well-formed requests).</summary>
    public const string Json = "application/json";

    /// <summary>Server-Sent Events (graphql-sse): results of subscriptions, and of any request that asks for it.</summary>
    public const string EventStream = "text/event-stream";

    /// <summary>The schema as SDL.</summary>
    public const string Sdl = "text/plain";
}
