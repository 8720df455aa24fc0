using Graph.Api.Audit;
using Graph.GraphQL.Types;

namespace Graph.Api.Notifications;

/// <summary>A device that receives the user's push notifications (its push service token: FCM, APNs or Web Push).</summary>
[NotAudited]
public sealed class PushDevice
{
    /// <summary>The longest token, in characters.</summary>
    public const int MaxTokenLength = 512;

    [GraphQLIgnore]
    public Guid Id { get; init; }

    [GraphQLIgnore]
    public Guid UserId { get; set; }

    /// <summary>The push service's token for the device.</summary>
    [GraphQLIgnore]
    public required string Token { get; init; }

    /// <summary>The kind of device.</summary>
    public PushPlatform Platform { get; set; }

    /// <summary>When the device was first registered.</summary>
    public DateTime RegisteredAt { get; init; }

    /// <summary>When the device last registered (apps register at every start).</summary>
    public DateTime LastSeenAt { get; set; }
}
