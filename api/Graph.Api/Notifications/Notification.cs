using System.Text.Json;
using Graph.Api.Audit;
using Graph.GraphQL.Data;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Notifications;

/// <summary>
/// A notification in the user's in-app inbox (the bell of the apps and the SPA), written in the user's language when it was
/// created. Only its recipient sees it.
/// </summary>
[Node]
[NotAudited]
public sealed class Notification
{
    /// <summary>The longest title, in characters.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>The longest body, in characters.</summary>
    public const int MaxBodyLength = 2000;

    public Guid Id { get; init; }

    /// <summary>The recipient.</summary>
    [GraphQLIgnore]
    public Guid UserId { get; init; }

    /// <summary>What the notification is about.</summary>
    public NotificationCategory Category { get; init; }

    /// <summary>How urgent it is; apps may show URGENT ones above the rest.</summary>
    public NotificationPriority Priority { get; init; }

    /// <summary>The template it was written from, e.g. <c>tontine.member-added</c>: a stable key apps can branch on.</summary>
    public required string Template { get; init; }

    /// <summary>The headline, in the user's language.</summary>
    public required string Title { get; init; }

    /// <summary>The text, in the user's language.</summary>
    public required string Body { get; init; }

    /// <summary>What the notification refers to, for the apps to open it (e.g. <c>{"tontineId": "..."}</c>).</summary>
    public JsonDocument? Data { get; init; }

    /// <summary>When it was created.</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the user read it, or null while unread.</summary>
    /// <remarks>Always loaded by projections: <see cref="IsRead"/> is computed from it.</remarks>
    [IsProjected(true)]
    public DateTime? ReadAt { get; set; }

    /// <summary>Whether the user has read it.</summary>
    public bool IsRead => ReadAt is not null;
}
