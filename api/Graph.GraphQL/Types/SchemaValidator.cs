using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>
/// The spec's type system validation (§ 3, "Type Validation" of each kind), worded as the reference implementation's
/// <c>validateSchema</c>: root types, reserved names, fields and arguments, interface implementation (including interfaces
/// implementing interfaces and covariant field types), unions, enums, input objects (including circular non-null
/// references and <c>@oneOf</c>) and directive definitions.
/// </summary>
public static class SchemaValidator
{
    /// <summary>All problems of <paramref name="schema"/>; empty when it is valid.</summary>
    public static IReadOnlyList<SchemaError> Validate(ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<SchemaError>();
        ValidateRootTypes(schema, errors);
        ValidateDirectives(schema, errors);
        var cycles = new InputCycleDetector(errors);
        foreach (var type in schema.Types)
        {
            if (IntrospectionNames.IsIntrospectionType(type.Name))
            {
                continue;
            }
            ValidateName(type.Name, type.SyntaxNode?.Name ?? (ISyntaxNode?)type.SyntaxNode, errors);
            switch (type)
            {
                case ObjectType obj:
                    ValidateFields(obj, errors);
                    ValidateInterfaces(schema, obj, errors);
                    break;
                case InterfaceType iface:
                    ValidateFields(iface, errors);
                    ValidateInterfaces(schema, iface, errors);
                    break;
                case UnionType union:
                    ValidateUnion(union, errors);
                    break;
                case EnumType enumType:
                    ValidateEnum(enumType, errors);
                    break;
                case InputObjectType input:
                    ValidateInputObject(input, errors);
                    cycles.Check(input);
                    break;
            }
        }
        return errors;
    }

    private static void ValidateRootTypes(ISchema schema, List<SchemaError> errors)
    {
        var roots = new List<(string Operation, ObjectType Type)> { ("query", schema.QueryType) };
        if (schema.MutationType is not null)
        {
            roots.Add(("mutation", schema.MutationType));
        }
        if (schema.SubscriptionType is not null)
        {
            roots.Add(("subscription", schema.SubscriptionType));
        }
        foreach (var group in roots.GroupBy(r => r.Type.Name).Where(g => g.Count() > 1))
        {
            errors.Add(new SchemaError(
                $"All root types must be different, \"{group.Key}\" type is used as {string.Join(" and ", group.Select(g => g.Operation))} root types.",
                Nodes(group.First().Type.SyntaxNode)));
        }
    }

    private static void ValidateDirectives(ISchema schema, List<SchemaError> errors)
    {
        foreach (var directive in schema.Directives)
        {
            ValidateName(directive.Name, directive.SyntaxNode?.Name, errors);
            if (directive.Locations.Count == 0)
            {
                errors.Add(new SchemaError($"Directive @{directive.Name} must include 1 or more locations.", Nodes(directive.SyntaxNode)));
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var argument in directive.Arguments)
            {
                ValidateName(argument.Name, argument.SyntaxNode?.Name, errors);
                if (!seen.Add(argument.Name))
                {
                    errors.Add(new SchemaError($"Argument @{directive.Name}({argument.Name}:) can only be defined once.", Nodes(argument.SyntaxNode)));
                }
                if (!argument.Type.IsInputType())
                {
                    errors.Add(new SchemaError($"The type of @{directive.Name}({argument.Name}:) must be Input Type but got: {argument.Type.Print()}.", Nodes(argument.SyntaxNode?.Type)));
                }
                if (argument.IsRequired && argument.IsDeprecated)
                {
                    errors.Add(new SchemaError($"Required argument @{directive.Name}({argument.Name}:) cannot be deprecated.", Nodes(DeprecatedNode(argument.Directives), argument.SyntaxNode?.Type)));
                }
            }
        }
    }

