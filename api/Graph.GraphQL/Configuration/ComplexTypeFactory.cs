using System.Reflection;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>Fills in object, interface and union definitions from their descriptors, and applies extension classes.</summary>
internal static class ComplexTypeFactory
{
    public static void FillObject(DescriptorContext context, TypeEntry entry)
    {
        var definition = (ObjectTypeDefinition)entry.Definition;
        var descriptor = (ObjectTypeDescriptor)entry.Descriptor;
        var runtimeType = descriptor.RuntimeType;
        definition.Description = descriptor.HasDescription ? descriptor.DescriptionText : runtimeType is null ? null : context.Describe(runtimeType);
        definition.Directives.AddRange(descriptor.Directives);
        definition.IsOfType = descriptor.IsOfTypeCheck;
        AddInterfaces(context, definition.Name, definition.Interfaces, descriptor.Interfaces, entry.IsResolverClass ? null : runtimeType);

        var owner = new FieldOwner(
            definition.Name,
            entry.IsResolverClass ? null : runtimeType,
            entry.IsResolverClass && runtimeType is not null ? ResolverInstances.Create(runtimeType) : null,
            entry.Operation == OperationType.Subscription || definition.Name == context.SubscriptionTypeName,
            IsInterface: false);
        var extensions = context.Extensions.Where(e => !e.IsApplied && Targets(e, runtimeType, definition.Name)).ToList();
        var ignored = extensions.SelectMany(e => e.IgnoredMembers).ToHashSet(StringComparer.Ordinal);
        definition.Fields.AddRange(OutputFieldFactory.CreateFields(
            context,
            owner,
            descriptor.Fields,
            runtimeType,
            includeStatic: entry.IsResolverClass,
            descriptor.IgnoredMembers,
            (member, name) => ignored.Contains(member.Name) || ignored.Contains(name),
            descriptor.Binding ?? context.Options.DefaultBindingBehavior));
        foreach (var extension in extensions)
        {
            ApplyExtension(context, extension, definition);
        }
        foreach (var callback in descriptor.Extension.Callbacks)
        {
            context.OnCompletion(() => callback(context, definition));
        }
    }

    public static void FillInterface(DescriptorContext context, TypeEntry entry)
    {
        var definition = (InterfaceTypeDefinition)entry.Definition;
        var descriptor = (InterfaceTypeDescriptor)entry.Descriptor;
        var runtimeType = descriptor.RuntimeType;
        definition.Description = descriptor.HasDescription ? descriptor.DescriptionText : runtimeType is null ? null : context.Describe(runtimeType);
        definition.Directives.AddRange(descriptor.Directives);
        definition.ResolveType = descriptor.ResolveType;
        AddInterfaces(context, definition.Name, definition.Interfaces, descriptor.Interfaces, runtimeType);
        var owner = new FieldOwner(definition.Name, runtimeType, null, IsSubscription: false, IsInterface: true);
        definition.Fields.AddRange(OutputFieldFactory.CreateFields(
            context,
            owner,
            descriptor.Fields,
            runtimeType,
            includeStatic: false,
            descriptor.IgnoredMembers,
            static (_, _) => false,
            descriptor.Binding ?? context.Options.DefaultBindingBehavior));
        foreach (var callback in descriptor.Extension.Callbacks)
        {
            context.OnCompletion(() => callback(context, definition));
        }
    }

    public static void FillUnion(DescriptorContext context, TypeEntry entry)
    {
        var definition = (UnionTypeDefinition)entry.Definition;
        var descriptor = (UnionTypeDescriptor)entry.Descriptor;
        definition.Description = descriptor.HasDescription ? descriptor.DescriptionText
            : descriptor.RuntimeType is null ? null : context.Describe(descriptor.RuntimeType);
        definition.Directives.AddRange(descriptor.Directives);
        definition.ResolveType = descriptor.ResolveType;
        foreach (var member in descriptor.Types)
        {
            if (context.Resolve(member, TypeContext.Output, $"the members of the union {definition.Name}") is { } reference)
            {
                AddMember(definition, reference.NamedType());
            }
        }
        foreach (var callback in descriptor.Extension.Callbacks)
        {
            context.OnCompletion(() => callback(context, definition));
        }
    }

    /// <summary>Adds the object types whose CLR type implements a union's marker type, once every type is known.</summary>
    public static void CompleteUnions(DescriptorContext context)
    {
        foreach (var entry in context.Entries)
        {
            if (entry.Definition is not UnionTypeDefinition union || entry.Descriptor.RuntimeType is not { } marker)
            {
                continue;
            }
            foreach (var candidate in context.Entries)
            {
                if (candidate.Definition is ObjectTypeDefinition member && !candidate.IsResolverClass
                    && candidate.Descriptor.RuntimeType is { } runtimeType && runtimeType != marker && marker.IsAssignableFrom(runtimeType))
                {
                    AddMember(union, new NamedTypeNode(member.Name));
                }
            }
            if (union.Types.Count == 0)
            {
                context.ReportError($"The union {union.Name} has no member types: no object type of the schema has a CLR type implementing {marker.FullName}. Register the implementations with AddType<T>().");
            }
        }
    }

