using System.Reflection;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>
/// Contributes the types of annotated classes and code-first descriptors (see <see cref="SchemaBuilder.AddQueryType{T}()"/>,
/// <see cref="SchemaBuilder.AddType{T}()"/>, <see cref="SchemaBuilder.AddTypeExtension{T}()"/>): registered types in
/// registration order, each followed by the types its fields reach; extension fields join their type; descriptor
/// completion callbacks, union members and default values come last.
/// </summary>
internal sealed class ClrTypeSource(
    ClrTypeRegistrations registrations,
    SchemaOptions options,
    IReadOnlyDictionary<string, ScalarType> scalars,
    IEnumerable<(string Type, Type RuntimeType)> bindings) : ITypeDefinitionSource
{
    public void Contribute(SchemaDefinitionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var descriptors = new DescriptorContext(context, options, registrations, scalars, bindings);
        var explicitRoots = registrations.Items.OfType<RootRegistration>().Select(r => r.Operation).ToHashSet();

        foreach (var registration in registrations.Items)
        {
            switch (registration)
            {
                case RootRegistration root:
                    descriptors.RegisterRoot(root.Operation, root.ClrType, root.Configuration);
                    break;
                case ConfigurationRegistration configuration:
                    descriptors.RegisterConfiguration(configuration.Configuration);
                    break;
                case ExtensionRegistration extension:
                    AddExtension(descriptors, extension.ClrType, explicitRoots);
                    break;
                case TypeRegistration type:
                    RegisterType(descriptors, type.ClrType, explicitRoots);
                    break;
            }
        }
        // Fields are built from here on: stream members of the subscription type become subscribe resolvers.
        descriptors.SubscriptionTypeName = descriptors.RootTypeName(OperationType.Subscription);
        descriptors.Drain();
        ComplexTypeFactory.ApplyRemainingExtensions(descriptors);
        descriptors.Drain();
        descriptors.Complete();
    }

    private static void RegisterType(DescriptorContext descriptors, Type type, HashSet<OperationType> explicitRoots)
    {
        if (ClrTypeRegistrations.IsExtension(type))
        {
            AddExtension(descriptors, type, explicitRoots);
            return;
        }
        if (ClrTypeRegistrations.IsConfigurationClass(type))
        {
            descriptors.RegisterTypeClass(type, $"AddType<{type.Name}>()");
            return;
        }
        if (descriptors.FindEntry(type, TypeContext.Output) is not null)
        {
            return;
        }
        var kind = type.IsEnum ? TypeKind.Enum
            : type.IsDefined(typeof(UnionTypeAttribute), inherit: false) ? TypeKind.Union
            : type.IsInterface || type.IsAbstract ? TypeKind.Interface
            : type.IsDefined(typeof(OneOfAttribute), inherit: false) ? TypeKind.InputObject
            : TypeKind.Object;
        descriptors.RegisterClrType(type, kind, isExplicit: true);
    }

    private static void AddExtension(DescriptorContext descriptors, Type type, HashSet<OperationType> explicitRoots)
    {
        var usage = $"the extension class {type.FullName}";
        OperationType? operation = type.IsDefined(typeof(QueryTypeAttribute), inherit: false) ? OperationType.Query
            : type.IsDefined(typeof(MutationTypeAttribute), inherit: false) ? OperationType.Mutation
            : type.IsDefined(typeof(SubscriptionTypeAttribute), inherit: false) ? OperationType.Subscription
            : null;
        if (operation is { } root)
        {
            if (!explicitRoots.Contains(root))
            {
                descriptors.EnsureRoot(root);
            }
            descriptors.Extensions.Add(new ExtensionInfo(type, null, descriptors.RootTypeName(root), []));
            return;
        }
        foreach (var attribute in type.GetCustomAttributes<ExtendObjectTypeAttribute>(inherit: false))
        {
            if (attribute.ExtendsType is { } target)
            {
                // Adds the extended type (in registration order) when nothing else has yet.
                descriptors.GetNamedType(target, TypeContext.Output, usage);
                descriptors.Extensions.Add(new ExtensionInfo(type, target, null, IgnoredNames(attribute)));
                continue;
            }
            var name = attribute.Name!;
            var rootOperation = name switch
            {
                OperationTypeNames.Query => OperationType.Query,
                OperationTypeNames.Mutation => OperationType.Mutation,
                OperationTypeNames.Subscription => OperationType.Subscription,
                _ => (OperationType?)null,
            };
            if (rootOperation is { } op && !explicitRoots.Contains(op))
            {
                descriptors.EnsureRoot(op);
            }
            descriptors.Extensions.Add(new ExtensionInfo(type, null, name, IgnoredNames(attribute)));
        }
    }

    /// <summary>The ignored members as written and as field names (<c>AuthorId</c> also hides <c>authorId</c>).</summary>
    private static HashSet<string> IgnoredNames(ExtendObjectTypeAttribute attribute) =>
        attribute.IgnoreProperties.Concat(attribute.IgnoreProperties.Select(NamingConventions.ToCamelCase)).ToHashSet(StringComparer.Ordinal);
}
