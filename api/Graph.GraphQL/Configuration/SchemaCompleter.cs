using System.Collections.Frozen;
using Graph.GraphQL.Introspection;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>Turns collected definitions into the immutable schema model, then validates it.</summary>
internal sealed class SchemaCompleter
{
    private readonly SchemaDefinitionContext _context;
    private readonly List<SchemaError> _errors;
    private readonly Dictionary<string, NamedTypeBase> _types = new(StringComparer.Ordinal);
    private readonly List<string> _definitionOrder = [];
    private readonly Dictionary<string, DirectiveType> _directives = new(StringComparer.Ordinal);
    private readonly List<DirectiveType> _directiveOrder = [];
    private readonly IReadOnlyDictionary<string, ScalarType> _registeredScalars;
    private readonly List<(DirectiveType Directive, DirectiveNode Node)> _directiveUses = [];
    private string _currentType = string.Empty;

    public SchemaCompleter(SchemaDefinitionContext context, IReadOnlyDictionary<string, ScalarType> registeredScalars)
    {
        _context = context;
        _errors = context.Errors;
        _registeredScalars = registeredScalars;
    }

    public Schema Complete()
    {
        CreateTypes();
        CreateDirectives();
        foreach (var definition in _context.Types)
        {
            CompleteType(definition);
        }
        var schemaDirectives = ApplyDirectives(_context.Schema.Directives, DirectiveLocation.Schema, "schema");
        foreach (var (directive, node) in _directiveUses)
        {
            CheckDirectiveArguments(directive, node);
        }
        var metaFields = CreateMetaFields();
        var (query, mutation, subscription) = ResolveRootTypes();
        ThrowIfErrors();

        var order = TypeOrder.Collect(_definitionOrder.Select(n => (INamedType)_types[n]), query, mutation, subscription, _directiveOrder, _types[IntrospectionNames.SchemaType]);
        var schema = new Schema(
            _context.Schema.Description,
            query!,
            mutation,
            subscription,
            order,
            _directiveOrder.ToArray(),
            schemaDirectives,
            _context.Schema.ContextData.ToFrozenDictionary(StringComparer.Ordinal),
            metaFields);

        _errors.AddRange(SchemaValidator.Validate(schema));
        ThrowIfErrors();
        PrepareDefaults(schema);
        return schema;
    }

    private void ThrowIfErrors()
    {
        if (_errors.Count > 0)
        {
            throw new SchemaException(_errors.ToArray());
        }
    }

    private void CreateTypes()
    {
        foreach (var definition in _context.Types)
        {
            NamedTypeBase type = definition switch
            {
                ObjectTypeDefinition => new ObjectType(definition.Name, definition.Description, definition.SyntaxNode),
                InterfaceTypeDefinition => new InterfaceType(definition.Name, definition.Description, definition.SyntaxNode),
                UnionTypeDefinition => new UnionType(definition.Name, definition.Description, definition.SyntaxNode),
                EnumTypeDefinition => new EnumType(definition.Name, definition.Description, definition.SyntaxNode),
                InputObjectTypeDefinition => new InputObjectType(definition.Name, definition.Description, definition.SyntaxNode),
                ScalarTypeDefinition scalar => CreateScalar(scalar),
                _ => throw new InvalidOperationException($"Unknown definition {definition.GetType().Name}."),
            };
            _types[definition.Name] = type;
            _definitionOrder.Add(definition.Name);
        }
    }

    private ScalarType CreateScalar(ScalarTypeDefinition definition)
    {
        if (BuiltInScalars.IsSpecifiedScalarName(definition.Name))
        {
            // The spec's scalars keep their standard behaviour and description, as in the reference implementation.
            return BuiltInScalars.Create(definition.Name)!;
        }
        ScalarType scalar;
        if (definition.Implementation is not null)
        {
            scalar = definition.Implementation.CloneForSchema();
            if (definition.SyntaxNode is not null)
            {
                scalar.Description = definition.Description ?? scalar.Description;
                scalar.SpecifiedByUrl = SpecifiedByUrl(definition.Directives) ?? scalar.SpecifiedByUrl;
            }
        }
        else if (_registeredScalars.TryGetValue(definition.Name, out var registered))
        {
            scalar = registered.CloneForSchema();
            scalar.Description = definition.Description ?? scalar.Description;
            scalar.SpecifiedByUrl = SpecifiedByUrl(definition.Directives) ?? scalar.SpecifiedByUrl;
        }
        else
        {
            // SDL decides description and @specifiedBy of a known scalar it declares; unknown scalars pass values through.
            scalar = BuiltInScalars.Create(definition.Name) ?? new Types.Scalars.JsonType(definition.Name, null);
            scalar.Description = definition.Description;
            scalar.SpecifiedByUrl = SpecifiedByUrl(definition.Directives);
        }
        scalar.SyntaxNode = definition.SyntaxNode;
        return scalar;
    }

