using Graph.Api.Hosting;

// The server's entry point: `serve` (the default), `migrate`, `seed` and `schema export`.
// Everything else lives in Hosting/ and the domain folders.
return await CommandLine.RunAsync(args);

/// <summary>Named so that tests can start the server with WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
