using System.Collections;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Data.Sorting;

/// <summary>
/// Builds the sort input types of an entity while the schema is built: one input object per (entity, sort input class),
/// shared by every field that sorts with it, and the <see cref="SortInputInfo"/> the applier reads the argument with.
/// </summary>
internal static class SortTypeBuilder
{
    private const string InfoKey = "Graph.Data.SortInput";

    /// <summary>The sort input for <paramref name="entityTypeName"/> configured by <paramref name="sortType"/>, or null (with a schema error).</summary>
    public static SortInputInfo? GetOrBuild(IDescriptorContext context, string entityTypeName, SortInputType sortType, string usage)
    {
        if (context.Definitions.FindType(entityTypeName) is not ObjectTypeDefinition { RuntimeType: { } entityClr } entity)
        {
            context.ReportError($"{usage}: {entityTypeName} is not an object type bound to a CLR type, so it cannot be sorted.");
            return null;
        }
        if (!sortType.EntityType.IsAssignableFrom(entityClr))
        {
            context.ReportError($"{usage}: {sortType.GetType().Name} sorts {sortType.EntityType.Name}, not {entityClr.Name}.");
            return null;
        }
        var configuration = sortType.CreateConfiguration();
        var name = configuration.Name ?? entity.Name + "SortInput";
        if (context.Definitions.FindType(name) is { } existing)
        {
            if (existing.ContextData.TryGetValue(InfoKey, out var shared) && shared is SortInputInfo info && info.Source == configuration.Source)
            {
                return info;
            }
            context.ReportError($"{usage}: the sort input {name} of {configuration.Source.Name} clashes with another type of that name; give it another with descriptor.Name(...).");
            return null;
        }

        var result = new SortInputInfo(name, entityClr, configuration.Source);
        var definition = new InputObjectTypeDefinition(name)
        {
            Description = configuration.Description ?? $"How to order {entity.Name} results: each element of the list is one key (or several, in the order written).",
        };
        definition.ContextData[InfoKey] = result;
        context.Definitions.AddType(definition); // before the fields, so that navigations back to this entity find it
        AddFields(context, entity, entityClr, configuration, definition, result, usage);
        if (definition.Fields.Count == 0)
        {
            context.ReportError($"{usage}: {entity.Name} has no sortable field (scalar fields bound to properties, or reference navigations).");
        }
        return result;
    }

    private static void AddFields(
        IDescriptorContext context, ObjectTypeDefinition entity, Type entityClr, SortInputConfiguration configuration,
        InputObjectTypeDefinition definition, SortInputInfo result, string usage)
    {
        var byProperty = new Dictionary<string, OutputFieldDefinition>(StringComparer.Ordinal);
        foreach (var field in entity.Fields)
        {
            if (field.Member is System.Reflection.PropertyInfo property && property.DeclaringType!.IsAssignableFrom(entityClr))
            {
                byProperty.TryAdd(property.Name, field);
            }
        }

        IEnumerable<(OutputFieldDefinition Field, SortFieldConfiguration? Configured)> candidates;
        if (configuration.Explicit)
        {
            var chosen = new List<(OutputFieldDefinition, SortFieldConfiguration?)>();
            foreach (var configured in configuration.Fields)
            {
                if (byProperty.TryGetValue(configured.Property.Name, out var field))
                {
                    chosen.Add((field, configured));
                }
                else
                {
                    context.ReportError($"{usage}: {configuration.Source.Name} sorts by {entityClr.Name}.{configured.Property.Name}, which is no field of {entity.Name}.");
                }
            }
            candidates = chosen;
        }
        else
        {
            // A field bound to its property by [BindMember] but resolved by a method of its own may answer otherwise than
            // the property: sorted by only when a SortInputType names it.
            candidates = byProperty.Values
                .Where(f => f.ResolverMember is null && !configuration.Ignored.Contains(f.Member!.Name))
                .Select(f => (f, configuration.Fields.Find(c => c.Property.Name == f.Member!.Name)));
        }

        foreach (var (field, configured) in candidates)
        {
            var property = (System.Reflection.PropertyInfo)field.Member!;
            if (!IsSortable(field, property))
            {
                if (configured is not null && configuration.Explicit)
                {
                    context.ReportError($"{usage}: {entity.Name}.{field.Name} is a list, and lists cannot be sorted by.");
                }
                continue;
            }
            var name = configured?.FieldName ?? field.Name;
            SortInputInfo? nested = null;
            ITypeNode type;
            var target = context.Definitions.FindType(field.Type.NamedType().Name.Value);
            if (target is ObjectTypeDefinition { RuntimeType: { } targetClr })
            {
                var nestedType = configured?.NestedType ?? (SortInputType)Activator.CreateInstance(typeof(SortInputType<>).MakeGenericType(targetClr))!;
                nested = GetOrBuild(context, target.Name, nestedType, usage);
                if (nested is null)
                {
                    continue;
                }
                type = new NamedTypeNode(nested.Name);
            }
            else if (target is null or ScalarTypeDefinition or EnumTypeDefinition)
            {
                type = context.GetTypeReference(typeof(SortEnumType), TypeContext.Input).NullableType();
            }
            else
            {
                continue; // interfaces and unions
            }
            definition.Fields.Add(new InputValueDefinition(name, type)
            {
                Description = configured?.FieldDescription ?? field.Description,
            });
            result.Fields[name] = new SortFieldInfo(name, property, nested);
        }
    }

    /// <summary>Scalars and reference navigations; never lists (of scalars or of objects).</summary>
    private static bool IsSortable(OutputFieldDefinition field, System.Reflection.PropertyInfo property)
    {
        if (field.Type.NullableType() is ListTypeNode || property.GetMethod is not { IsPublic: true })
        {
            return false;
        }
        var type = property.PropertyType;
        return type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type);
    }
}