    private static string? SpecifiedByUrl(List<DirectiveNode> directives)
    {
        foreach (var directive in directives)
        {
            if (directive.Name.Value == BuiltInDirectives.SpecifiedBy)
            {
                foreach (var argument in directive.Arguments)
                {
                    if (argument.Name.Value == "url" && argument.Value is StringValueNode url)
                    {
                        return url.Value;
                    }
                }
            }
        }
        return null;
    }

    private void CreateDirectives()
    {
        foreach (var definition in _context.Directives)
        {
            var locations = new List<DirectiveLocation>(definition.Locations.Count);
            foreach (var location in definition.Locations)
            {
                if (DirectiveLocationExtensions.TryParse(location.Value, out var parsed))
                {
                    locations.Add(parsed);
                }
                else
                {
                    _errors.Add(new SchemaError($"Unknown directive location \"{location.Value}\".", [location]));
                }
            }
            var directive = new DirectiveType(definition.Name, definition.Description, definition.IsRepeatable, locations, definition.SyntaxNode);
            _directives[definition.Name] = directive;
            _directiveOrder.Add(directive);
        }
        foreach (var definition in _context.Directives)
        {
            var directive = _directives[definition.Name];
            directive.Arguments = new FieldCollection<Argument>(definition.Arguments.Select(a => CreateArgument("@" + definition.Name, a)));
        }
    }

    private void CompleteType(TypeDefinition definition)
    {
        var type = _types[definition.Name];
        _currentType = definition.Name;
        type.ContextData = definition.ContextData.ToFrozenDictionary(StringComparer.Ordinal);
        type.ExtensionNodes = definition.ExtensionNodes.ToArray();
        switch (definition)
        {
            case ObjectTypeDefinition d:
                var obj = (ObjectType)type;
                obj.Directives = ApplyDirectives(d.Directives, DirectiveLocation.Object, d.Name);
                obj.RuntimeType = d.RuntimeType;
                obj.IsOfTypeHandler = d.IsOfType;
                obj.Interfaces = ResolveInterfaces(d.Interfaces);
                obj.Fields = new FieldCollection<ObjectField>(d.Fields.Select(f => CreateObjectField(obj, f)));
                obj.CompleteIsOfType();
                break;
            case InterfaceTypeDefinition d:
                var iface = (InterfaceType)type;
                iface.Directives = ApplyDirectives(d.Directives, DirectiveLocation.Interface, d.Name);
                iface.RuntimeType = d.RuntimeType;
                iface.ResolveType = d.ResolveType;
                iface.Interfaces = ResolveInterfaces(d.Interfaces);
                iface.Fields = new FieldCollection<InterfaceField>(d.Fields.Select(f => CreateInterfaceField(iface, f)));
                break;
            case UnionTypeDefinition d:
                var union = (UnionType)type;
                union.Directives = ApplyDirectives(d.Directives, DirectiveLocation.Union, d.Name);
                union.RuntimeType = d.RuntimeType;
                union.ResolveType = d.ResolveType;
                var members = new List<ObjectType>();
                foreach (var member in d.Types)
                {
                    if (ResolveNamed(member) is { } resolved)
                    {
                        if (resolved is ObjectType memberObject)
                        {
                            members.Add(memberObject);
                        }
                        else
                        {
                            _errors.Add(new SchemaError($"Union type {d.Name} can only include Object types, it cannot include {resolved.Name}.", [member]));
                        }
                    }
                }
                union.Types = members;
                break;
            case EnumTypeDefinition d:
                CompleteEnum((EnumType)type, d);
                break;
            case InputObjectTypeDefinition d:
                var input = (InputObjectType)type;
                input.Directives = ApplyDirectives(d.Directives, DirectiveLocation.InputObject, d.Name);
                input.RuntimeType = d.RuntimeType;
                input.IsOneOf = d.Directives.Exists(x => x.Name.Value == BuiltInDirectives.OneOf);
                input.Fields = new FieldCollection<InputField>(d.Fields.Select(f => CreateInputField(input, f)));
                if (d.RuntimeType is not null && d.RuntimeType != typeof(object) && !d.RuntimeType.IsAbstract && !d.RuntimeType.IsInterface)
                {
                    var names = input.Fields.Select(f => f.Name).ToArray();
                    foreach (var field in input.Fields)
                    {
                        field.RuntimeType ??= FindMemberType(d.RuntimeType, field.Name);
                    }
                    input.SetFactory(InputObjectFactory.Create(d.RuntimeType, names));
                }
                break;
            case ScalarTypeDefinition d:
                var scalar = (ScalarType)type;
                scalar.Directives = ApplyDirectives(d.Directives, DirectiveLocation.Scalar, d.Name);
                break;
        }
    }

