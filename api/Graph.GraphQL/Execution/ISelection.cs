using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Execution;

/// <summary>
/// A field as the operation selects it: one response key with the field nodes merged into it, after fragments and
/// <c>@skip</c>/<c>@include</c> were applied. Libraries read it to see what a client asked for below a field (projection,
/// whether <c>totalCount</c> is wanted). Selections belong to the compiled operation and are shared by every execution of
/// it, so work derived from one (an expression tree, a compiled delegate) can be kept with <see cref="GetOrAddState{T}"/>.
/// </summary>
public interface ISelection
{
    /// <summary>The response key: the alias or the field name.</summary>
    string ResponseName { get; }

    /// <summary>The selected field.</summary>
    ObjectField Field { get; }

    /// <summary>The object type whose selection set holds the field.</summary>
    ObjectType DeclaringType { get; }

    /// <summary>The field nodes merged into this response key; the first one carries the arguments.</summary>
    IReadOnlyList<FieldNode> SyntaxNodes { get; }

    /// <summary>The sub-selections of the field for the runtime object type <paramref name="type"/>, collected once.</summary>
    IReadOnlyList<ISelection> GetSelections(ObjectType type);

    /// <summary>State kept with this selection under <paramref name="key"/>, created once by <paramref name="create"/>.</summary>
    T GetOrAddState<T>(object key, Func<ISelection, T> create) where T : class;
}
