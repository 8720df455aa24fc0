using System.Reflection;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Resolvers;

namespace Graph.GraphQL.Types.Relay;

/// <summary>How a node type gets its key and its node resolver (from <see cref="NodeAttribute"/> or the code-first descriptor).</summary>
internal sealed class NodeConfiguration(Type? runtimeType)
{
    public Type? RuntimeType { get; } = runtimeType;

    /// <summary>The key member (found by convention or chosen with the code-first <c>IdField</c>), if any.</summary>
    public MemberInfo? IdMember { get; set; }

    /// <summary>The CLR name of the key member (<see cref="NodeAttribute.IdField"/>), if any.</summary>
    public string? IdMemberName { get; set; }

    public Type? ResolverType { get; set; }

    public string? ResolverName { get; set; }

    /// <summary>A node resolver given as a delegate (code-first), with the key type it expects.</summary>
    public (Type KeyType, FieldResolverDelegate Resolver)? Delegate { get; set; }
}

/// <summary>What <c>node(id:)</c> needs to know about a node type; kept in the type's context data.</summary>
/// <param name="KeyType">The CLR type of keys the resolver takes.</param>
/// <param name="Resolver">Fetches the object; runs with a <see cref="NodeResolverContext"/> holding the key.</param>
internal sealed record NodeTypeInfo(Type KeyType, FieldResolverDelegate Resolver)
{
    public const string ContextDataKey = "Graph.Relay.Node";
}

/// <summary>Turns an object type into a node type: implements <c>Node</c>, <c>id: ID!</c> from the key, a compiled node resolver.</summary>
internal static class NodeTypeConfigurer
{
    public static void Configure(IObjectTypeDescriptor descriptor, NodeConfiguration node)
    {
        descriptor.Implements(GlobalObjectIdentification.NodeInterfaceName);
        if (node.RuntimeType is not null && FindIdMember(node.RuntimeType, node.IdMemberName) is { } idMember)
        {
            SetIdMember(descriptor, node, idMember);
        }
        descriptor.Extend().OnBeforeCompletion((ctx, definition) => Complete((DescriptorContext)ctx, definition, node));
    }

    /// <summary>Makes <paramref name="member"/> the <c>id: ID!</c> field (and no longer the member chosen before, if any).</summary>
    public static void SetIdMember(IObjectTypeDescriptor descriptor, NodeConfiguration node, MemberInfo member)
    {
        if (descriptor is not ObjectTypeDescriptor state)
        {
            return;
        }
        if (node.IdMember is { } previous && previous != member)
        {
            state.MemberField(previous).Ignore();
        }
        node.IdMember = member;
        state.MemberField(member).Ignore(false).Name("id").Type("ID!");
    }

