using System.Reflection;
using System.Runtime.CompilerServices;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>
/// Which members of a CLR type become fields: public readable properties and public methods returning a value, in
/// declaration order (base classes first), without <see cref="GraphQLIgnoreAttribute"/>, compiler-generated members
/// (record <c>Equals</c>, <c>Deconstruct</c>, ...), <see cref="object"/>'s methods, generic methods, methods with
/// <c>ref</c>/<c>out</c> parameters, node resolvers (<see cref="Types.Relay.NodeResolverAttribute"/>), and members declared by
/// framework types. Static members count for resolver classes
/// (root types and extensions) only.
/// </summary>
internal static class ClrMembers
{
    private static readonly HashSet<string> ExcludedMethodNames = new(StringComparer.Ordinal)
    {
        nameof(Equals), nameof(GetHashCode), nameof(ToString), nameof(GetType), "Deconstruct", "CompareTo", "Dispose", "DisposeAsync",
        "Clone", "GetEnumerator", "GetAsyncEnumerator",
    };

    /// <summary>The members of <paramref name="type"/> that become output fields.</summary>
    public static IReadOnlyList<MemberInfo> OutputMembers(Type type, bool includeStatic)
    {
        var flags = BindingFlags.Public | BindingFlags.Instance | (includeStatic ? BindingFlags.Static : 0);
        var members = new List<(MemberInfo Member, int Depth, int Order)>();
        var seenProperties = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (declaring, depth) in Hierarchy(type))
        {
            foreach (var property in declaring.GetProperties(flags | BindingFlags.DeclaredOnly))
            {
                if (property.GetMethod is { IsPublic: true } getter && property.GetIndexParameters().Length == 0
                    && !property.IsDefined(typeof(GraphQLIgnoreAttribute)) && !IsFramework(declaring)
                    && seenProperties.Add(property.Name))
                {
                    members.Add((type.IsInterface ? property : Reflected(type, property), depth, getter.MetadataToken));
                }
            }
            foreach (var method in declaring.GetMethods(flags | BindingFlags.DeclaredOnly))
            {
                if (IsFieldMethod(method) && !IsFramework(declaring) && !IsOverriddenElsewhere(method, type))
                {
                    members.Add((method, depth, method.MetadataToken));
                }
            }
        }
        return members.OrderBy(m => m.Depth).ThenBy(m => m.Order).Select(m => m.Member).ToList();
    }

    /// <summary>The public properties of an input type, in declaration order (base classes first).</summary>
    public static IReadOnlyList<PropertyInfo> InputProperties(Type type)
    {
        var properties = new List<(PropertyInfo Property, int Depth, int Order)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (declaring, depth) in Hierarchy(type))
        {
            foreach (var property in declaring.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (property.GetMethod is { IsPublic: true } getter && property.GetIndexParameters().Length == 0 && !IsFramework(declaring)
                    && seen.Add(property.Name))
                {
                    properties.Add((Reflected(type, property), depth, getter.MetadataToken));
                }
            }
        }
        return properties.OrderBy(p => p.Depth).ThenBy(p => p.Order).Select(p => p.Property).ToList();
    }

    /// <summary>Whether two member handles denote the same member (reflected through different types or not).</summary>
    public static bool SameMember(MemberInfo a, MemberInfo b) =>
        a == b || (a.MetadataToken == b.MetadataToken && a.Module == b.Module)
        || (a is MethodInfo ma && b is MethodInfo mb && ma.GetBaseDefinition() is var baseA && mb.GetBaseDefinition() is var baseB
            && baseA.MetadataToken == baseB.MetadataToken && baseA.Module == baseB.Module)
        || (a is PropertyInfo pa && b is PropertyInfo pb && pa.Name == pb.Name
            && pa.GetMethod?.GetBaseDefinition() is { } ga && pb.GetMethod?.GetBaseDefinition() is { } gb
            && ga.MetadataToken == gb.MetadataToken && ga.Module == gb.Module);

    /// <summary>The deprecation of a member, parameter or property: <see cref="GraphQLDeprecatedAttribute"/> or <see cref="ObsoleteAttribute"/>.</summary>
    public static DirectiveNode? Deprecation(ICustomAttributeProvider element)
    {
        if (element.GetCustomAttributes(typeof(GraphQLDeprecatedAttribute), inherit: false) is [GraphQLDeprecatedAttribute deprecated, ..])
        {
            return DeprecatedDirective(deprecated.Reason);
        }
        if (element.GetCustomAttributes(typeof(ObsoleteAttribute), inherit: false) is [ObsoleteAttribute obsolete, ..])
        {
            return DeprecatedDirective(obsolete.Message);
        }
        return null;
    }

    /// <summary><c>@deprecated</c>, with <c>reason:</c> when given.</summary>
    public static DirectiveNode DeprecatedDirective(string? reason) => reason is null
        ? new DirectiveNode(BuiltInDirectives.Deprecated)
        : new DirectiveNode(BuiltInDirectives.Deprecated, new ArgumentNode("reason", new StringValueNode(reason)));

    /// <summary>Replaces any <c>@deprecated</c> in <paramref name="directives"/> with <paramref name="deprecation"/>.</summary>
    public static void SetDeprecation(List<DirectiveNode> directives, DirectiveNode deprecation)
    {
        directives.RemoveAll(d => d.Name.Value == BuiltInDirectives.Deprecated);
        directives.Add(deprecation);
    }

    /// <summary>The CLR interfaces and abstract base classes of <paramref name="type"/> (candidates for GraphQL interfaces).</summary>
    public static IEnumerable<Type> Abstractions(Type type)
    {
        for (var current = type.BaseType; current is not null && current != typeof(object); current = current.BaseType)
        {
            if (current.IsAbstract)
            {
                yield return current;
            }
        }
        foreach (var iface in type.GetInterfaces())
        {
            yield return iface;
        }
    }

    /// <summary>Whether <paramref name="type"/> is a static class.</summary>
    public static bool IsStatic(Type type) => type.IsAbstract && type.IsSealed;

    private static bool IsFieldMethod(MethodInfo method) =>
        !method.IsSpecialName
        && method.DeclaringType != typeof(object)
        && !method.IsGenericMethodDefinition
        && !ExcludedMethodNames.Contains(method.Name)
        && !method.Name.Contains('<', StringComparison.Ordinal)
        && !method.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
        && !method.IsDefined(typeof(GraphQLIgnoreAttribute), inherit: false)
        && !method.IsDefined(typeof(Types.Relay.NodeResolverAttribute), inherit: false)
        && method.ReturnType != typeof(void) && method.ReturnType != typeof(Task) && method.ReturnType != typeof(ValueTask)
        && !method.GetParameters().Any(p => p.ParameterType.IsByRef || p.ParameterType.IsPointer || p.IsOut);

    /// <summary>A virtual method is listed once, at its most derived override.</summary>
    private static bool IsOverriddenElsewhere(MethodInfo method, Type type)
    {
        if (!method.IsVirtual || type.IsInterface)
        {
            return false;
        }
        var parameterTypes = method.GetParameters().Select(p => p.ParameterType).ToArray();
        for (var current = type; current is not null && current != method.DeclaringType; current = current.BaseType)
        {
            var candidate = current.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly, parameterTypes);
            if (candidate is not null && candidate.GetBaseDefinition() == method.GetBaseDefinition())
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsFramework(Type type) =>
        type.Namespace is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal));

    /// <summary>The declaring types of <paramref name="type"/>'s members with their depth (base first = 0).</summary>
    private static IEnumerable<(Type Type, int Depth)> Hierarchy(Type type)
    {
        if (type.IsInterface)
        {
            var all = new List<Type> { type };
            all.AddRange(type.GetInterfaces());
            // Inherited interfaces first, then the interface itself.
            return all.Select((t, i) => (t, i == 0 ? all.Count : i));
        }
        var chain = new List<Type>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            chain.Add(current);
        }
        chain.Reverse();
        return chain.Select((t, i) => (t, i));
    }

    /// <summary>The most derived declaration of <paramref name="property"/> in <paramref name="type"/>'s hierarchy (overrides, <c>new</c> hiding).</summary>
    private static PropertyInfo Reflected(Type type, PropertyInfo property)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        for (var current = type; current is not null && current != property.DeclaringType; current = current.BaseType)
        {
            if (current.GetProperties(flags).FirstOrDefault(p => p.Name == property.Name && p.GetIndexParameters().Length == 0) is { GetMethod.IsPublic: true } derived)
            {
                return derived;
            }
        }
        return property;
    }
}
