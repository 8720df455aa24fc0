using System.Net;
using System.Text;
using Graph.Api.Payments;
using Graph.Api.Payments.Providers;
using Graph.Api.Payments.Providers.Http;
using Graph.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Payments.Providers;

/// <summary>A provider configured with <c>Kind: Http</c> on the real server: its HTTP client (through the named client, here
/// answered in memory) starts the payment, and its signed callback settles it through the endpoint.</summary>
public sealed class HttpProviderFlowTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string CallbackSecret = "wave-callback-secret-shared-with-the-gateway-01";

    [Fact]
    public async Task A_Wave_payment_starts_through_the_API_and_settles_by_its_signed_event()
    {
        var wave = new FakeProviderServer();
        await using var host = PaymentsHost.Start(database, new Dictionary<string, string?>
        {
            ["Graph:Payments:CallbackBaseUrl"] = "http://localhost",
            ["Graph:Payments:ReturnUrl"] = "https://app.graph.test/paid",
            ["Graph:Payments:Providers:Wave:Kind"] = "Http",
            ["Graph:Payments:Providers:Wave:BaseUrl"] = "https://api.wave.com",
            ["Graph:Payments:Providers:Wave:ApiKey"] = "wave_sn_prod_test-key",
            ["Graph:Payments:Providers:Wave:CallbackSecrets:0"] = CallbackSecret,
        }, services => services.AddHttpClient(HttpPaymentProviders.ClientNameOf(PaymentMethod.Wave)).ConfigurePrimaryHttpMessageHandler(() => wave));
        Assert.IsType<WaveProvider>(host.Services.GetRequiredService<PaymentProviders>().Find(PaymentMethod.Wave));
        var payer = await host.AddUserAsync();
        wave.On(HttpMethod.Post, "/v1/checkout/sessions", (received, _) =>
            Task.FromResult(FakeProviderServer.Answer(HttpStatusCode.OK, WaveProviderTests.Session(Guid.Parse(received.Json.GetProperty("client_reference").GetString()!)))));

        var created = await host.Payments.InitiateAsync(PaymentsHost.Subscription(payer.Id, PaymentMethod.Wave), payer.Id, default);

        var payment = created.Payment!;
        Assert.Equal((PaymentStatus.Pending, "cos-18qq25rgr100a"), (payment.Status, payment.ProviderReference));
        var (_, started, _) = await host.LoadAsync(payment.Id);
        Assert.Equal("https://pay.wave.com/c/cos-18qq25rgr100a", started[^1].Note);

        var body = Encoding.UTF8.GetBytes($$"""{"id":"AE_ijzo7oGgrlM","type":"checkout.session.completed","data":{{WaveProviderTests.Session(payment.Id, "complete", "succeeded")}}}""");
        var headers = new Dictionary<string, string> { [CallbackSignature.Header] = CallbackSignature.Sign(body, host.Clock.GetUtcNow(), CallbackSecret) };
        var (status, answer) = await Callbacks.PostAsync(host.Client, "wave", body, headers);

        Assert.Equal((HttpStatusCode.OK, "APPLIED"), (status, Callbacks.Outcome(answer)));
        var (settled, history, postings) = await host.LoadAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, settled.Status);
        Assert.Equal("AE_ijzo7oGgrlM", history[^1].ProviderEventId);
        Assert.Single(postings);
    }
}
