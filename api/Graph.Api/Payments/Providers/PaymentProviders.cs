using Graph.Api.Data;
using Graph.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Graph.Api.Payments.Providers;

/// <summary>
/// The provider of each mobile money method, as configured ("Graph:Payments:Providers:{Method}:Kind"): the simulator, the
/// provider's HTTP API, or none (the method is refused). Built once; the URL slug of each (orange-money, mtn-momo,
/// moov-money, wave, free-money) names it in /payments/callback/{provider}.
/// </summary>
public sealed class PaymentProviders
{
    private readonly Dictionary<PaymentMethod, IPaymentProvider> _providers = [];

    /// <param name="options">The providers' settings.</param>
    /// <param name="clock">The simulators' clock.</param>
    /// <param name="factories">The HTTP clients, one factory per method that has one.</param>
    /// <param name="simulatorCallbacks">Where simulators that call back schedule their callbacks (none: they never call back).</param>
    public PaymentProviders(
        IOptions<GraphOptions> options,
        TimeProvider clock,
        IEnumerable<IPaymentProviderFactory> factories,
        SimulatorCallbackSender? simulatorCallbacks = null)
    {
        var payments = options.Value.Payments;
        // The last factory registered for a method wins, as services do (a host may replace the built-in clients).
        var http = new Dictionary<PaymentMethod, IPaymentProviderFactory>();
        foreach (var factory in factories)
        {
            http[factory.Method] = factory;
        }
        foreach (var method in EnumNames<PaymentMethod>.All.Where(m => m != PaymentMethod.Cash))
        {
            var settings = payments.Providers.For(method);
            switch (settings.Kind)
            {
                case ProviderKind.Simulator:
                    _providers[method] = new PaymentSimulator(method, settings, clock, simulatorCallbacks);
                    break;
                case ProviderKind.Http:
                    _providers[method] = http.TryGetValue(method, out var factory)
                        ? factory.Create(settings)
                        : throw new InvalidOperationException($"There is no HTTP client for {EnumNames<PaymentMethod>.ToName(method)}.");
                    break;
            }
        }
    }

    /// <summary>The provider of <paramref name="method"/>, or null when the method is not offered (and for cash).</summary>
    public IPaymentProvider? Find(PaymentMethod method) => _providers.GetValueOrDefault(method);

    /// <summary>The methods offered: cash and every provider configured.</summary>
    public IReadOnlyList<PaymentMethod> Offered => [PaymentMethod.Cash, .. _providers.Keys.Order()];

    /// <summary>The slug of a provider in callback URLs: orange-money, mtn-momo, moov-money, wave, free-money.</summary>
    public static string SlugOf(PaymentMethod method) => EnumNames<PaymentMethod>.ToName(method).ToLowerInvariant().Replace('_', '-');

    /// <summary>The method a callback URL's slug names, or null.</summary>
    public static PaymentMethod? FromSlug(string slug) =>
        EnumNames<PaymentMethod>.All.Where(m => m != PaymentMethod.Cash && SlugOf(m) == slug).Select(m => (PaymentMethod?)m).FirstOrDefault();
}

/// <summary>Creates the HTTP client of one provider from its settings (one per provider with a real API).</summary>
public interface IPaymentProviderFactory
{
    PaymentMethod Method { get; }

    IPaymentProvider Create(PaymentsOptions.ProviderOptions settings);
}
