using System.Text;
using Graph.Api.Payments.Providers;

namespace Graph.Api.Tests.Payments;

/// <summary>The callbacks' signature on its own: what it accepts (any current secret, any of several v1 values, within the
/// tolerance either side) and what it refuses, and why.</summary>
public sealed class CallbackSignatureTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"eventId":"evt-1","status":"SUCCESSFUL","amount":"2500","currency":"XOF"}""");
    private static readonly DateTimeOffset SignedAt = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private const string Current = "a-current-secret-of-more-than-32-characters";
    private const string Previous = "the-previous-secret-of-more-than-32-chars";

    [Fact]
    public void A_signature_made_with_the_current_or_the_previous_secret_is_valid()
    {
        Assert.Null(CallbackSignature.Verify(CallbackSignature.Sign(Body, SignedAt, Current), Body, [Current, Previous], SignedAt, Tolerance));
        Assert.Null(CallbackSignature.Verify(CallbackSignature.Sign(Body, SignedAt, Previous), Body, [Current, Previous], SignedAt, Tolerance));
        // A sender in the middle of a rotation signs with both.
        Assert.Null(CallbackSignature.Verify(CallbackSignature.Sign(Body, SignedAt, "an-unknown-secret-of-more-than-32-chars", Current), Body, [Current], SignedAt, Tolerance));
    }

    [Fact]
    public void A_single_changed_byte_of_the_body_breaks_the_signature()
    {
        var header = CallbackSignature.Sign(Body, SignedAt, Current);
        var tampered = (byte[])Body.Clone();
        tampered[^5] ^= 1;

        Assert.Equal(CallbackRejection.BadSignature, CallbackSignature.Verify(header, tampered, [Current], SignedAt, Tolerance)?.Rejection);
    }

    [Theory]
    [InlineData(-301, CallbackRejection.StaleTimestamp)]
    [InlineData(-300, null)]
    [InlineData(300, null)]
    [InlineData(301, CallbackRejection.StaleTimestamp)]
    public void The_timestamp_must_be_within_the_tolerance_either_side(int secondsFromNow, CallbackRejection? expected)
    {
        var header = CallbackSignature.Sign(Body, SignedAt, Current);

        Assert.Equal(expected, CallbackSignature.Verify(header, Body, [Current], SignedAt - TimeSpan.FromSeconds(secondsFromNow), Tolerance)?.Rejection);
    }

    [Fact]
    public void Changing_the_timestamp_of_a_valid_signature_breaks_it()
    {
        var header = CallbackSignature.Sign(Body, SignedAt, Current);
        var moved = header.Replace($"t={SignedAt.ToUnixTimeSeconds()}", $"t={SignedAt.ToUnixTimeSeconds() + 60}", StringComparison.Ordinal);

        Assert.Equal(CallbackRejection.BadSignature, CallbackSignature.Verify(moved, Body, [Current], SignedAt, Tolerance)?.Rejection);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=00")]
    [InlineData("t=1795338000")]
    [InlineData("t=soon,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1795338000,v1=not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-")]
    [InlineData("t=1795338000,v0=0000000000000000000000000000000000000000000000000000000000000000")]
    public void A_missing_or_malformed_signature_is_refused(string? header)
    {
        var refusal = CallbackSignature.Verify(header, Body, [Current], SignedAt, Tolerance);

        Assert.Equal(CallbackRejection.BadSignature, refusal?.Rejection);
        Assert.False(string.IsNullOrWhiteSpace(refusal?.Error));
    }

    [Fact]
    public void Without_a_configured_secret_nothing_is_accepted()
    {
        var header = CallbackSignature.Sign(Body, SignedAt, Current);

        Assert.Equal(CallbackRejection.BadSignature, CallbackSignature.Verify(header, Body, [], SignedAt, Tolerance)?.Rejection);
    }
}
