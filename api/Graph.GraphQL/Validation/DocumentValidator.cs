using Graph.GraphQL.Language;
using Graph.GraphQL.Types;
using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Validation;

/// <summary>
/// Validates executable documents with a set of rules, all run together in one walk over the document. Instances hold
/// no per-run state, so one instance (e.g. <see cref="Default"/>) may validate many documents concurrently.
/// </summary>
public sealed class DocumentValidator : IDocumentValidator
{
    private readonly IValidationRule[] _rules;
    private readonly int _maxErrors;

    /// <summary>A validator with all rules of the spec (<see cref="SpecifiedRules"/>) and the default options.</summary>
    public DocumentValidator()
        : this(SpecifiedRules, ValidationOptions.Default)
    {
    }

    /// <summary>A validator with the given rules (run in the given order) and options.</summary>
    public DocumentValidator(IEnumerable<IValidationRule> rules, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.ToArray();
        for (var i = 0; i < _rules.Length; i++)
        {
            if (_rules[i] is null)
            {
                throw new ArgumentException("A rule is null.", nameof(rules));
            }
        }
        _maxErrors = (options ?? ValidationOptions.Default).MaxErrors;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_maxErrors, nameof(options));
    }

    /// <summary>
    /// All rules of the spec's Validation section, in the order the reference implementation runs them (so errors come
    /// out in the same order).
    /// </summary>
    public static IReadOnlyList<IValidationRule> SpecifiedRules { get; } =
    [
        ExecutableDefinitions.Instance,
        OperationNameUniqueness.Instance,
        LoneAnonymousOperation.Instance,
        SingleRootField.Instance,
        VariableTypeExistence.Instance,
        FragmentSpreadTypeExistence.Instance,
        FragmentsOnCompositeTypes.Instance,
        VariablesAreInputTypes.Instance,
        LeafFieldSelections.Instance,
        FieldSelections.Instance,
        FragmentNameUniqueness.Instance,
        FragmentSpreadTargetDefined.Instance,
        FragmentsMustBeUsed.Instance,
        FragmentSpreadIsPossible.Instance,
        FragmentsMustNotFormCycles.Instance,
        VariableUniqueness.Instance,
        AllVariableUsesDefined.Instance,
        AllVariablesUsed.Instance,
        DirectivesAreDefined.Instance,
        DirectivesAreInValidLocations.Instance,
        DirectivesAreUniquePerLocation.Instance,
        ArgumentNames.Instance,
        ArgumentUniqueness.Instance,
        ValuesOfCorrectType.Instance,
        InputObjectRequiredFields.Instance,
        InputObjectFieldNames.Instance,
        RequiredArguments.Instance,
        AllVariableUsagesAreAllowed.Instance,
        FieldSelectionMerging.Instance,
        InputObjectFieldUniqueness.Instance,
    ];

    /// <summary>The shared validator with all rules of the spec; safe for concurrent use. (Declared after <see cref="SpecifiedRules"/>, which it uses.)</summary>
    public static DocumentValidator Default { get; } = new();

    /// <summary>The rules this validator runs, in order.</summary>
    public IReadOnlyList<IValidationRule> Rules => _rules;

    /// <summary>The maximum number of rule errors before validation stops.</summary>
    public int MaxErrors => _maxErrors;

    /// <inheritdoc />
    /// <remarks>
    /// When the limit is reached the list holds <see cref="MaxErrors"/> rule errors followed by one more error saying that
    /// validation was aborted, as the reference implementation does.
    /// </remarks>
    public IReadOnlyList<GraphQLError> Validate(ISchema schema, DocumentNode document)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        var context = new ValidationContext(schema, document, _maxErrors);
        var visitors = new ValidationVisitor[_rules.Length];
        for (var i = 0; i < visitors.Length; i++)
        {
            visitors[i] = _rules[i].CreateVisitor(context);
        }
        try
        {
            new RuleDispatcher(context, visitors).WalkDocument(document);
        }
        catch (ValidationAbortedException)
        {
            // The error list already ends with the "too many errors" error.
        }
        return context.Errors;
    }
}