    private static MemberInfo? FindIdMember(Type type, string? name)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance;
        if (name is not null)
        {
            return (MemberInfo?)type.GetProperty(name, flags) ?? type.GetField(name, flags);
        }
        return (MemberInfo?)type.GetProperty("Id", flags)
            ?? type.GetProperties(flags).FirstOrDefault(p => p.IsDefined(typeof(IDAttribute), inherit: false));
    }

    private static void Complete(DescriptorContext context, ObjectTypeDefinition definition, NodeConfiguration node)
    {
        if (context.Definitions.FindType(GlobalObjectIdentification.NodeInterfaceName) is not InterfaceTypeDefinition)
        {
            context.ReportError($"The type {definition.Name} is a node type, but the schema has no Node interface: call AddGlobalObjectIdentification().");
            return;
        }
        var idField = definition.Fields.Find(f => f.Name == "id");
        if (idField is null)
        {
            context.ReportError(node.IdMember is null && node.IdMemberName is not null
                ? $"The node type {definition.Name} has no member {node.IdMemberName} to use as its ID."
                : $"The node type {definition.Name} has no key: add an Id property, mark the key [ID], or name it with [Node(IdField = ...)].");
            return;
        }
        idField.ContextData[GlobalObjectIdentification.IdTypeNameKey] = definition.Name;
        if (node.Delegate is { } given)
        {
            definition.ContextData[NodeTypeInfo.ContextDataKey] = new NodeTypeInfo(given.KeyType, given.Resolver);
            return;
        }
        var candidates = FindResolvers(context, definition.Name, node).Distinct().ToList();
        if (candidates.Count != 1)
        {
            context.ReportError(candidates.Count == 0
                ? $"The node type {definition.Name} has no node resolver: add a method marked [NodeResolver] (or a static Get/GetAsync) with a parameter named id to {node.RuntimeType?.Name ?? definition.Name} or to an extension class."
                : $"The node type {definition.Name} has several node resolvers: {string.Join(", ", candidates.Select(m => m.DeclaringType!.Name + "." + m.Name))}.");
            return;
        }
        Compile(context, definition, candidates[0]);
    }

    private static IEnumerable<MethodInfo> FindResolvers(DescriptorContext context, string typeName, NodeConfiguration node)
    {
        if (node.ResolverType is { } resolverType)
        {
            return Resolvers(resolverType, node.ResolverName, staticOnly: false, byConvention: true);
        }
        var found = node.RuntimeType is null ? [] : Resolvers(node.RuntimeType, node.ResolverName, staticOnly: true, byConvention: true).ToList();
        foreach (var extension in context.Extensions)
        {
            if (extension.TargetType is { } target ? target == node.RuntimeType : extension.TargetName == typeName)
            {
                found.AddRange(Resolvers(extension.Type, node.ResolverName, staticOnly: false, byConvention: false));
            }
        }
        return found;
    }

    /// <summary>
    /// Methods marked <see cref="NodeResolverAttribute"/> (or named <paramref name="name"/>), else, <paramref name="byConvention"/>,
    /// a <c>Get</c>/<c>GetAsync</c> with an <c>id</c> (not on extension classes, where such a method is a field).
    /// </summary>
    private static IEnumerable<MethodInfo> Resolvers(Type type, string? name, bool staticOnly, bool byConvention)
    {
        var flags = BindingFlags.Public | BindingFlags.Static | (staticOnly ? 0 : BindingFlags.Instance);
        var methods = type.GetMethods(flags).Where(m => m.DeclaringType != typeof(object)).ToList();
        var chosen = name is not null
            ? methods.Where(m => m.Name == name).ToList()
            : methods.Where(m => m.IsDefined(typeof(NodeResolverAttribute), inherit: false)).ToList();
        if (chosen.Count == 0 && name is null && byConvention)
        {
            chosen = methods.Where(m => m.Name is "Get" or "GetAsync" && m.GetParameters().Any(NodeKeyParameterBinding.IsKeyParameter)).ToList();
        }
        return chosen;
    }

    private static void Compile(DescriptorContext context, ObjectTypeDefinition definition, MethodInfo method)
    {
        var key = method.GetParameters().FirstOrDefault(NodeKeyParameterBinding.IsKeyParameter);
        if (key is null)
        {
            context.ReportError($"The node resolver {method.DeclaringType!.Name}.{method.Name} of {definition.Name} needs a parameter named id for the key.");
            return;
        }
        var instance = method.IsStatic ? null : ResolverInstances.Create(method.DeclaringType!);
        ResolverParameterBinding[] bindings = [NodeKeyParameterBinding.Instance, .. context.Options.ParameterBindings];
        try
        {
            var resolver = ResolverCompiler.CompileResolver(method, instance, [], parentType: null, bindings);
            definition.ContextData[NodeTypeInfo.ContextDataKey] = new NodeTypeInfo(key.ParameterType, resolver);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            context.ReportError($"Cannot compile the node resolver {method.DeclaringType!.Name}.{method.Name} of {definition.Name}: {ex.Message}");
        }
    }
}
