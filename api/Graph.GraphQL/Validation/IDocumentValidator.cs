using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation;

/// <summary>
/// Checks an executable document against a schema with the rules of the spec's Validation section.
/// The request pipeline calls it once per distinct document (results are cached with the document).
/// </summary>
public interface IDocumentValidator
{
    /// <summary>
    /// The errors of the document in the order the rules find them; empty when it is valid. When the
    /// configured maximum is reached, validation stops and one last error says so.
    /// </summary>
    IReadOnlyList<GraphQLError> Validate(ISchema schema, DocumentNode document);
}
