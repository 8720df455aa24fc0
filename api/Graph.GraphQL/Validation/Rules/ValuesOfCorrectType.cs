using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Validation.Rules;

/// <summary>
/// Values of Correct Type: every literal (in arguments, input object fields, list items and variable default values) can
/// be coerced to the type expected where it stands: scalars and enums by their literal parsing, <c>null</c> only where
/// nullable, lists and input objects only where expected, and a <c>@oneOf</c> input object with exactly one non-null
/// field. Unknown and missing input object fields are the concern of <see cref="InputObjectFieldNames"/> and
/// <see cref="InputObjectRequiredFields"/>. <see href="https://spec.graphql.org/draft/#sec-Values-of-Correct-Type"/>
/// </summary>
public sealed class ValuesOfCorrectType : IValidationRule
{
    private readonly Visitor _visitor;

    /// <summary>Creates the rule.</summary>
    public ValuesOfCorrectType()
    {
        _visitor = new Visitor(this);
    }

    /// <summary>The shared instance.</summary>
    public static ValuesOfCorrectType Instance { get; } = new();

    /// <inheritdoc />
    public string SpecifiedBy => "https://spec.graphql.org/draft/#sec-Values-of-Correct-Type";

    /// <inheritdoc />
    public ValidationVisitor CreateVisitor(ValidationContext context) => _visitor;

    private sealed class Visitor(IValidationRule rule) : ValidationVisitor(rule)
    {
        public override bool EnterListValue(ValidationContext context, ListValueNode node)
        {
            // The walker already moved to the item type; the type expected for the list itself is the parent input type.
            if (context.TypeInfo.ParentInputType?.NullableType() is not ListType)
            {
                CheckLeafValue(context, node);
                return false;
            }
            return true;
        }

        public override bool EnterObjectValue(ValidationContext context, ObjectValueNode node)
        {
            if (context.TypeInfo.InputType?.NamedType() is not InputObjectType type)
            {
                CheckLeafValue(context, node);
                return false;
            }
            if (type.IsOneOf)
            {
                CheckOneOf(context, node, type);
            }
            return true;
        }

        public override bool EnterNullValue(ValidationContext context, NullValueNode node)
        {
            if (context.TypeInfo.InputType is NonNullType type)
            {
                ReportError(context, $"Expected value of type \"{type.Print()}\", found null.", node);
            }
            return true;
        }

        public override bool EnterScalarValue(ValidationContext context, IValueNode node)
        {
            CheckLeafValue(context, node);
            return true;
        }

        private void CheckLeafValue(ValidationContext context, IValueNode node)
        {
            if (context.TypeInfo.InputType is not { } locationType)
            {
                return;
            }
            if (locationType.NamedType() is not ILeafType leaf)
            {
                ReportError(context, $"Expected value of type \"{locationType.Print()}\", found {node.Print()}.", node);
                return;
            }
            try
            {
                leaf.ParseLiteral(node);
            }
            catch (InputCoercionException ex)
            {
                // The scalar's (or enum's) own message, as the reference implementation reports a GraphQLError thrown by parseLiteral.
                ReportError(context, ex.Message, node);
            }
#pragma warning disable CA1031 // A custom scalar may throw anything; the document is then invalid, not the server broken.
            catch (Exception ex) when (ex is not ValidationAbortedException)
#pragma warning restore CA1031
            {
                ReportError(context, $"Expected value of type \"{locationType.Print()}\", found {node.Print()}; {ex.Message}", node);
            }
        }

        private void CheckOneOf(ValidationContext context, ObjectValueNode node, InputObjectType type)
        {
            var fields = node.Fields;
            ObjectFieldNode? single = null;
            var distinct = 0;
            for (var i = 0; i < fields.Count; i++)
            {
                var seenBefore = false;
                for (var j = 0; j < i; j++)
                {
                    if (string.Equals(fields[j].Name.Value, fields[i].Name.Value, StringComparison.Ordinal))
                    {
                        seenBefore = true;
                        break;
                    }
                }
                if (!seenBefore)
                {
                    distinct++;
                }
                single = fields[i];
            }
            if (distinct != 1 || single is null)
            {
                ReportError(context, $"OneOf Input Object \"{type.Name}\" must specify exactly one key.", node);
                return;
            }
            if (single.Value is NullValueNode)
            {
                ReportError(context, $"Field \"{type.Name}.{single.Name.Value}\" must be non-null.", node);
            }
        }
    }
}
