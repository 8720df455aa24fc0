using Graph.GraphQL.Types;

namespace Graph.Api.Common;

/// <summary>
/// A domain failure a mutation reports in its payload (an author that does not exist, a tontine that is full), as
/// opposed to a broken request, which is a GraphQL error.
/// </summary>
[InterfaceType("Error")]
public interface IError
{
    /// <summary>What went wrong, in words a person can read.</summary>
    string Message { get; }

    /// <summary>What went wrong, as a stable code clients can branch on.</summary>
    string Code { get; }
}
