using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Authorization;

/// <summary>How a schema built with <c>AddAuthorization()</c> gets its <c>@authorize</c> directives enforced.</summary>
internal static class AuthorizationSchema
{
    /// <summary>
    /// Before completion: declares <c>@authorize</c> and <c>ApplyPolicy</c> (unless the schema does) when authorization is
    /// on, reports their use when it is off, and drops the field directives that <see cref="AllowAnonymousAttribute"/> cancels.
    /// </summary>
    public static void PrepareDefinitions(SchemaDefinitionContext context, bool enabled)
    {
        string? firstUse = null;
        foreach (var type in context.Types)
        {
            if (firstUse is null && type.Directives.Exists(IsAuthorize))
            {
                firstUse = "The type " + type.Name;
            }
            var fields = type switch
            {
                ObjectTypeDefinition obj => obj.Fields,
                InterfaceTypeDefinition iface => iface.Fields,
                _ => null,
            };
            foreach (var field in fields ?? [])
            {
                if (field.ContextData.ContainsKey(AllowAnonymousAttribute.ContextDataKey))
                {
                    field.Directives.RemoveAll(IsAuthorize);
                }
                if (firstUse is null && field.Directives.Exists(IsAuthorize))
                {
                    firstUse = $"The field {type.Name}.{field.Name}";
                }
            }
        }
        if (!enabled)
        {
            if (firstUse is not null && context.FindDirective(AuthorizeDirectiveType.Name) is null)
            {
                context.Errors.Add(new SchemaError($"{firstUse} applies @authorize, which needs AddAuthorization() on the GraphQL server builder."));
            }
            return;
        }
        var definitions = new SchemaDefinitionContext();
        new SdlDocumentSource(Parser.Parse(AuthorizeDirectiveType.Sdl)).Contribute(definitions);
        foreach (var directive in definitions.Directives)
        {
            if (context.FindDirective(directive.Name) is null)
            {
                context.AddDirective(directive);
            }
        }
        foreach (var type in definitions.Types)
        {
            if (context.FindType(type.Name) is null)
            {
                context.AddType(type);
            }
        }
    }

    /// <summary>
    /// After completion: notes whether some field's resolver reads the user or request state and, when authorization is
    /// <paramref name="enabled"/>, works out the directives in force on every object field and wraps the resolvers of the
    /// fields checked at execution (<see cref="AuthorizingResolver"/>). Introspection is never authorized.
    /// </summary>
    /// <exception cref="SchemaException">A directive is misused (on an interface field, with arguments it does not take).</exception>
    public static void Complete(Schema schema, bool enabled)
    {
        foreach (var type in schema.Types)
        {
            if (type is ObjectType obj && obj.Fields.Any(static f => f.ContextData.ContainsKey(Resolvers.ResolverCompiler.ReadsRequestStateKey)))
            {
                schema.HasUserSpecificFields = true;
                break;
            }
        }
        if (!enabled)
        {
            return;
        }
        var errors = new List<SchemaError>();
        var anyField = false;
        var anyValidation = false;
        foreach (var type in schema.Types)
        {
            if (IntrospectionNames.IsIntrospectionType(type.Name))
            {
                continue;
            }
            switch (type)
            {
                case InterfaceType iface:
                    foreach (var field in iface.Fields)
                    {
                        foreach (var directive in field.Directives)
                        {
                            if (directive.Name == AuthorizeDirectiveType.Name)
                            {
                                errors.Add(new SchemaError(
                                    $"@authorize on the interface field {field.Coordinate} protects nothing: interface fields are not executed. Put it on the fields (or types) that implement {iface.Name}.",
                                    SchemaDefinitionContext.Nodes(directive.SyntaxNode)));
                            }
                        }
                    }
                    break;
                case ObjectType obj:
                    var typeDirectives = Read(obj.Directives, obj.Name, errors);
                    foreach (var field in obj.Fields)
                    {
                        var own = Read(field.Directives, field.Coordinate, errors);
                        var inForce = field.ContextData.ContainsKey(AllowAnonymousAttribute.ContextDataKey) ? []
                            : own.Length > 0 ? own
                            : typeDirectives;
                        if (inForce.Length == 0)
                        {
                            continue;
                        }
                        var authorization = new FieldAuthorization(inForce, ReferenceEquals(obj, schema.SubscriptionType));
                        field.Authorization = authorization;
                        anyField = true;
                        anyValidation |= authorization.Validation.Length > 0;
                        if (authorization.ChecksAtExecution)
                        {
                            var resolver = new AuthorizingResolver(field.Resolver, field.SubscribeResolver, field.Name, authorization);
                            field.Resolver = resolver.ResolveAsync;
                            field.PureResolver = null;
                            if (authorization.IsSubscriptionRoot && authorization.Before.Length > 0)
                            {
                                field.SubscribeResolver = resolver.SubscribeAsync;
                            }
                        }
                    }
                    break;
            }
        }
        if (errors.Count > 0)
        {
            throw new SchemaException(errors.ToArray());
        }
        schema.HasAuthorizedFields = anyField;
        schema.HasUserSpecificFields |= anyField;
        schema.HasValidationAuthorization = anyValidation;
    }

    private static AuthorizeDirective[] Read(IReadOnlyList<AppliedDirective> directives, string owner, List<SchemaError> errors)
    {
        List<AuthorizeDirective>? result = null;
        foreach (var directive in directives)
        {
            if (directive.Name != AuthorizeDirectiveType.Name)
            {
                continue;
            }
            try
            {
                (result ??= []).Add(AuthorizeDirectiveType.Parse(directive));
            }
            catch (ArgumentException ex)
            {
                errors.Add(new SchemaError($"The @authorize of {owner} is invalid: {ex.Message}", SchemaDefinitionContext.Nodes(directive.SyntaxNode)));
            }
        }
        return result is null ? [] : [.. result];
    }

    private static bool IsAuthorize(DirectiveNode directive) => directive.Name.Value == AuthorizeDirectiveType.Name;
}
