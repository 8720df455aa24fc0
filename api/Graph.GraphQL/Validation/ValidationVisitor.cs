using Graph.GraphQL.Language;

namespace Graph.GraphQL.Validation;

/// <summary>
/// The per-run part of a validation rule: callbacks for the nodes of an executable document, called in document order while
/// all rules walk the document together in one pass. <c>Enter*</c> methods return false to skip the node's children for
/// this visitor only (its <c>Leave*</c> method is then not called for that node). Type information about the current
/// position is on <see cref="ValidationContext.TypeInfo"/>.
/// </summary>
public abstract class ValidationVisitor
{
    /// <summary>Creates the visitor of <paramref name="rule"/>.</summary>
    protected ValidationVisitor(IValidationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rule = rule;
    }

    /// <summary>The rule this visitor checks; its errors carry the rule's spec URL.</summary>
    public IValidationRule Rule { get; }

    public virtual bool EnterDocument(ValidationContext context, DocumentNode node) => true;

    public virtual void LeaveDocument(ValidationContext context, DocumentNode node)
    {
    }

    public virtual bool EnterOperationDefinition(ValidationContext context, OperationDefinitionNode node) => true;

    public virtual void LeaveOperationDefinition(ValidationContext context, OperationDefinitionNode node)
    {
    }

    public virtual bool EnterFragmentDefinition(ValidationContext context, FragmentDefinitionNode node) => true;

    public virtual void LeaveFragmentDefinition(ValidationContext context, FragmentDefinitionNode node)
    {
    }

    /// <summary>
    /// A type system definition or extension (which makes the document not executable), or one of its field, argument,
    /// input field or enum value definitions. Their directives, named types and values are walked too, as the reference
    /// implementation's validation walks them; <see cref="ValidationContext.TypeSystemDefinition"/> is the enclosing definition.
    /// </summary>
    public virtual bool EnterTypeSystemNode(ValidationContext context, ISyntaxNode node) => true;

    public virtual void LeaveTypeSystemNode(ValidationContext context, ISyntaxNode node)
    {
    }

    public virtual bool EnterVariableDefinition(ValidationContext context, VariableDefinitionNode node) => true;

    public virtual void LeaveVariableDefinition(ValidationContext context, VariableDefinitionNode node)
    {
    }

    /// <summary>A variable, in a value or in a variable definition.</summary>
    public virtual bool EnterVariable(ValidationContext context, VariableNode node) => true;

    public virtual bool EnterSelectionSet(ValidationContext context, SelectionSetNode node) => true;

    public virtual void LeaveSelectionSet(ValidationContext context, SelectionSetNode node)
    {
    }

    public virtual bool EnterField(ValidationContext context, FieldNode node) => true;

    public virtual void LeaveField(ValidationContext context, FieldNode node)
    {
    }

    public virtual bool EnterFragmentSpread(ValidationContext context, FragmentSpreadNode node) => true;

    public virtual void LeaveFragmentSpread(ValidationContext context, FragmentSpreadNode node)
    {
    }

    public virtual bool EnterInlineFragment(ValidationContext context, InlineFragmentNode node) => true;

    public virtual void LeaveInlineFragment(ValidationContext context, InlineFragmentNode node)
    {
    }

    /// <summary>An argument of a field or of a directive.</summary>
    public virtual bool EnterArgument(ValidationContext context, ArgumentNode node) => true;

    public virtual void LeaveArgument(ValidationContext context, ArgumentNode node)
    {
    }

    /// <summary>A directive; <paramref name="parent"/> is the node it is applied to.</summary>
    public virtual bool EnterDirective(ValidationContext context, DirectiveNode node, ISyntaxNode parent) => true;

    public virtual void LeaveDirective(ValidationContext context, DirectiveNode node, ISyntaxNode parent)
    {
    }

    /// <summary>
    /// A named type reference: a variable's type, a type condition, or a type referenced by a type system definition;
    /// <paramref name="parent"/> is the node holding it.
    /// </summary>
    public virtual bool EnterNamedType(ValidationContext context, NamedTypeNode node, ISyntaxNode parent) => true;

    public virtual bool EnterListValue(ValidationContext context, ListValueNode node) => true;

    public virtual void LeaveListValue(ValidationContext context, ListValueNode node)
    {
    }

    public virtual bool EnterObjectValue(ValidationContext context, ObjectValueNode node) => true;

    public virtual void LeaveObjectValue(ValidationContext context, ObjectValueNode node)
    {
    }

    public virtual bool EnterObjectField(ValidationContext context, ObjectFieldNode node) => true;

    public virtual void LeaveObjectField(ValidationContext context, ObjectFieldNode node)
    {
    }

    /// <summary>An Int, Float, String, Boolean or Enum literal.</summary>
    public virtual bool EnterScalarValue(ValidationContext context, IValueNode node) => true;

    public virtual bool EnterNullValue(ValidationContext context, NullValueNode node) => true;

    /// <summary>Reports an error of this visitor's rule located at <paramref name="node"/>.</summary>
    protected void ReportError(ValidationContext context, string message, ISyntaxNode? node) =>
        context.ReportError(ValidationErrors.Create(Rule, message, node));

    /// <summary>Reports an error of this visitor's rule located at two nodes.</summary>
    protected void ReportError(ValidationContext context, string message, ISyntaxNode? first, ISyntaxNode? second) =>
        context.ReportError(ValidationErrors.Create(Rule, message, first, second));

    /// <summary>Reports an error of this visitor's rule located at <paramref name="nodes"/>, in order.</summary>
    protected void ReportError(ValidationContext context, string message, IReadOnlyList<ISyntaxNode> nodes) =>
        context.ReportError(ValidationErrors.Create(Rule, message, nodes));
}