    private static Type? FindMemberType(Type type, string fieldName) =>
        DefaultFieldResolver.FindMember(type, fieldName) switch
        {
            System.Reflection.PropertyInfo p => p.PropertyType,
            System.Reflection.FieldInfo f => f.FieldType,
            _ => null,
        };

    private void CompleteEnum(EnumType type, EnumTypeDefinition definition)
    {
        type.Directives = ApplyDirectives(definition.Directives, DirectiveLocation.Enum, definition.Name);
        type.RuntimeType = definition.RuntimeType is { IsEnum: true } ? definition.RuntimeType : null;
        var values = new List<EnumValue>(definition.Values.Count);
        foreach (var valueDefinition in definition.Values)
        {
            var runtimeValue = valueDefinition.RuntimeValue ?? MatchClrEnum(type.RuntimeType, valueDefinition.Name) ?? valueDefinition.Name;
            var value = new EnumValue(type, valueDefinition.Name, valueDefinition.Description, runtimeValue, valueDefinition.SyntaxNode)
            {
                Directives = ApplyDirectives(valueDefinition.Directives, DirectiveLocation.EnumValue, definition.Name + "." + valueDefinition.Name),
                DeprecationReason = DeprecationReason(valueDefinition.Directives),
            };
            values.Add(value);
        }
        type.SetValues(values);
    }

    private object? MatchClrEnum(Type? enumType, string name)
    {
        if (enumType is null)
        {
            return null;
        }
        var normalized = name.Replace("_", string.Empty, StringComparison.Ordinal);
        foreach (var member in Enum.GetNames(enumType))
        {
            if (string.Equals(member.Replace("_", string.Empty, StringComparison.Ordinal), normalized, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse(enumType, member);
            }
        }
        _errors.Add(new SchemaError($"The enum value \"{name}\" has no matching member in the CLR enum {enumType.FullName}."));
        return null;
    }

    private ObjectField CreateObjectField(ObjectType owner, OutputFieldDefinition definition)
    {
        var coordinate = owner.Name + "." + definition.Name;
        var field = new ObjectField(owner, definition.Name, definition.Description, definition.SyntaxNode)
        {
            Arguments = new FieldCollection<Argument>(definition.Arguments.Select(a => CreateArgument(coordinate, a))),
            DeprecationReason = DeprecationReason(definition.Directives),
            Directives = ApplyDirectives(definition.Directives, DirectiveLocation.FieldDefinition, coordinate),
            ContextData = definition.ContextData.ToFrozenDictionary(StringComparer.Ordinal),
            SubscribeResolver = definition.SubscribeResolver,
            Member = definition.Member,
            ResolverMember = definition.ResolverMember,
        };
        field.Type = ResolveOutputType(definition.Type, coordinate);
        AssignResolver(field, definition, owner);
        return field;
    }

