namespace Graph.GraphQL.Language;

/// <summary>
/// Structural equality of syntax trees: two nodes are equal when they have the same kind, the
/// same scalar content (names, literal text, string value and block flag, operation type,
/// repeatable flag) and pairwise equal children in the same order. Locations are ignored.
/// </summary>
public sealed class SyntaxComparer : IEqualityComparer<ISyntaxNode>
{
    private SyntaxComparer() { }

    /// <summary>The comparer; ignores locations.</summary>
    public static SyntaxComparer Default { get; } = new();

    public bool Equals(ISyntaxNode? x, ISyntaxNode? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }
        if (x is null || y is null || x.Kind != y.Kind)
        {
            return false;
        }

        switch (x)
        {
            case NameNode name:
                return string.Equals(name.Value, ((NameNode)y).Value, StringComparison.Ordinal);
            case IntValueNode value:
                return string.Equals(value.Value, ((IntValueNode)y).Value, StringComparison.Ordinal);
            case FloatValueNode value:
                return string.Equals(value.Value, ((FloatValueNode)y).Value, StringComparison.Ordinal);
            case StringValueNode value:
                var other = (StringValueNode)y;
                return value.Block == other.Block && string.Equals(value.Value, other.Value, StringComparison.Ordinal);
            case BooleanValueNode value:
                return value.Value == ((BooleanValueNode)y).Value;
            case NullValueNode:
                return true;
            case EnumValueNode value:
                return string.Equals(value.Value, ((EnumValueNode)y).Value, StringComparison.Ordinal);
            case VariableNode variable:
                return Equals(variable.Name, ((VariableNode)y).Name);
            case NamedTypeNode type:
                return Equals(type.Name, ((NamedTypeNode)y).Name);
            case ListTypeNode type:
                return Equals(type.Type, ((ListTypeNode)y).Type);
            case NonNullTypeNode type:
                return Equals(type.Type, ((NonNullTypeNode)y).Type);
            case ArgumentNode argument:
                var otherArgument = (ArgumentNode)y;
                return Equals(argument.Name, otherArgument.Name) && Equals(argument.Value, otherArgument.Value);
            case ObjectFieldNode field:
                var otherField = (ObjectFieldNode)y;
                return Equals(field.Name, otherField.Name) && Equals(field.Value, otherField.Value);
            case ListValueNode list:
                return ListEquals(list.Items, ((ListValueNode)y).Items);
            case ObjectValueNode obj:
                return ListEquals(obj.Fields, ((ObjectValueNode)y).Fields);
            case DirectiveNode directive:
                var otherDirective = (DirectiveNode)y;
                return Equals(directive.Name, otherDirective.Name) && ListEquals(directive.Arguments, otherDirective.Arguments);
            case FieldNode field:
                var otherFieldNode = (FieldNode)y;
                return Equals(field.Alias, otherFieldNode.Alias)
                    && Equals(field.Name, otherFieldNode.Name)
                    && ListEquals(field.Arguments, otherFieldNode.Arguments)
                    && ListEquals(field.Directives, otherFieldNode.Directives)
                    && Equals(field.SelectionSet, otherFieldNode.SelectionSet);
            case SelectionSetNode selectionSet:
                return ListEquals(selectionSet.Selections, ((SelectionSetNode)y).Selections);
            case OperationDefinitionNode operation when operation.Operation != ((OperationDefinitionNode)y).Operation:
                return false;
            case OperationTypeDefinitionNode operationType when operationType.Operation != ((OperationTypeDefinitionNode)y).Operation:
                return false;
            case DirectiveDefinitionNode directiveDefinition when directiveDefinition.IsRepeatable != ((DirectiveDefinitionNode)y).IsRepeatable:
                return false;
        }

        // Every other node is fully described by its kind, the scalars checked above and its
        // children in order (optional children never make two different shapes line up).
        using var left = x.GetNodes().GetEnumerator();
        using var right = y.GetNodes().GetEnumerator();
        while (true)
        {
            var hasLeft = left.MoveNext();
            if (hasLeft != right.MoveNext())
            {
                return false;
            }
            if (!hasLeft)
            {
                return true;
            }
            if (!Equals(left.Current, right.Current))
            {
                return false;
            }
        }
    }

    public int GetHashCode(ISyntaxNode obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        hash.Add(obj.Kind);
        switch (obj)
        {
            case NameNode name:
                hash.Add(name.Value, StringComparer.Ordinal);
                return hash.ToHashCode();
            case IntValueNode value:
                hash.Add(value.Value, StringComparer.Ordinal);
                return hash.ToHashCode();
            case FloatValueNode value:
                hash.Add(value.Value, StringComparer.Ordinal);
                return hash.ToHashCode();
            case StringValueNode value:
                hash.Add(value.Value, StringComparer.Ordinal);
                hash.Add(value.Block);
                return hash.ToHashCode();
            case BooleanValueNode value:
                hash.Add(value.Value);
                return hash.ToHashCode();
            case EnumValueNode value:
                hash.Add(value.Value, StringComparer.Ordinal);
                return hash.ToHashCode();
            case OperationDefinitionNode operation:
                hash.Add(operation.Operation);
                break;
            case OperationTypeDefinitionNode operationType:
                hash.Add(operationType.Operation);
                break;
            case DirectiveDefinitionNode directiveDefinition:
                hash.Add(directiveDefinition.IsRepeatable);
                break;
        }

        foreach (var child in obj.GetNodes())
        {
            hash.Add(GetHashCode(child));
        }
        return hash.ToHashCode();
    }

    private bool ListEquals<T>(IReadOnlyList<T> x, IReadOnlyList<T> y)
        where T : ISyntaxNode
    {
        if (x.Count != y.Count)
        {
            return false;
        }
        for (var i = 0; i < x.Count; i++)
        {
            if (!Equals(x[i], y[i]))
            {
                return false;
            }
        }
        return true;
    }
}
