using Graph.GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Benchmarks;

/// <summary>The benchmark schema with in-memory data, and the executor the benchmarks run.</summary>
public static class BenchmarkServer
{
    public sealed record Money(decimal Amount, string Currency);

    public sealed record Author(string Id, string Name, string Country);

    public sealed record Book(string Id, string Title, Money Price, Author Author);

    private static readonly Author Aminata = new("QXV0aG9yOjE=", "Aminata Diallo", "SN");

    private static readonly Book[] Books =
    [
        new("Qm9vazox", "Les Pirogues de Soumbédioune", new Money(3500m, "XOF"), Aminata),
        new("Qm9vazoy", "Le Thé de trois heures", new Money(2500m, "XOF"), Aminata),
        new("Qm9vazoz", "Cabosses", new Money(4000m, "XOF"), new Author("QXV0aG9yOjI=", "Kouadio Yao", "CI")),
        new("Qm9vazo0", "Harvest Season", new Money(7.99m, "EUR"), new Author("QXV0aG9yOjI=", "Kouadio Yao", "CI")),
    ];

    public static IRequestExecutor CreateExecutor()
    {
        var services = new ServiceCollection();
        services.AddGraphQLServer()
            .AddDocumentFromString(Documents.Schema)
            .AddResolver("Query", "libraryName", _ => "Bibliothèque Coko")
            .AddResolver("Query", "book", _ => Books[0])
            .AddResolver("Query", "books", ctx => Books.Take(ctx.ArgumentValue<int>("first")).ToArray())
            .AddResolver("Book", "similar", ctx => Books.Take(ctx.ArgumentValue<int>("first")).ToArray())
            .BindRuntimeType<Book>("Book")
            .BindRuntimeType<Author>("Author")
            .ModifyRequestOptions(o => o.IncludeExceptionDetails = true);
        return services.BuildServiceProvider().GetRequestExecutorAsync().AsTask().GetAwaiter().GetResult();
    }

    public static OperationRequest Request(string document, IReadOnlyDictionary<string, object?>? variables = null)
    {
        var builder = OperationRequestBuilder.New().SetDocument(document);
        if (variables is not null)
        {
            builder.SetVariableValues(variables);
        }
        return builder.Build();
    }
}