    private static void AssignResolver(ObjectField field, OutputFieldDefinition definition, ObjectType owner)
    {
        if (definition.Resolver is not null)
        {
            field.Resolver = definition.Resolver;
            field.PureResolver = definition.PureResolver;
            return;
        }
        if (definition.PureResolver is { } pure)
        {
            field.PureResolver = pure;
            field.Resolver = context => new ValueTask<object?>(pure(context));
            return;
        }
        if (definition.SubscribeResolver is not null)
        {
            // A subscription field without resolver yields each event as it is.
            PureFieldResolverDelegate identity = static context => context.Parent();
            field.PureResolver = identity;
            field.Resolver = context => new ValueTask<object?>(context.Parent());
            return;
        }
        var property = DefaultFieldResolver.Create(definition.Name, owner.RuntimeType);
        field.PureResolver = property;
        field.Resolver = context => new ValueTask<object?>(property(context));
    }

    private InterfaceField CreateInterfaceField(InterfaceType owner, OutputFieldDefinition definition)
    {
        var coordinate = owner.Name + "." + definition.Name;
        var field = new InterfaceField(owner, definition.Name, definition.Description, definition.SyntaxNode)
        {
            Arguments = new FieldCollection<Argument>(definition.Arguments.Select(a => CreateArgument(coordinate, a))),
            DeprecationReason = DeprecationReason(definition.Directives),
            Directives = ApplyDirectives(definition.Directives, DirectiveLocation.FieldDefinition, coordinate),
            ContextData = definition.ContextData.ToFrozenDictionary(StringComparer.Ordinal),
        };
        field.Type = ResolveOutputType(definition.Type, coordinate);
        return field;
    }

    private Argument CreateArgument(string ownerCoordinate, InputValueDefinition definition)
    {
        var argument = new Argument(ownerCoordinate, definition.Name, definition.Description, definition.SyntaxNode)
        {
            DefaultValue = definition.DefaultValue,
            DeprecationReason = DeprecationReason(definition.Directives),
            RuntimeType = definition.RuntimeType,
        };
        argument.Directives = ApplyDirectives(definition.Directives, DirectiveLocation.ArgumentDefinition, argument.Coordinate);
        argument.Type = ResolveInputType(definition.Type, argument.Coordinate);
        return argument;
    }

    private InputField CreateInputField(InputObjectType owner, InputValueDefinition definition)
    {
        var field = new InputField(owner, definition.Name, definition.Description, definition.SyntaxNode)
        {
            DefaultValue = definition.DefaultValue,
            DeprecationReason = DeprecationReason(definition.Directives),
            RuntimeType = definition.RuntimeType,
        };
        field.Directives = ApplyDirectives(definition.Directives, DirectiveLocation.InputFieldDefinition, field.Coordinate);
        field.Type = ResolveInputType(definition.Type, field.Coordinate);
        return field;
    }

    private static string? DeprecationReason(List<DirectiveNode> directives)
    {
        foreach (var directive in directives)
        {
            if (directive.Name.Value != BuiltInDirectives.Deprecated)
            {
                continue;
            }
            foreach (var argument in directive.Arguments)
            {
                if (argument.Name.Value == "reason")
                {
                    return argument.Value is StringValueNode reason ? reason.Value : BuiltInDirectives.DefaultDeprecationReason;
                }
            }
            return BuiltInDirectives.DefaultDeprecationReason;
        }
        return null;
    }

    private List<InterfaceType> ResolveInterfaces(List<NamedTypeNode> names)
    {
        var result = new List<InterfaceType>(names.Count);
        var owner = names.Count > 0 ? _currentType : string.Empty;
        foreach (var name in names)
        {
            if (ResolveNamed(name) is { } type)
            {
                if (type is InterfaceType iface)
                {
                    result.Add(iface);
                }
                else
                {
                    _errors.Add(new SchemaError($"Type {owner} must only implement Interface types, it cannot implement {type.Name}.", [name]));
                }
            }
        }
        return result;
    }