    private static void ValidateName(string name, ISyntaxNode? node, List<SchemaError> errors)
    {
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            errors.Add(new SchemaError($"Name \"{name}\" must not begin with \"__\", which is reserved by GraphQL introspection.", Nodes(node)));
        }
    }

    private static void ValidateFields(IComplexOutputType type, List<SchemaError> errors)
    {
        if (type.Fields.Count == 0)
        {
            errors.Add(new SchemaError($"Type {type.Name} must define one or more fields.", Nodes(type.SyntaxNode)));
        }
        foreach (var field in type.Fields)
        {
            ValidateName(field.Name, field.SyntaxNode?.Name, errors);
            if (!field.Type.IsOutputType())
            {
                errors.Add(new SchemaError($"The type of {type.Name}.{field.Name} must be Output Type but got: {field.Type.Print()}.", Nodes(field.SyntaxNode?.Type)));
            }
            foreach (var argument in field.Arguments)
            {
                ValidateName(argument.Name, argument.SyntaxNode?.Name, errors);
                if (!argument.Type.IsInputType())
                {
                    errors.Add(new SchemaError($"The type of {type.Name}.{field.Name}({argument.Name}:) must be Input Type but got: {argument.Type.Print()}.", Nodes(argument.SyntaxNode?.Type)));
                }
                if (argument.IsRequired && argument.IsDeprecated)
                {
                    errors.Add(new SchemaError($"Required argument {type.Name}.{field.Name}({argument.Name}:) cannot be deprecated.", Nodes(DeprecatedNode(argument.Directives), argument.SyntaxNode?.Type)));
                }
            }
        }
    }

    private static void ValidateInterfaces(ISchema schema, IComplexOutputType type, List<SchemaError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var iface in type.Interfaces)
        {
            if (ReferenceEquals(iface, type))
            {
                errors.Add(new SchemaError($"Type {type.Name} cannot implement itself because it would create a circular reference.", Nodes(InterfaceNode(type, iface.Name))));
                continue;
            }
            if (!seen.Add(iface.Name))
            {
                errors.Add(new SchemaError($"Type {type.Name} can only implement {iface.Name} once.", Nodes(InterfaceNode(type, iface.Name))));
                continue;
            }
            ValidateTypeImplementsAncestors(type, iface, errors);
            ValidateTypeImplementsInterface(schema, type, iface, errors);
        }
    }

    private static void ValidateTypeImplementsAncestors(IComplexOutputType type, InterfaceType iface, List<SchemaError> errors)
    {
        foreach (var transitive in iface.Interfaces)
        {
            if (!type.Implements(transitive.Name))
            {
                errors.Add(new SchemaError(
                    ReferenceEquals(transitive, type)
                        ? $"Type {type.Name} cannot implement {iface.Name} because it would create a circular reference."
                        : $"Type {type.Name} must implement {transitive.Name} because it is implemented by {iface.Name}.",
                    Nodes(InterfaceNode(iface, transitive.Name), InterfaceNode(type, iface.Name))));
            }
        }
    }

    private static void ValidateTypeImplementsInterface(ISchema schema, IComplexOutputType type, InterfaceType iface, List<SchemaError> errors)
    {
        foreach (var ifaceField in iface.Fields)
        {
            var fieldName = ifaceField.Name;
            var typeField = type.Fields.Find(fieldName);
            if (typeField is null)
            {
                errors.Add(new SchemaError($"Interface field {iface.Name}.{fieldName} expected but {type.Name} does not provide it.", Nodes(ifaceField.SyntaxNode, type.SyntaxNode)));
                continue;
            }
            if (!schema.IsTypeSubTypeOf(typeField.Type, ifaceField.Type))
            {
                errors.Add(new SchemaError(
                    $"Interface field {iface.Name}.{fieldName} expects type {ifaceField.Type.Print()} but {type.Name}.{fieldName} is type {typeField.Type.Print()}.",
                    Nodes(ifaceField.SyntaxNode?.Type, typeField.SyntaxNode?.Type)));
            }
            foreach (var ifaceArgument in ifaceField.Arguments)
            {
                var argumentName = ifaceArgument.Name;
                var typeArgument = typeField.Arguments.Find(argumentName);
                if (typeArgument is null)
                {
                    errors.Add(new SchemaError(
                        $"Interface field argument {iface.Name}.{fieldName}({argumentName}:) expected but {type.Name}.{fieldName} does not provide it.",
                        Nodes(ifaceArgument.SyntaxNode, typeField.SyntaxNode)));
                    continue;
                }
                if (!ifaceArgument.Type.IsEqualType(typeArgument.Type))
                {
                    errors.Add(new SchemaError(
                        $"Interface field argument {iface.Name}.{fieldName}({argumentName}:) expects type {ifaceArgument.Type.Print()} but {type.Name}.{fieldName}({argumentName}:) is type {typeArgument.Type.Print()}.",
                        Nodes(ifaceArgument.SyntaxNode?.Type, typeArgument.SyntaxNode?.Type)));
                }
            }
            foreach (var typeArgument in typeField.Arguments)
            {
                if (typeArgument.IsRequired && !ifaceField.Arguments.ContainsName(typeArgument.Name))
                {
                    errors.Add(new SchemaError(
                        $"Object field {type.Name}.{fieldName} includes required argument {typeArgument.Name} that is missing from the Interface field {iface.Name}.{fieldName}.",
                        Nodes(typeArgument.SyntaxNode, ifaceField.SyntaxNode)));
                }
            }
        }
    }

    private static void ValidateUnion(UnionType union, List<SchemaError> errors)
    {
        if (union.Types.Count == 0)
        {
            errors.Add(new SchemaError($"Union type {union.Name} must define one or more member types.", Nodes(union.SyntaxNode)));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in union.Types)
        {
            if (!seen.Add(member.Name))
            {
                errors.Add(new SchemaError($"Union type {union.Name} can only include type {member.Name} once.", Nodes(UnionMemberNode(union, member.Name))));
            }
        }
    }

    private static void ValidateEnum(EnumType enumType, List<SchemaError> errors)
    {
        if (enumType.Values.Count == 0)
        {
            errors.Add(new SchemaError($"Enum type {enumType.Name} must define one or more values.", Nodes(enumType.SyntaxNode)));
        }
        foreach (var value in enumType.Values)
        {
            ValidateName(value.Name, value.SyntaxNode?.Name, errors);
            if (value.Name is "true" or "false" or "null")
            {
                errors.Add(new SchemaError($"Enum type {enumType.Name} cannot include value: {value.Name}.", Nodes(value.SyntaxNode)));
            }
        }
    }

    private static void ValidateInputObject(InputObjectType input, List<SchemaError> errors)
    {
        if (input.Fields.Count == 0)
        {
            errors.Add(new SchemaError($"Input Object type {input.Name} must define one or more fields.", Nodes(input.SyntaxNode)));
        }
        foreach (var field in input.Fields)
        {
            ValidateName(field.Name, field.SyntaxNode?.Name, errors);
            if (!field.Type.IsInputType())
            {
                errors.Add(new SchemaError($"The type of {input.Name}.{field.Name} must be Input Type but got: {field.Type.Print()}.", Nodes(field.SyntaxNode?.Type)));
            }
            if (field.IsRequired && field.IsDeprecated)
            {
                errors.Add(new SchemaError($"Required input field {input.Name}.{field.Name} cannot be deprecated.", Nodes(DeprecatedNode(field.Directives), field.SyntaxNode?.Type)));
            }
            if (input.IsOneOf)
            {
                if (field.Type.IsNonNull())
                {
                    errors.Add(new SchemaError($"OneOf input field {input.Name}.{field.Name} must be nullable.", Nodes(field.SyntaxNode?.Type)));
                }
                if (field.DefaultValue is not null)
                {
                    errors.Add(new SchemaError($"OneOf input field {input.Name}.{field.Name} cannot have a default value.", Nodes(field.SyntaxNode)));
                }
            }
        }
    }

    private static ISyntaxNode? DeprecatedNode(IReadOnlyList<AppliedDirective> directives)
    {
        foreach (var directive in directives)
        {
            if (directive.Name == BuiltInDirectives.Deprecated)
            {
                return directive.SyntaxNode;
            }
        }
        return null;
    }

    private static ISyntaxNode? InterfaceNode(INamedType type, string interfaceName)
    {
        if (type.SyntaxNode is IComplexTypeNode complex)
        {
            foreach (var node in complex.Interfaces)
            {
                if (node.Name.Value == interfaceName)
                {
                    return node;
                }
            }
        }
        return null;
    }

    private static ISyntaxNode? UnionMemberNode(UnionType union, string memberName)
    {
        if (union.SyntaxNode is UnionTypeDefinitionNode node)
        {
            return node.Types.LastOrDefault(t => t.Name.Value == memberName);
        }
        return null;
    }

    private static ISyntaxNode[] Nodes(params ISyntaxNode?[] nodes) => nodes.Where(n => n is not null).ToArray()!;

    /// <summary>Finds input objects that reference themselves through non-null, non-list fields only (the spec forbids them).</summary>
    private sealed class InputCycleDetector(List<SchemaError> errors)
    {
        private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
        private readonly List<InputField> _path = [];
        private readonly Dictionary<string, int> _pathIndexByType = new(StringComparer.Ordinal);

        public void Check(InputObjectType type)
        {
            if (!_visited.Add(type.Name))
            {
                return;
            }
            _pathIndexByType[type.Name] = _path.Count;
            foreach (var field in type.Fields)
            {
                if (field.Type is NonNullType { OfType: InputObjectType fieldType })
                {
                    _path.Add(field);
                    if (_pathIndexByType.TryGetValue(fieldType.Name, out var cycleIndex))
                    {
                        var cycle = _path.Skip(cycleIndex).ToList();
                        errors.Add(new SchemaError(
                            $"Cannot reference Input Object \"{fieldType.Name}\" within itself through a series of non-null fields: \"{string.Join(".", cycle.Select(f => f.Name))}\".",
                            cycle.Select(f => (ISyntaxNode?)f.SyntaxNode).Where(n => n is not null).ToArray()!));
                    }
                    else
                    {
                        Check(fieldType);
                    }
                    _path.RemoveAt(_path.Count - 1);
                }
            }
            _pathIndexByType.Remove(type.Name);
        }
    }
}
