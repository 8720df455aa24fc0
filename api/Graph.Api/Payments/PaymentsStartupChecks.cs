using Graph.Api.Data;
using Graph.Api.Hosting;

namespace Graph.Api.Payments;

/// <summary>
/// What is wrong with "Graph:Payments" for an environment (the server refuses to start, <see cref="StartupChecks"/>): the
/// simulator outside Development, an HTTP provider without its address, key or callback secrets, development secrets outside
/// Development, a callback address providers cannot reach safely.
/// </summary>
internal static class PaymentsStartupChecks
{
    /// <summary>The shortest callback secret accepted, in characters.</summary>
    public const int MinimumSecretLength = 32;

    private const string Section = $"{GraphOptions.Section}:Payments";

    public static IEnumerable<string> Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        var problems = new List<string>();
        var anyHttp = false;
        var checkout = false;
        foreach (var method in EnumNames<PaymentMethod>.All.Where(m => m != PaymentMethod.Cash))
        {
            var settings = configuration.GetSection($"{Section}:Providers:{method}");
            var key = $"Graph__Payments__Providers__{method}";
            var kindText = settings["Kind"];
            ProviderKind kind;
            if (string.IsNullOrWhiteSpace(kindText))
            {
                kind = ProviderKind.None;
            }
            else if (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || kindText.Any(char.IsDigit))
            {
                problems.Add($"{key}__Kind '{kindText}' is unknown: use Http or None" + (development ? " or Simulator." : "."));
                continue;
            }

            var secrets = settings.GetSection("CallbackSecrets").GetChildren().Select(s => s.Value ?? "").ToList();
            if (!development)
            {
                if (kind == ProviderKind.Simulator)
                {
                    problems.Add($"{key}__Kind is Simulator, which moves no money; {environment.EnvironmentName} needs Http or None.");
                }
                foreach (var name in new[] { "ApiKey", "ApiSecret", "MerchantId" })
                {
                    if (settings[name]?.StartsWith(StartupChecks.DevelopmentMarker, StringComparison.OrdinalIgnoreCase) == true)
                    {
                        problems.Add($"{key}__{name} is a development value; {environment.EnvironmentName} needs the provider's own.");
                    }
                }
                if (secrets.Any(s => s.StartsWith(StartupChecks.DevelopmentMarker, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"{key}__CallbackSecrets holds a development secret; {environment.EnvironmentName} needs its own.");
                }
            }
            if (kind != ProviderKind.Http)
            {
                continue;
            }

            anyHttp = true;
            checkout |= method is PaymentMethod.Wave or PaymentMethod.OrangeMoney;
            if (AddressProblem(settings["BaseUrl"], development) is { } address)
            {
                problems.Add($"{key}__BaseUrl {address}.");
            }
            if (string.IsNullOrWhiteSpace(settings["ApiKey"]))
            {
                problems.Add($"{key}__ApiKey is required for the provider's API.");
            }
            if (secrets.Count(s => !string.IsNullOrWhiteSpace(s)) == 0 || secrets.Any(s => s.Length < MinimumSecretLength))
            {
                problems.Add($"{key}__CallbackSecrets needs at least one secret, each of at least {MinimumSecretLength} characters (__0 the current one, __1 the one being rotated out).");
            }
            switch (method)
            {
                case PaymentMethod.MtnMomo:
                    Require(settings, key, "ApiSecret", "the API user's key", problems);
                    Require(settings, key, "MerchantId", "the Collection product's subscription key", problems);
                    Require(settings, key, "TargetEnvironment", "MTN's X-Target-Environment (sandbox, mtnivorycoast...)", problems);
                    break;
                case PaymentMethod.OrangeMoney:
                    Require(settings, key, "ApiSecret", "the application's client secret", problems);
                    Require(settings, key, "MerchantId", "the WebPay merchant key", problems);
                    break;
            }
        }

        if (anyHttp && AddressProblem(configuration[$"{Section}:CallbackBaseUrl"], development) is { } callback)
        {
            problems.Add($"Graph__Payments__CallbackBaseUrl {callback}: providers call back /payments/callback/{{provider}} under it.");
        }
        if (checkout && AddressProblem(configuration[$"{Section}:ReturnUrl"], development) is { } returnUrl)
        {
            problems.Add($"Graph__Payments__ReturnUrl {returnUrl}: Wave and Orange Money send the customer back to it.");
        }
        return problems;
    }

    /// <summary>Why <paramref name="value"/> is not an address fit for money, or null: absolute https (http too in Development).</summary>
    private static string? AddressProblem(string? value, bool development)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            return "must be an absolute https address";
        }
        return url.Scheme == "http" && !development ? "must use https outside Development" : null;
    }

    private static void Require(IConfigurationSection settings, string key, string name, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(settings[name]))
        {
            problems.Add($"{key}__{name} is required: {what}.");
        }
    }
}