    private INamedType? ResolveNamed(NamedTypeNode node)
    {
        var name = node.Name.Value;
        if (_types.TryGetValue(name, out var type))
        {
            return type;
        }
        if (BuiltInScalars.IsSpecifiedScalarName(name))
        {
            var scalar = BuiltInScalars.Create(name)!;
            _types[name] = scalar;
            return scalar;
        }
        if (_registeredScalars.TryGetValue(name, out var registered))
        {
            var scalar = registered.CloneForSchema();
            _types[name] = scalar;
            _definitionOrder.Add(name);
            return scalar;
        }
        _errors.Add(new SchemaError($"Unknown type \"{name}\".{Suggestions.DidYouMean(null, name, _types.Keys)}", [node]));
        return null;
    }

    private IType? ResolveType(ITypeNode node) => node switch
    {
        NamedTypeNode named => ResolveNamed(named),
        ListTypeNode list => ResolveType(list.Type) is { } item ? new ListType(item) : null,
        NonNullTypeNode nonNull => ResolveType(nonNull.Type) is { } inner ? new NonNullType(inner) : null,
        _ => null,
    };

    private IOutputType ResolveOutputType(ITypeNode node, string coordinate)
    {
        var type = ResolveType(node);
        if (type is null)
        {
            return PlaceholderOutput;
        }
        if (!type.IsOutputType())
        {
            _errors.Add(new SchemaError($"The type of {coordinate} must be Output Type but got: {type.Print()}.", [node]));
            return PlaceholderOutput;
        }
        return (IOutputType)type;
    }

    private IInputType ResolveInputType(ITypeNode node, string coordinate)
    {
        var type = ResolveType(node);
        if (type is null)
        {
            return PlaceholderInput;
        }
        if (!type.IsInputType())
        {
            _errors.Add(new SchemaError($"The type of {coordinate} must be Input Type but got: {type.Print()}.", [node]));
            return PlaceholderInput;
        }
        return (IInputType)type;
    }

    // Stand-in for type references that failed to resolve: an error is recorded with it and building stops before the
    // model is published, so the stand-in is never seen outside the completer.
    private static readonly Types.Scalars.StringType PlaceholderOutput = new();

    private static IInputType PlaceholderInput => PlaceholderOutput;

    private IReadOnlyList<AppliedDirective> ApplyDirectives(List<DirectiveNode> nodes, DirectiveLocation location, string owner)
    {
        if (nodes.Count == 0)
        {
            return [];
        }
        var result = new List<AppliedDirective>(nodes.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var name = node.Name.Value;
            if (!_directives.TryGetValue(name, out var directive))
            {
                _errors.Add(new SchemaError($"Unknown directive \"@{name}\".", [node]));
                continue;
            }
            if (!directive.IsAllowedAt(location))
            {
                _errors.Add(new SchemaError($"Directive \"@{name}\" may not be used on {location.ToSpecName()}.", [node]));
            }
            if (!directive.IsRepeatable && !seen.Add(name))
            {
                _errors.Add(new SchemaError($"The directive \"@{name}\" can only be used once at this location.", [node]));
            }
            // Argument values are checked once every input type is complete.
            _directiveUses.Add((directive, node));
            result.Add(new AppliedDirective(directive, node.Arguments, node));
        }
        return result;
    }

    private void CheckDirectiveArguments(DirectiveType directive, DirectiveNode node)
    {
        foreach (var argument in node.Arguments)
        {
            if (!directive.Arguments.TryGetField(argument.Name.Value, out var definition))
            {
                _errors.Add(new SchemaError(
                    $"Unknown argument \"{argument.Name.Value}\" on directive \"@{directive.Name}\".{Suggestions.DidYouMean(null, argument.Name.Value, directive.Arguments.Select(a => a.Name))}",
                    [argument]));
                continue;
            }
            try
            {
                InputCoercion.CoerceLiteral(argument.Value, definition.Type, null);
            }
            catch (InputCoercionException ex)
            {
                _errors.Add(new SchemaError(ex.Message, [argument.Value]));
            }
        }
        foreach (var definition in directive.Arguments)
        {
            if (definition.IsRequired && !node.Arguments.Any(a => a.Name.Value == definition.Name))
            {
                _errors.Add(new SchemaError(
                    $"Argument \"@{directive.Name}({definition.Name}:)\" of type \"{definition.Type.Print()}\" is required, but it was not provided.", [node]));
            }
        }
    }

