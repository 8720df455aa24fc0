using Graph.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Graph.Api.Payments.Providers.Http;

/// <summary>
/// The HTTP clients of the providers, used for every method configured with <c>Kind: Http</c>: Orange Money (WebPay),
/// MTN MoMo (Collection), Wave (Checkout and Payout), and Moov Money and Free Money through a gateway that follows the
/// platform's contract (<see cref="GatewayProvider"/>). Each provider has its named HTTP client
/// (<see cref="ClientNameOf"/>), with a <see cref="RequestTimeout"/>.
/// </summary>
public static class HttpPaymentProviders
{
    /// <summary>How long a request to a provider may take before it counts as unanswered.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The name of the HTTP client of <paramref name="method"/> (payments-orange-money, payments-mtn-momo...).</summary>
    public static string ClientNameOf(PaymentMethod method) => "payments-" + PaymentProviders.SlugOf(method);

    /// <summary>Registers the named clients and one <see cref="IPaymentProviderFactory"/> per method (once).</summary>
    public static IServiceCollection AddHttpPaymentProviders(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(Registered)))
        {
            return services;
        }
        services.AddSingleton<Registered>();
        foreach (var method in (PaymentMethod[])[PaymentMethod.OrangeMoney, PaymentMethod.MtnMomo, PaymentMethod.MoovMoney, PaymentMethod.Wave, PaymentMethod.FreeMoney])
        {
            services.AddHttpClient(ClientNameOf(method), client => client.Timeout = RequestTimeout);
            services.AddSingleton<IPaymentProviderFactory>(sp => new Factory(method, sp));
        }
        return services;
    }

    /// <summary>Creates the client of <paramref name="method"/> from its settings.</summary>
    private sealed class Factory(PaymentMethod method, IServiceProvider services) : IPaymentProviderFactory
    {
        public PaymentMethod Method { get; } = method;

        public IPaymentProvider Create(PaymentsOptions.ProviderOptions settings)
        {
            var http = services.GetRequiredService<IHttpClientFactory>();
            var payments = services.GetRequiredService<IOptions<GraphOptions>>().Value.Payments;
            var clock = services.GetRequiredService<TimeProvider>();
            var name = ClientNameOf(Method);
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger($"{typeof(HttpPaymentProvider).Namespace}.{name}");
            HttpClient Clients() => http.CreateClient(name);
            return Method switch
            {
                PaymentMethod.OrangeMoney => new OrangeMoneyProvider(Clients, settings, payments, clock, logger),
                PaymentMethod.MtnMomo => new MtnMomoProvider(Clients, settings, payments, clock, logger),
                PaymentMethod.Wave => new WaveProvider(Clients, settings, payments, clock, logger),
                _ => new GatewayProvider(Method, Clients, settings, payments, clock, logger),
            };
        }
    }

    /// <summary>Marks the registration done.</summary>
    private sealed class Registered;
}
