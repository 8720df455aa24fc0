using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>Contributes the type system definitions and extensions of an SDL document.</summary>
public sealed class SdlDocumentSource : ITypeDefinitionSource
{
    private readonly DocumentNode _document;

    /// <summary>Reads <paramref name="document"/>.</summary>
    public SdlDocumentSource(DocumentNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _document = document;
    }

    public void Contribute(SchemaDefinitionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var definition in _document.Definitions)
        {
            switch (definition)
            {
                case SchemaDefinitionNode schema:
                    AddSchema(context, schema);
                    break;
                case ITypeDefinitionNode type:
                    context.AddType(SdlReader.ReadType(type, context.Errors));
                    break;
                case DirectiveDefinitionNode directive:
                    context.AddDirective(SdlReader.ReadDirective(directive, context.Errors));
                    break;
                case SchemaExtensionNode schemaExtension:
                    context.Schema.ExtensionNodes.Add(schemaExtension);
                    break;
                case ITypeExtensionNode extension:
                    context.TypeExtensions.Add(extension);
                    break;
                default:
                    context.Errors.Add(new SchemaError(
                        $"A schema document may only contain type system definitions and extensions, found a {definition.Kind} definition.",
                        [definition]));
                    break;
            }
        }
    }

    private static void AddSchema(SchemaDefinitionContext context, SchemaDefinitionNode node)
    {
        if (context.HasSchemaDefinition)
        {
            context.Errors.Add(new SchemaError("Must provide only one schema definition.", [node]));
            return;
        }
        context.HasSchemaDefinition = true;
        var schema = context.Schema;
        schema.SyntaxNode = node;
        schema.Description = node.Description?.Value;
        schema.Directives.AddRange(node.Directives);
        SdlReader.AddOperationTypes(schema, node.OperationTypes, context.Errors);
    }
}

/// <summary>Turns SDL nodes into definitions and merges SDL extensions into them.</summary>
internal static class SdlReader
{
    public static TypeDefinition ReadType(ITypeDefinitionNode node, List<SchemaError> errors)
    {
        TypeDefinition definition;
        switch (node)
        {
            case ScalarTypeDefinitionNode:
                definition = new ScalarTypeDefinition(node.Name.Value);
                break;
            case ObjectTypeDefinitionNode n:
                var obj = new ObjectTypeDefinition(n.Name.Value);
                AddInterfaces(obj.Interfaces, n.Interfaces, n.Name.Value, errors);
                AddFields(obj.Fields, n.Fields, n.Name.Value, errors);
                definition = obj;
                break;
            case InterfaceTypeDefinitionNode n:
                var iface = new InterfaceTypeDefinition(n.Name.Value);
                AddInterfaces(iface.Interfaces, n.Interfaces, n.Name.Value, errors);
                AddFields(iface.Fields, n.Fields, n.Name.Value, errors);
                definition = iface;
                break;
            case UnionTypeDefinitionNode n:
                var union = new UnionTypeDefinition(n.Name.Value);
                union.Types.AddRange(n.Types);
                definition = union;
                break;
            case EnumTypeDefinitionNode n:
                var enumType = new EnumTypeDefinition(n.Name.Value);
                AddValues(enumType.Values, n.Values, n.Name.Value, errors);
                definition = enumType;
                break;
            case InputObjectTypeDefinitionNode n:
                var input = new InputObjectTypeDefinition(n.Name.Value);
                AddInputFields(input.Fields, n.Fields, n.Name.Value, errors);
                definition = input;
                break;
            default:
                throw new ArgumentException($"Unknown type definition {node.Kind}.", nameof(node));
        }
        definition.Description = node.Description?.Value;
        definition.Directives.AddRange(node.Directives);
        definition.SyntaxNode = node;
        return definition;
    }

    public static DirectiveDefinition ReadDirective(DirectiveDefinitionNode node, List<SchemaError> errors)
    {
        var definition = new DirectiveDefinition(node.Name.Value)
        {
            Description = node.Description?.Value,
            IsRepeatable = node.IsRepeatable,
            SyntaxNode = node,
        };
        AddArguments(definition.Arguments, node.Arguments, "@" + node.Name.Value, errors);
        definition.Locations.AddRange(node.Locations);
        return definition;
    }

    public static void AddOperationTypes(SchemaDefinition schema, IReadOnlyList<OperationTypeDefinitionNode> operationTypes, List<SchemaError> errors)
    {
        foreach (var operationType in operationTypes)
        {
            if (!schema.RootTypes.TryAdd(operationType.Operation, operationType.Type))
            {
                errors.Add(new SchemaError(
                    $"There can be only one {operationType.Operation.ToKeyword()} type in schema.",
                    [schema.RootTypes[operationType.Operation], operationType]));
            }
        }
    }