    private MetaFields CreateMetaFields()
    {
        var carrier = _types[IntrospectionNames.SchemaType] as ObjectType
            ?? throw new InvalidOperationException("The introspection types are missing.");
        ObjectField Create(string name, string description, IOutputType type, PureFieldResolverDelegate resolver, params Argument[] arguments)
        {
            var field = new ObjectField(carrier, name, description, null)
            {
                Arguments = new FieldCollection<Argument>(arguments),
                IsIntrospectionField = true,
                PureResolver = resolver,
                Resolver = context => new ValueTask<object?>(resolver(context)),
                Type = type,
            };
            return field;
        }

        var stringType = (ScalarType)_types["String"];
        var nameArgument = new Argument(IntrospectionNames.Type, "name", null, null) { Type = new NonNullType(stringType) };
        return new MetaFields(
            Create(IntrospectionNames.TypeName, "The name of the current Object type at runtime.", new NonNullType(stringType), IntrospectionResolvers.ResolveTypeName),
            Create(IntrospectionNames.Schema, "Access the current type schema of this server.", new NonNullType(_types[IntrospectionNames.SchemaType]), IntrospectionResolvers.ResolveSchema),
            Create(IntrospectionNames.Type, "Request the type information of a single type.", (IOutputType)_types[IntrospectionNames.TypeType], IntrospectionResolvers.ResolveType, nameArgument));
    }

    private (ObjectType? Query, ObjectType? Mutation, ObjectType? Subscription) ResolveRootTypes()
    {
        ObjectType? Resolve(OperationType operation, string defaultName)
        {
            var keyword = operation switch
            {
                OperationType.Query => "Query",
                OperationType.Mutation => "Mutation",
                _ => "Subscription",
            };
            INamedType? type;
            ISyntaxNode? node = null;
            if (_context.Schema.RootTypes.TryGetValue(operation, out var named))
            {
                node = named;
                type = ResolveNamed(named);
                if (type is null)
                {
                    return null;
                }
            }
            else if (_context.HasSchemaDefinition)
            {
                type = null;
            }
            else
            {
                type = _types.GetValueOrDefault(defaultName);
            }

            if (type is null)
            {
                if (operation == OperationType.Query)
                {
                    _errors.Add(new SchemaError("Query root type must be provided.", SchemaDefinitionContext.Nodes(_context.Schema.SyntaxNode)));
                }
                return null;
            }
            if (type is not ObjectType obj)
            {
                _errors.Add(new SchemaError(
                    $"{keyword} root type must be Object type{(operation == OperationType.Query ? string.Empty : " if provided")}, it cannot be {type.Name}.",
                    SchemaDefinitionContext.Nodes(node ?? type.SyntaxNode)));
                return null;
            }
            return obj;
        }

        return (Resolve(OperationType.Query, "Query"), Resolve(OperationType.Mutation, "Mutation"), Resolve(OperationType.Subscription, "Subscription"));
    }

    private void PrepareDefaults(Schema schema)
    {
        foreach (var type in schema.Types)
        {
            switch (type)
            {
                case ObjectType obj:
                    foreach (var field in obj.Fields)
                    {
                        foreach (var argument in field.Arguments)
                        {
                            TryPrepare(argument);
                        }
                    }
                    break;
                case InterfaceType iface:
                    foreach (var field in iface.Fields)
                    {
                        foreach (var argument in field.Arguments)
                        {
                            TryPrepare(argument);
                        }
                    }
                    break;
                case InputObjectType input:
                    foreach (var field in input.Fields)
                    {
                        TryPrepare(field);
                    }
                    break;
            }
        }
        foreach (var directive in schema.Directives)
        {
            foreach (var argument in directive.Arguments)
            {
                TryPrepare(argument);
            }
        }
        ThrowIfErrors();

        void TryPrepare(InputValueBase value)
        {
            try
            {
                value.PrepareDefaultValue();
            }
            catch (InputCoercionException ex)
            {
                _errors.Add(new SchemaError($"{value.Coordinate} has an invalid default value: {ex.Message}", SchemaDefinitionContext.Nodes(value.DefaultValue)));
            }
        }
    }
}
