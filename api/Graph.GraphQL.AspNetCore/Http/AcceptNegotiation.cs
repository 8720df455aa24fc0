using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>
/// Picks the response media type from the <c>Accept</c> header (RFC 9110 proactive negotiation, as GraphQL over HTTP
/// asks): each of our two types takes the quality of the most specific range that matches it; the higher quality wins.
/// On a tie a type named explicitly beats one reached through a wildcard; between two explicit ones
/// <c>application/graphql-response+json</c> wins, between two wildcards <c>application/json</c> (what legacy clients
/// sending <c>*/*</c> expect). No header, or one that cannot be read, means <c>application/json</c>.
/// </summary>
internal static class AcceptNegotiation
{
    private const int Unmatched = -1;
    private const int AnyType = 0;
    private const int AnySubtype = 1;
    private const int Exact = 2;

    /// <summary>The media type to answer in, or false when the client accepts neither (406).</summary>
    private const int MaxRemembered = 64;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, AcceptDecision> Remembered = new(StringComparer.Ordinal);

    /// <summary>
    /// What an Accept header allows, parsed once per distinct header (clients send the same one on every request; a few
    /// dozen distinct headers are remembered, others are parsed each time).
    /// </summary>
    public static AcceptDecision Decide(StringValues accept)
    {
        var key = accept.Count <= 1 ? accept.ToString() : string.Join("\n", accept.ToArray());
        if (Remembered.TryGetValue(key, out var decision))
        {
            return decision;
        }
        var acceptsJson = TryNegotiate(accept, out var mediaType);
        decision = new AcceptDecision(acceptsJson, mediaType, AcceptsEventStream(accept), AcceptsHtml(accept));
        if (Remembered.Count < MaxRemembered)
        {
            Remembered.TryAdd(key, decision);
        }
        return decision;
    }

    private static bool TryNegotiate(StringValues accept, out ResponseMediaType mediaType)
    {
        mediaType = ResponseMediaType.Json;
        if (!TryParse(accept, out var ranges))
        {
            return true;
        }
        var (responseQuality, responseLevel) = Match(ranges, "application", "graphql-response+json");
        var (jsonQuality, jsonLevel) = Match(ranges, "application", "json");
        if (responseQuality <= 0 && jsonQuality <= 0)
        {
            return false;
        }
        var preferResponse = responseQuality != jsonQuality
            ? responseQuality > jsonQuality
            : responseLevel != jsonLevel ? responseLevel > jsonLevel : responseLevel == Exact;
        mediaType = preferResponse ? ResponseMediaType.GraphQLResponseJson : ResponseMediaType.Json;
        return true;
    }

    /// <summary>Whether the client names <c>text/html</c> explicitly (a browser navigating to the endpoint).</summary>
    private static bool AcceptsHtml(StringValues accept) =>
        TryParse(accept, out var ranges) && Match(ranges, "text", "html") is ( > 0, Exact);

    /// <summary>
    /// Whether the client names <c>text/event-stream</c> explicitly with a non-zero quality (a graphql-sse client or a
    /// browser's EventSource); wildcards do not count, so that clients of plain GraphQL over HTTP keep their JSON.
    /// </summary>
    private static bool AcceptsEventStream(StringValues accept) =>
        TryParse(accept, out var ranges) && Match(ranges, "text", "event-stream") is ( > 0, Exact);

    private static bool TryParse(StringValues accept, out IList<MediaTypeHeaderValue> ranges)
    {
        ranges = [];
        if (StringValues.IsNullOrEmpty(accept) || string.IsNullOrWhiteSpace(accept.ToString()))
        {
            return false;
        }
        if (!MediaTypeHeaderValue.TryParseList(accept, out var parsed) || parsed.Count == 0)
        {
            return false;
        }
        ranges = parsed;
        return true;
    }

    /// <summary>The quality and specificity of the most specific range matching <c>type/subtype</c>.</summary>
    private static (double Quality, int Level) Match(IList<MediaTypeHeaderValue> ranges, string type, string subtype)
    {
        var level = Unmatched;
        var quality = 0d;
        foreach (var range in ranges)
        {
            var rangeLevel = range.MatchesAllTypes ? AnyType
                : !range.Type.Equals(type, StringComparison.OrdinalIgnoreCase) ? Unmatched
                : range.MatchesAllSubTypes ? AnySubtype
                : range.SubType.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? Exact
                : Unmatched;
            if (rangeLevel == Unmatched || !IsUtf8(range))
            {
                continue;
            }
            var rangeQuality = range.Quality ?? 1d;
            if (rangeLevel > level || (rangeLevel == level && rangeQuality > quality))
            {
                level = rangeLevel;
                quality = rangeQuality;
            }
        }
        return (quality, level);
    }

    private static bool IsUtf8(MediaTypeHeaderValue range) =>
        !range.Charset.HasValue || range.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What a request's Accept header allows: JSON (and which media type), Server-Sent Events, HTML (the IDE).</summary>
internal readonly record struct AcceptDecision(bool AcceptsJson, ResponseMediaType MediaType, bool AcceptsEventStream, bool AcceptsHtml);