    /// <summary>Applies the extensions whose target this source did not fill (SDL types, types bound to SDL).</summary>
    public static void ApplyRemainingExtensions(DescriptorContext context)
    {
        foreach (var extension in context.Extensions)
        {
            if (extension.IsApplied)
            {
                continue;
            }
            var targetName = extension.TargetType is { } targetType
                ? context.GetNamedType(targetType, TypeContext.Output, $"the extension class {extension}")
                : extension.TargetName;
            var target = targetName is null ? null : context.Definitions.FindType(targetName);
            switch (target)
            {
                case ObjectTypeDefinition objectType:
                    ApplyExtension(context, extension, objectType);
                    break;
                case null:
                    // A CLR type without GraphQL type has reported why already.
                    if (targetName is not null)
                    {
                        context.ReportError($"Cannot extend the type \"{targetName}\" with {extension}: no type of that name is defined.");
                    }
                    extension.IsApplied = true;
                    break;
                default:
                    context.ReportError($"Cannot extend \"{target.Name}\" with {extension}: only object types can be extended by classes.");
                    extension.IsApplied = true;
                    break;
            }
        }
    }

    private static bool Targets(ExtensionInfo extension, Type? runtimeType, string name) =>
        extension.TargetType is not null ? extension.TargetType == runtimeType : extension.TargetName == name;

    private static void ApplyExtension(DescriptorContext context, ExtensionInfo extension, ObjectTypeDefinition target)
    {
        extension.IsApplied = true;
        var isRoot = context.Definitions.Schema.RootTypes.Values.Any(r => r.Name.Value == target.Name)
            || target.Name is OperationTypeNames.Query or OperationTypeNames.Mutation or OperationTypeNames.Subscription;
        var owner = new FieldOwner(
            target.Name,
            isRoot ? null : extension.TargetType ?? context.RuntimeTypeOf(target.Name),
            ClrMembers.IsStatic(extension.Type) ? null : ResolverInstances.Create(extension.Type),
            target.Name == context.SubscriptionTypeName,
            IsInterface: false);
        var fields = OutputFieldFactory.CreateFields(
            context,
            owner,
            [],
            extension.Type,
            includeStatic: true,
            [],
            static (_, _) => false,
            BindingBehavior.Implicit);
        // [Authorize] on the extension class protects the fields it contributes, not the whole extended type.
        Authorization.AuthorizeAttribute.ApplyToExtensionFields(context, extension.Type, fields);
        var ignored = extension.IgnoredMembers;
        target.Fields.RemoveAll(f => ignored.Contains(f.Name) || (f.Member is { } member && ignored.Contains(member.Name)));
        foreach (var field in fields)
        {
            if (field.ResolverMember is not null && field.Member is { } bound)
            {
                // [BindMember]: the extension's field replaces the one the type has for that member.
                target.Fields.RemoveAll(f => f.Member is { } member && ClrMembers.SameMember(member, bound));
            }
            if (target.Fields.Find(f => f.Name == field.Name) is { } existing)
            {
                context.ReportError($"The field {target.Name}.{field.Name} of the extension {extension.Type.Name} is already defined by {OutputFieldFactory.Describe(existing)}.");
                continue;
            }
            target.Fields.Add(field);
        }
    }

    private static void AddInterfaces(DescriptorContext context, string typeName, List<NamedTypeNode> target, List<TypeSpec> declared, Type? runtimeType)
    {
        var usage = $"the interfaces of {typeName}";
        foreach (var spec in declared)
        {
            if (context.Resolve(spec, TypeContext.Output, usage) is { } reference)
            {
                AddInterface(target, reference.NamedType().Name.Value);
            }
        }
        if (runtimeType is null)
        {
            return;
        }
        foreach (var abstraction in ClrMembers.Abstractions(runtimeType))
        {
            if (context.IsGraphQLInterface(abstraction) && context.GetNamedType(abstraction, TypeContext.Output, usage) is { } name)
            {
                AddInterface(target, name);
            }
        }
    }

    private static void AddInterface(List<NamedTypeNode> target, string name)
    {
        if (!target.Exists(i => i.Name.Value == name))
        {
            target.Add(new NamedTypeNode(name));
        }
    }

    private static void AddMember(UnionTypeDefinition union, NamedTypeNode member)
    {
        if (!union.Types.Exists(t => t.Name.Value == member.Name.Value))
        {
            union.Types.Add(member);
        }
    }
}
