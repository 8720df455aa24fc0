using Graph.GraphQL.Execution;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Authorization;

/// <summary>
/// What an operation's document selects of the fields that depend on the user, worked out once per compiled operation:
/// whether it selects any (protected fields, and fields whose resolvers read the user or request state: its subscription
/// events are then never shared between subscribers), and the fields whose directives are checked before execution. Every field node is counted, whatever <c>@skip</c>/<c>@include</c> decide; a field selected
/// through an interface or union counts for each object type that may answer it.
/// </summary>
internal sealed class OperationAuthorization
{
    private static readonly OperationAuthorization None = new(false, []);

    private OperationAuthorization(bool isUserSpecific, ValidationCheck[] validationChecks)
    {
        IsUserSpecific = isUserSpecific;
        ValidationChecks = validationChecks;
    }

    /// <summary>
    /// Whether the operation selects a field with <c>@authorize</c> directives in force or a field whose resolver reads the
    /// user or request state: its result may differ from one user to the next.
    /// </summary>
    public bool IsUserSpecific { get; }

    /// <summary>The selected fields with <c>apply: VALIDATION</c> directives, one per field node and set of directives.</summary>
    public ValidationCheck[] ValidationChecks { get; }

    /// <summary>Analyses <paramref name="operation"/> (only when its schema has fields that depend on the user).</summary>
    public static OperationAuthorization Analyze(Operation operation)
    {
        if (operation.Schema is not Schema { HasUserSpecificFields: true } schema)
        {
            return None;
        }
        var walker = new Walker(schema, operation);
        walker.Visit(operation.Definition.SelectionSet, operation.RootType);
        return walker.IsUserSpecific || walker.Checks.Count > 0 ? new OperationAuthorization(walker.IsUserSpecific, [.. walker.Checks]) : None;
    }

    /// <summary>A field node to check before execution, with the directives in force on the field it selects.</summary>
    internal sealed record ValidationCheck(FieldNode Node, AuthorizeDirective[] Directives);

    private sealed class Walker(Schema schema, Operation operation)
    {
        private readonly HashSet<(FieldNode, AuthorizeDirective[])> _seen = [];
        private readonly HashSet<string> _fragmentPath = new(StringComparer.Ordinal);

        public bool IsUserSpecific { get; private set; }

        public List<ValidationCheck> Checks { get; } = [];

        public void Visit(SelectionSetNode selectionSet, INamedType parentType)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case FieldNode field:
                        VisitField(field, parentType);
                        break;
                    case InlineFragmentNode inline:
                        Visit(inline.SelectionSet, inline.TypeCondition is { } condition && schema.TryGetType(condition.Name.Value, out var conditionType)
                            ? conditionType
                            : parentType);
                        break;
                    case FragmentSpreadNode spread:
                        var name = spread.Name.Value;
                        if (operation.Fragments.TryGetValue(name, out var fragment)
                            && schema.TryGetType(fragment.TypeCondition.Name.Value, out var fragmentType)
                            && _fragmentPath.Add(name))
                        {
                            Visit(fragment.SelectionSet, fragmentType);
                            _fragmentPath.Remove(name);
                        }
                        break;
                }
            }
        }

        private void VisitField(FieldNode node, INamedType parentType)
        {
            var name = node.Name.Value;
            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                // Introspection is never authorized.
                return;
            }
            if (parentType is ObjectType objectType)
            {
                Record(node, objectType);
            }
            else if (parentType is InterfaceType or UnionType)
            {
                foreach (var possible in schema.GetPossibleTypes(parentType))
                {
                    Record(node, possible);
                }
            }
            if (node.SelectionSet is { } children && schema.GetFieldDefinition(parentType, name) is { } definition)
            {
                Visit(children, definition.Type.NamedType());
            }
        }

        private void Record(FieldNode node, ObjectType type)
        {
            if (!type.Fields.TryGetField(node.Name.Value, out var field))
            {
                return;
            }
            if (field.ContextData.ContainsKey(Resolvers.ResolverCompiler.ReadsRequestStateKey))
            {
                IsUserSpecific = true;
            }
            if (field.Authorization is not { } authorization)
            {
                return;
            }
            IsUserSpecific = true;
            if (authorization.Validation.Length > 0 && _seen.Add((node, authorization.Validation)))
            {
                Checks.Add(new ValidationCheck(node, authorization.Validation));
            }
        }
    }
}
