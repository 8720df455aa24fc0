using Graph.GraphQL.Types;

namespace Graph.Api.Catalog;

/// <summary>The catalog's events on Subscription.</summary>
[ExtendObjectType(OperationTypeNames.Subscription)]
public sealed class BookSubscriptions
{
    /// <summary>The topic of <see cref="BookAdded"/>: addBook sends each new book to it.</summary>
    public const string BookAddedTopic = "bookAdded";

    /// <summary>Each book added to the catalog, once it is saved.</summary>
    [Subscribe]
    [Topic(BookAddedTopic)]
    public Book BookAdded([EventMessage] Book book) => book;
}