    /// <summary>Applies extensions (in order) to their definitions.</summary>
    public static void ApplyExtensions(SchemaDefinitionContext context)
    {
        foreach (var extension in context.Schema.ExtensionNodes)
        {
            context.Schema.Directives.AddRange(extension.Directives);
            AddOperationTypes(context.Schema, extension.OperationTypes, context.Errors);
        }

        foreach (var extension in context.TypeExtensions)
        {
            var name = extension.Name.Value;
            var definition = context.FindType(name);
            if (definition is null)
            {
                context.Errors.Add(new SchemaError($"Cannot extend type \"{name}\" because it is not defined.", [extension.Name]));
                continue;
            }
            if (!Extends(extension, definition))
            {
                context.Errors.Add(new SchemaError($"Cannot extend non-{KindName(extension)} type \"{name}\".", SchemaDefinitionContext.Nodes(definition.SyntaxNode, extension)));
                continue;
            }
            definition.Directives.AddRange(extension.Directives);
            definition.ExtensionNodes.Add(extension);
            switch (extension)
            {
                case ObjectTypeExtensionNode n:
                    var obj = (ObjectTypeDefinition)definition;
                    AddInterfaces(obj.Interfaces, n.Interfaces, name, context.Errors);
                    AddFields(obj.Fields, n.Fields, name, context.Errors);
                    break;
                case InterfaceTypeExtensionNode n:
                    var iface = (InterfaceTypeDefinition)definition;
                    AddInterfaces(iface.Interfaces, n.Interfaces, name, context.Errors);
                    AddFields(iface.Fields, n.Fields, name, context.Errors);
                    break;
                case UnionTypeExtensionNode n:
                    ((UnionTypeDefinition)definition).Types.AddRange(n.Types);
                    break;
                case EnumTypeExtensionNode n:
                    AddValues(((EnumTypeDefinition)definition).Values, n.Values, name, context.Errors);
                    break;
                case InputObjectTypeExtensionNode n:
                    AddInputFields(((InputObjectTypeDefinition)definition).Fields, n.Fields, name, context.Errors);
                    break;
            }
        }
    }

    private static bool Extends(ITypeExtensionNode extension, TypeDefinition definition) => (extension, definition) switch
    {
        (ScalarTypeExtensionNode, ScalarTypeDefinition) => true,
        (ObjectTypeExtensionNode, ObjectTypeDefinition) => true,
        (InterfaceTypeExtensionNode, InterfaceTypeDefinition) => true,
        (UnionTypeExtensionNode, UnionTypeDefinition) => true,
        (EnumTypeExtensionNode, EnumTypeDefinition) => true,
        (InputObjectTypeExtensionNode, InputObjectTypeDefinition) => true,
        _ => false,
    };

    private static string KindName(ITypeExtensionNode extension) => extension switch
    {
        ScalarTypeExtensionNode => "scalar",
        ObjectTypeExtensionNode => "object",
        InterfaceTypeExtensionNode => "interface",
        UnionTypeExtensionNode => "union",
        EnumTypeExtensionNode => "enum",
        _ => "input object",
    };

    private static void AddInterfaces(List<NamedTypeNode> target, IReadOnlyList<NamedTypeNode> interfaces, string typeName, List<SchemaError> errors)
    {
        foreach (var iface in interfaces)
        {
            if (target.Exists(i => i.Name.Value == iface.Name.Value))
            {
                errors.Add(new SchemaError($"Type \"{typeName}\" can only implement \"{iface.Name.Value}\" once.", [iface]));
                continue;
            }
            target.Add(iface);
        }
    }

    private static void AddFields(List<OutputFieldDefinition> target, IReadOnlyList<FieldDefinitionNode> fields, string typeName, List<SchemaError> errors)
    {
        foreach (var node in fields)
        {
            var existing = target.Find(f => f.Name == node.Name.Value);
            if (existing is not null)
            {
                errors.Add(new SchemaError($"Field \"{typeName}.{node.Name.Value}\" can only be defined once.", SchemaDefinitionContext.Nodes(existing.SyntaxNode?.Name, node.Name)));
                continue;
            }
            var field = new OutputFieldDefinition(node.Name.Value, node.Type)
            {
                Description = node.Description?.Value,
                SyntaxNode = node,
            };
            field.Directives.AddRange(node.Directives);
            AddArguments(field.Arguments, node.Arguments, typeName + "." + node.Name.Value, errors);
            target.Add(field);
        }
    }

    private static void AddArguments(List<InputValueDefinition> target, IReadOnlyList<InputValueDefinitionNode> arguments, string ownerCoordinate, List<SchemaError> errors)
    {
        foreach (var node in arguments)
        {
            var existing = target.Find(f => f.Name == node.Name.Value);
            if (existing is not null)
            {
                errors.Add(new SchemaError($"Argument \"{ownerCoordinate}({node.Name.Value}:)\" can only be defined once.", SchemaDefinitionContext.Nodes(existing.SyntaxNode?.Name, node.Name)));
                continue;
            }
            target.Add(ReadInputValue(node));
        }
    }

    private static void AddInputFields(List<InputValueDefinition> target, IReadOnlyList<InputValueDefinitionNode> fields, string typeName, List<SchemaError> errors)
    {
        foreach (var node in fields)
        {
            var existing = target.Find(f => f.Name == node.Name.Value);
            if (existing is not null)
            {
                errors.Add(new SchemaError($"Field \"{typeName}.{node.Name.Value}\" can only be defined once.", SchemaDefinitionContext.Nodes(existing.SyntaxNode?.Name, node.Name)));
                continue;
            }
            target.Add(ReadInputValue(node));
        }
    }

    private static InputValueDefinition ReadInputValue(InputValueDefinitionNode node)
    {
        var value = new InputValueDefinition(node.Name.Value, node.Type)
        {
            Description = node.Description?.Value,
            DefaultValue = node.DefaultValue,
            SyntaxNode = node,
        };
        value.Directives.AddRange(node.Directives);
        return value;
    }

    private static void AddValues(List<EnumValueDefinition> target, IReadOnlyList<EnumValueDefinitionNode> values, string typeName, List<SchemaError> errors)
    {
        foreach (var node in values)
        {
            var existing = target.Find(f => f.Name == node.Name.Value);
            if (existing is not null)
            {
                errors.Add(new SchemaError($"Enum value \"{typeName}.{node.Name.Value}\" can only be defined once.", SchemaDefinitionContext.Nodes(existing.SyntaxNode?.Name, node.Name)));
                continue;
            }
            var value = new EnumValueDefinition(node.Name.Value)
            {
                Description = node.Description?.Value,
                SyntaxNode = node,
            };
            value.Directives.AddRange(node.Directives);
            target.Add(value);
        }
    }
}
