using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Tests.Infrastructure;

/// <summary>The real server in memory, against the given database and settings; <paramref name="services"/> replaces
/// services after the server registered its own (a controllable clock, say). The outbox's background dispatcher is off
/// unless the settings switch it on (<c>Graph:Notifications:Dispatcher:Enabled</c>): it would send and change messages
/// behind the tests' backs, and its polling would add statements to the ones tests count. For the same reasons the payments'
/// reconciliation job is off and the provider simulators do not call back by themselves.</summary>
public sealed class GraphApiFactory(
    string connectionString,
    string environment = "Development",
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Graph", connectionString);
        builder.UseSetting("Graph:Notifications:Dispatcher:Enabled", "false");
        // The same for payments: no reconciliation job, and simulators that do not call back by themselves.
        builder.UseSetting("Graph:Payments:Reconciliation:Enabled", "false");
        builder.UseSetting("Graph:Billing:Renewal:Enabled", "false");
        builder.UseSetting("Graph:Tontines:Reminders:Enabled", "false");
        foreach (var provider in new[] { "OrangeMoney", "MtnMomo", "MoovMoney", "Wave", "FreeMoney" })
        {
            builder.UseSetting($"Graph:Payments:Providers:{provider}:SendCallbacks", "false");
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
