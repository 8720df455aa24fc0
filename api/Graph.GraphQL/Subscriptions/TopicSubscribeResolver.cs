using System.Globalization;
using System.Reflection;
using System.Text;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.GraphQL.Subscriptions;

/// <summary>
/// The subscribe resolver of a <see cref="SubscribeAttribute"/> field without <see cref="SubscribeAttribute.With"/>: it
/// subscribes through the <see cref="ITopicEventReceiver"/> of the request services to the field's topic, and each event
/// becomes the parent value of the field's resolver (its <see cref="EventMessageAttribute"/> parameter).
/// </summary>
/// <remarks>
/// The topic is, in order: the value of the argument marked <see cref="TopicAttribute"/>; else the member's topic
/// (<c>[Topic("name")]</c>, by default the field name) with each <c>{argument}</c> placeholder replaced by that
/// argument's value. Values are written with the invariant culture (as <c>FormattableString.Invariant</c> would), so a
/// sender builds the same topic with <c>string.Create(CultureInfo.InvariantCulture, $"paymentStatusChanged:{id}")</c>.
/// </remarks>
internal static class TopicSubscribeResolver
{
    private static readonly MethodInfo SubscribeMethod = typeof(TopicSubscribeResolver).GetMethod(nameof(SubscribeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private delegate ValueTask<ISourceStream> Subscribe(ITopicEventReceiver receiver, string topic, CancellationToken cancellationToken);

    /// <summary>The subscribe resolver of a field; null with <paramref name="error"/> when its topic template names an unknown argument.</summary>
    public static SubscribeResolverDelegate? Create(SubscriptionFieldInfo info, IReadOnlyCollection<string> argumentNames, out string? error)
    {
        error = null;
        Func<IResolverContext, string> topic;
        if (info.TopicArgument is { } argument)
        {
            topic = context => Format(context, argument);
        }
        else
        {
            var parts = ParseTemplate(info.Topic, argumentNames, out error);
            if (parts is null)
            {
                return null;
            }
            topic = parts.Count == 1 && parts[0].Argument is null
                ? _ => info.Topic
                : context => Expand(context, parts);
        }
        var subscribe = SubscribeMethod.MakeGenericMethod(info.MessageType ?? typeof(object)).CreateDelegate<Subscribe>();
        return async context =>
        {
            var receiver = context.Services.GetService<ITopicEventReceiver>()
                ?? throw new GraphQLException(new GraphQLError(
                    "Subscriptions are not configured on this server: no topic event provider is registered (AddInMemorySubscriptions or AddPostgresSubscriptions).")
                    .WithCode(ErrorCodes.SubscriptionsNotConfigured));
            var stream = await subscribe(receiver, topic(context), context.RequestAborted).ConfigureAwait(false);
            return new SourceStreamEvents(stream);
        };
    }

    private static async ValueTask<ISourceStream> SubscribeAsync<TMessage>(ITopicEventReceiver receiver, string topic, CancellationToken cancellationToken) =>
        await receiver.SubscribeAsync<TMessage>(topic, cancellationToken).ConfigureAwait(false);

    /// <summary>The literal text and <c>{argument}</c> placeholders of a topic; null with an error for an unknown argument or a stray brace.</summary>
    internal static List<(string? Text, string? Argument)>? ParseTemplate(string template, IReadOnlyCollection<string> argumentNames, out string? error)
    {
        error = null;
        var parts = new List<(string? Text, string? Argument)>();
        var text = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{')
            {
                var end = template.IndexOf('}', i + 1);
                var name = end < 0 ? null : template[(i + 1)..end];
                if (name is null || !argumentNames.Contains(name))
                {
                    error = name is null
                        ? $"the topic \"{template}\" has a '{{' without '}}'"
                        : $"the topic \"{template}\" refers to {{{name}}}, which is not an argument of the field";
                    return null;
                }
                if (text.Length > 0)
                {
                    parts.Add((text.ToString(), null));
                    text.Clear();
                }
                parts.Add((null, name));
                i = end + 1;
                continue;
            }
            if (c == '}')
            {
                error = $"the topic \"{template}\" has a '}}' without '{{'";
                return null;
            }
            text.Append(c);
            i++;
        }
        if (text.Length > 0 || parts.Count == 0)
        {
            parts.Add((text.ToString(), null));
        }
        return parts;
    }

    private static string Expand(IResolverContext context, List<(string? Text, string? Argument)> parts)
    {
        var topic = new StringBuilder();
        foreach (var (text, argument) in parts)
        {
            topic.Append(argument is null ? text : Format(context, argument));
        }
        return topic.ToString();
    }

    /// <summary>An argument's value as topic text.</summary>
    private static string Format(IResolverContext context, string argument)
    {
        var value = context.ArgumentValue(argument);
        return value switch
        {
            null => throw new GraphQLException(new GraphQLError(
                $"The argument \"{argument}\" needs a value: it names the events to subscribe to.").WithCode(ErrorCodes.BadUserInput)),
            string text => text,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            bool or char => value.ToString()!,
            _ => throw new InvalidOperationException(
                $"The argument \"{argument}\" of {context.ObjectType.Name}.{context.Field.Name} cannot form a topic: {value.GetType()} values have no text form. Use a scalar or enum argument."),
        };
    }

    /// <summary>
    /// A source stream as the executor reads it. Ending the enumeration unsubscribes (the stream does so itself), and so
    /// does disposing this object when the response stream is disposed before it was read.
    /// </summary>
    private sealed class SourceStreamEvents(ISourceStream stream) : IAsyncEnumerable<object?>, IAsyncDisposable
    {
        public IAsyncEnumerator<object?> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
            stream.ReadEventsAsync().GetAsyncEnumerator(cancellationToken);

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
