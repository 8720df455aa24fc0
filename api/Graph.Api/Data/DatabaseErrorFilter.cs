using Graph.GraphQL;
using Graph.GraphQL.Execution;
using Npgsql;

namespace Graph.Api.Data;

/// <summary>
/// Turns the database's refusals of a value the client sent (PostgreSQL's class 22, "data exception": a NUL character in
/// text, a number out of range) into a request error coded <c>BAD_USER_INPUT</c> that says what to fix, instead of an
/// unexpected error. Nothing of the database's own message, SQL or types reaches the client.
/// </summary>
public sealed class DatabaseErrorFilter : IErrorFilter
{
    /// <inheritdoc />
    public GraphQLError OnError(GraphQLError error)
    {
        if (error.Code != ErrorCodes.InternalServerError || Find(error.Exception) is not { } refused)
        {
            return error;
        }
        return new GraphQLError(MessageFor(refused.SqlState), error.Locations, error.Path,
            new Dictionary<string, object?> { [ErrorCodes.ExtensionKey] = ErrorCodes.BadUserInput }, error.Exception);
    }

    private static string MessageFor(string sqlState) => sqlState switch
    {
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
            "A text value contains a character that cannot be stored or compared: remove the NUL character (U+0000).",
        PostgresErrorCodes.NumericValueOutOfRange => "A number of the request is out of the range the field accepts.",
        PostgresErrorCodes.StringDataRightTruncation => "A text value of the request is longer than the field accepts.",
        PostgresErrorCodes.DatetimeFieldOverflow or PostgresErrorCodes.InvalidDatetimeFormat => "A date or time of the request is out of range.",
        _ => "A value of the request cannot be used: check its length, range and characters.",
    };

    /// <summary>The database's data exception behind <paramref name="exception"/>, if that is what it is.</summary>
    private static PostgresException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: [ '2', '2', ..] } postgres)
            {
                return postgres;
            }
        }
        return null;
    }
}
