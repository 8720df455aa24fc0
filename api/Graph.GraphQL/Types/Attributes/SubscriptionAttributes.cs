namespace Graph.GraphQL.Types;

/// <summary>
/// Marks a subscription field. The engine records it in the field's <c>ContextData</c> (see
/// <see cref="SubscriptionFieldInfo"/>). With <see cref="With"/> the named public method of the same class produces the
/// source stream (<see cref="IAsyncEnumerable{T}"/>) and becomes the field's subscribe resolver; without it the field
/// subscribes to its topic (see <see cref="TopicAttribute"/>) through the <see cref="Subscriptions.ITopicEventReceiver"/>
/// of the request services, and each event reaches the resolver as its <see cref="EventMessageAttribute"/> parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property)]
public sealed class SubscribeAttribute : Attribute
{
    /// <summary>The name of the method that creates the source stream, or null.</summary>
    public string? With { get; set; }

    /// <summary>The CLR type of the event messages, when it differs from the field's result.</summary>
    public Type? MessageType { get; set; }
}

/// <summary>
/// The topic of a subscription field. On the member, a fixed topic (default: the field name) in which <c>{argument}</c>
/// placeholders are replaced by the values of those arguments (<c>[Topic("paymentStatusChanged:{paymentId}")]</c>); on a
/// parameter, the argument whose value is the whole topic. Values are written with the invariant culture. Recorded in the
/// field's <c>ContextData</c> (see <see cref="SubscriptionFieldInfo"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TopicAttribute(string? name = null) : Attribute
{
    /// <summary>The topic name (or template), or null for the default.</summary>
    public string? Name { get; } = name;
}

/// <summary>Marks the resolver parameter that receives the subscription event (the parent value of a subscription field).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class EventMessageAttribute : Attribute;

/// <summary>
/// What <see cref="SubscribeAttribute"/> and <see cref="TopicAttribute"/> said about a subscription field, stored in the
/// field's <c>ContextData</c> under <see cref="ContextDataKey"/>.
/// </summary>
/// <param name="Topic">The fixed topic: the <see cref="TopicAttribute"/> name on the member, else the field name.</param>
/// <param name="TopicArgument">The GraphQL argument whose value is the topic (a <see cref="TopicAttribute"/> parameter), or null.</param>
/// <param name="With">The method producing the source stream (<see cref="SubscribeAttribute.With"/>), or null.</param>
/// <param name="MessageType">The CLR type of the event messages.</param>
public sealed record SubscriptionFieldInfo(string Topic, string? TopicArgument, string? With, Type? MessageType)
{
    /// <summary>The <c>ContextData</c> key of the field's <see cref="SubscriptionFieldInfo"/>.</summary>
    public const string ContextDataKey = "Graph.Subscription";
}
