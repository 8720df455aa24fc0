using Graph.GraphQL.Subscriptions;

namespace Graph.GraphQL.Tests.Subscriptions;

public sealed class SubscriptionOptionsTests
{
    private static PostgresSubscriptionOptions Valid() => new() { ConnectionString = "Host=localhost" };

    public static TheoryData<string> InvalidPostgresOptions => new()
    {
        "no data source", "empty channel", "long channel", "NUL in channel", "small messages", "small incomplete limit",
        "zero timeout", "infinite keep-alive", "max delay below delay", "no buffer",
    };

    [Theory]
    [MemberData(nameof(InvalidPostgresOptions))]
    public void Invalid_postgres_options_are_refused(string name)
    {
        var options = Valid();
        switch (name)
        {
            case "no data source": options.ConnectionString = " "; break;
            case "empty channel": options.ChannelName = ""; break;
            case "long channel": options.ChannelName = new string('é', 32); break;
            case "NUL in channel": options.ChannelName = "a\0b"; break;
            case "small messages": options.MaxMessageSize = 100; break;
            case "small incomplete limit": options.MaxIncompleteMessageBytes = options.MaxMessageSize - 1; break;
            case "zero timeout": options.IncompleteMessageTimeout = TimeSpan.Zero; break;
            case "infinite keep-alive": options.KeepAliveInterval = Timeout.InfiniteTimeSpan; break;
            case "max delay below delay": options.MaxReconnectDelay = TimeSpan.FromMilliseconds(100); break;
            case "no buffer": options.BufferCapacity = 0; break;
        }

        Assert.Throws<InvalidOperationException>(options.Validate);
    }

    [Fact]
    public void The_defaults_are_valid_and_documented_values()
    {
        var options = Valid();
        options.ChannelName = new string('c', 63);

        options.Validate();

        Assert.Equal(64, options.BufferCapacity);
        Assert.Equal(TopicBufferFullMode.DropOldest, options.BufferFullMode);
        Assert.Equal("graph_subscriptions", new PostgresSubscriptionOptions().ChannelName);
        Assert.True(PostgresNotificationCodec.MaxPayloadBytes < 8000);
    }
}
