namespace Graph.GraphQL.Data;

/// <summary>
/// Whether <c>[UseProjection]</c> loads a property whatever the client selects: <c>[IsProjected(true)]</c> always loads it
/// (a foreign key a resolver of another field needs, e.g. <c>WriterId</c>), <c>[IsProjected(false)]</c> never does (a
/// column too costly to load, whose field then reads the default value).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IsProjectedAttribute(bool projected) : Attribute
{
    /// <summary>True to always project the property, false to never project it.</summary>
    public bool Projected { get; } = projected;
}
