using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Introspection;

/// <summary>
/// The resolvers of the introspection types, over the schema model. Parents: <see cref="ISchema"/> for <c>__Schema</c>,
/// <see cref="IType"/> for <c>__Type</c>, <see cref="IOutputField"/> for <c>__Field</c>, <see cref="InputValueBase"/> for
/// <c>__InputValue</c>, <see cref="EnumValue"/> for <c>__EnumValue</c>, <see cref="DirectiveType"/> for <c>__Directive</c>.
/// All resolvers are pure (synchronous, no side effects).
/// </summary>
public static class IntrospectionResolvers
{
    private const string IncludeDeprecated = "includeDeprecated";

    /// <summary>The resolvers by type and field name.</summary>
    internal static IReadOnlyDictionary<string, IReadOnlyDictionary<string, PureFieldResolverDelegate>> All { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, PureFieldResolverDelegate>>(StringComparer.Ordinal)
        {
            [IntrospectionNames.SchemaType] = new Dictionary<string, PureFieldResolverDelegate>(StringComparer.Ordinal)
            {
                ["description"] = static ctx => ctx.Parent<ISchema>().Description,
                ["types"] = static ctx => ctx.Parent<ISchema>().Types,
                ["queryType"] = static ctx => ctx.Parent<ISchema>().QueryType,
                ["mutationType"] = static ctx => ctx.Parent<ISchema>().MutationType,
                ["subscriptionType"] = static ctx => ctx.Parent<ISchema>().SubscriptionType,
                ["directives"] = static ctx => ctx.Parent<ISchema>().Directives,
            },
            [IntrospectionNames.TypeType] = new Dictionary<string, PureFieldResolverDelegate>(StringComparer.Ordinal)
            {
                ["kind"] = static ctx => ctx.Parent<IType>().Kind,
                ["name"] = static ctx => ctx.Parent<IType>() is INamedType named ? named.Name : null,
                ["description"] = static ctx => ctx.Parent<IType>() is INamedType named ? named.Description : null,
                ["specifiedByURL"] = static ctx => ctx.Parent<IType>() is ScalarType scalar ? scalar.SpecifiedByUrl : null,
                ["fields"] = static ctx => ctx.Parent<IType>() is IComplexOutputType complex
                    ? Filter(complex.Fields, ctx.ArgumentValue<bool>(IncludeDeprecated), static f => f.IsDeprecated)
                    : null,
                ["interfaces"] = static ctx => ctx.Parent<IType>() is IComplexOutputType complex ? complex.Interfaces : null,
                ["possibleTypes"] = static ctx => ctx.Parent<IType>() is IAbstractType abstractType
                    ? ctx.Schema.GetPossibleTypes(abstractType)
                    : null,
                ["enumValues"] = static ctx => ctx.Parent<IType>() is EnumType enumType
                    ? Filter(enumType.Values, ctx.ArgumentValue<bool>(IncludeDeprecated), static v => v.IsDeprecated)
                    : null,
                ["inputFields"] = static ctx => ctx.Parent<IType>() is InputObjectType input
                    ? Filter(input.Fields, ctx.ArgumentValue<bool>(IncludeDeprecated), static f => f.IsDeprecated)
                    : null,
                ["ofType"] = static ctx => ctx.Parent<IType>() is IWrapperType wrapper ? wrapper.OfType : null,
                ["isOneOf"] = static ctx => ctx.Parent<IType>() is InputObjectType input ? input.IsOneOf : null,
            },
            [IntrospectionNames.FieldType] = new Dictionary<string, PureFieldResolverDelegate>(StringComparer.Ordinal)
            {
                ["name"] = static ctx => ctx.Parent<IOutputField>().Name,
                ["description"] = static ctx => ctx.Parent<IOutputField>().Description,
                ["args"] = static ctx => Filter(ctx.Parent<IOutputField>().Arguments, ctx.ArgumentValue<bool>(IncludeDeprecated), static a => a.IsDeprecated),
                ["type"] = static ctx => ctx.Parent<IOutputField>().Type,
                ["isDeprecated"] = static ctx => ctx.Parent<IOutputField>().IsDeprecated,
                ["deprecationReason"] = static ctx => ctx.Parent<IOutputField>().DeprecationReason,
            },
            [IntrospectionNames.InputValueType] = new Dictionary<string, PureFieldResolverDelegate>(StringComparer.Ordinal)
            {
                ["name"] = static ctx => ctx.Parent<InputValueBase>().Name,
                ["description"] = static ctx => ctx.Parent<InputValueBase>().Description,
                ["type"] = static ctx => ctx.Parent<InputValueBase>().Type,
                ["defaultValue"] = static ctx => ValuePrinter.PrintDefaultValue(ctx.Parent<InputValueBase>()),
                ["isDeprecated"] = static ctx => ctx.Parent<InputValueBase>().IsDeprecated,
                ["deprecationReason"] = static ctx => ctx.Parent<InputValueBase>().DeprecationReason,
            },
            [IntrospectionNames.EnumValueType] = new Dictionary<string, PureFieldResolverDelegate>(StringComparer.Ordinal)
            {
                ["name"] = static ctx => ctx.Parent<EnumValue>().Name,
                ["description"] = static ctx => ctx.Parent<EnumValue>().Description,
                ["isDeprecated"] = static ctx => ctx.Parent<EnumValue>().IsDeprecated,
                ["deprecationReason"] = static ctx => ctx.Parent<EnumValue>().DeprecationReason,
            },
            [IntrospectionNames.DirectiveType] = new Dictionary<string, PureFieldResolverDelegate>(StringComparer.Ordinal)
            {
                ["name"] = static ctx => ctx.Parent<DirectiveType>().Name,
                ["description"] = static ctx => ctx.Parent<DirectiveType>().Description,
                ["isRepeatable"] = static ctx => ctx.Parent<DirectiveType>().IsRepeatable,
                ["locations"] = static ctx => ctx.Parent<DirectiveType>().Locations,
                ["args"] = static ctx => Filter(ctx.Parent<DirectiveType>().Arguments, ctx.ArgumentValue<bool>(IncludeDeprecated), static a => a.IsDeprecated),
            },
        };

    /// <summary>Resolves <c>__typename</c>: the name of the object type being resolved.</summary>
    public static object? ResolveTypeName(IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.ObjectType.Name;
    }

    /// <summary>Resolves <c>__schema</c>: the schema.</summary>
    public static object? ResolveSchema(IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Schema;
    }

    /// <summary>Resolves <c>__type(name:)</c>: the named type, or null.</summary>
    public static object? ResolveType(IResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Schema.TryGetType(context.ArgumentValue<string>("name"), out var type) ? type : null;
    }

    private static IReadOnlyList<T> Filter<T>(IReadOnlyList<T> items, bool includeDeprecated, Func<T, bool> isDeprecated)
    {
        if (includeDeprecated)
        {
            return items;
        }
        var anyDeprecated = false;
        foreach (var item in items)
        {
            if (isDeprecated(item))
            {
                anyDeprecated = true;
                break;
            }
        }
        if (!anyDeprecated)
        {
            return items;
        }
        var result = new List<T>(items.Count);
        foreach (var item in items)
        {
            if (!isDeprecated(item))
            {
                result.Add(item);
            }
        }
        return result;
    }
}
