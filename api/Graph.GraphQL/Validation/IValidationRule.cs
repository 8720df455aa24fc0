namespace Graph.GraphQL.Validation;

/// <summary>
/// One rule of the spec's Validation section (or a custom rule). A rule is stateless and shared between validations;
/// for each validation it creates a <see cref="ValidationVisitor"/> that holds whatever state that run needs.
/// </summary>
public interface IValidationRule
{
    /// <summary>The URL of the rule in the spec; put in <c>extensions.specifiedBy</c> of the rule's errors.</summary>
    string SpecifiedBy { get; }

    /// <summary>Creates the visitor for one validation run.</summary>
    ValidationVisitor CreateVisitor(ValidationContext context);
}
