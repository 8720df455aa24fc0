using System.Reflection;
using Graph.GraphQL.Configuration;
using Graph.GraphQL.Language;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Data.Filtering;

/// <summary>
/// Generates the entity filter inputs (<c>TitleFilterInput</c>) from the entity's object type: one field per object field
/// bound to a property of the entity (fields with resolvers of their own cannot become SQL), typed by the property's CLR
/// type. Nested objects and collections get their own filter inputs, generated on demand; cycles are fine because a type
/// is registered before its fields are read.
/// </summary>
internal sealed class FilterObjectTypes(IDescriptorContext context, FilteringOptions options)
{
    private const string InfoKey = "Graph.Data.Filtering.Object";

    /// <summary>The filter of the entity <paramref name="entityType"/> (GraphQL type <paramref name="entityTypeName"/>), or null after an error.</summary>
    public FilterObjectInfo? GetOrCreate(string entityTypeName, Type entityType, FilterInputTypeSettings? settings, string usage)
    {
        var name = settings?.Name ?? entityTypeName + "FilterInput";
        if (context.Definitions.FindType(name) is { } existing)
        {
            if (existing.ContextData.GetValueOrDefault(InfoKey) is FilterObjectInfo known && known.Configuration == settings?.Configuration)
            {
                return known;
            }
            context.ReportError($"{usage}: the filter input type name \"{name}\" is already used by another type. Give the FilterInputType a name of its own with descriptor.Name(...).");
            return null;
        }
        if (context.Definitions.FindType(entityTypeName) is not ObjectTypeDefinition entity)
        {
            context.ReportError($"{usage}: filtering needs {entityTypeName} to be an object type.");
            return null;
        }
        var info = new FilterObjectInfo(name, entityTypeName, entityType, settings?.Configuration);
        var self = new ListTypeNode(new NonNullTypeNode(new NamedTypeNode(name)));
        var definition = new InputObjectTypeDefinition(name)
        {
            Description = settings?.Description ?? $"Filters {entityTypeName} values: every condition given must hold; and / or combine whole filters.",
        };
        definition.ContextData[InfoKey] = info;
        definition.ContextData[FilterOperationTypes.GeneratedKey] = true;
        definition.Fields.Add(new InputValueDefinition("and", self) { Description = "Every one of these filters matches." });
        definition.Fields.Add(new InputValueDefinition("or", self) { Description = "At least one of these filters matches." });
        context.Definitions.AddType(definition);

        foreach (var field in entity.Fields)
        {
            if (field.Member is not PropertyInfo property || !IsEntityProperty(property, entityType) || field.Name is "and" or "or"
                || (settings is not null && (settings.Ignored.Contains(property.Name) || (settings.Explicit && !settings.Included.Contains(property.Name)))))
            {
                continue;
            }
            if (field.ResolverMember is not null && settings?.Included.Contains(property.Name) != true)
            {
                // Bound to the property by [BindMember] but resolved by a method of its own, which may answer otherwise
                // than the property: filtered only when a FilterInputType names it.
                continue;
            }
            if (CreateField(field, property, $"{usage}: {entityTypeName}.{field.Name}") is { } filterField)
            {
                info.Fields[field.Name] = filterField;
                definition.Fields.Add(new InputValueDefinition(field.Name, new NamedTypeNode(filterField.TypeName)) { Description = field.Description });
            }
            else if (settings?.Included.Contains(property.Name) == true)
            {
                context.ReportError($"{usage}: {entityTypeName}.{field.Name} ({property.PropertyType.Name}) cannot be filtered.");
            }
        }
        if (settings is not null)
        {
            foreach (var included in settings.Included.Where(p => !info.Fields.Values.Any(f => f.Property.Name == p)))
            {
                if (entity.Fields.All(f => f.Member is not PropertyInfo p || p.Name != included))
                {
                    context.ReportError($"{usage}: {settings.Configuration.Name} filters {entityType.Name}.{included}, which {entityTypeName} does not expose as a field.");
                }
            }
        }
        return info;
    }

    /// <summary>The list filter input <paramref name="name"/> over items filtered by <paramref name="itemType"/>.</summary>
    public static InputObjectTypeDefinition ListType(string name, string itemType, string items)
    {
        var item = new NamedTypeNode(itemType);
        var definition = new InputObjectTypeDefinition(name) { Description = $"Conditions on a list of {items}." };
        definition.Fields.Add(new InputValueDefinition("all", item) { Description = "Every item matches (true for an empty list)." });
        definition.Fields.Add(new InputValueDefinition("none", item) { Description = "No item matches." });
        definition.Fields.Add(new InputValueDefinition("some", item) { Description = "At least one item matches." });
        definition.Fields.Add(new InputValueDefinition("any", new NamedTypeNode("Boolean")) { Description = "true: the list has items; false: the list is empty." });
        return definition;
    }

    private static bool IsEntityProperty(PropertyInfo property, Type entityType) =>
        property.DeclaringType is { } declaring && declaring.IsAssignableFrom(entityType)
        && property.GetIndexParameters().Length == 0 && property.GetMethod is { IsPublic: true, IsStatic: false };

    private FilterFieldInfo? CreateField(OutputFieldDefinition field, PropertyInfo property, string usage)
    {
        var type = property.PropertyType;
        if (FilterOperationTypes.For(context, type, options) is { } scalar)
        {
            return new FilterFieldInfo(field.Name, property, FilterFieldKind.Scalar, scalar.TypeName) { Scalar = scalar };
        }
        if (ElementType(type) is { } element)
        {
            if (FilterOperationTypes.For(context, element, options) is { } itemScalar)
            {
                return FilterOperationTypes.ListOf(context, itemScalar) is { } listName
                    ? new FilterFieldInfo(field.Name, property, FilterFieldKind.ScalarList, listName) { Scalar = itemScalar, ElementType = element }
                    : null;
            }
            if (ObjectFilter(element, field, usage) is not { } itemFilter)
            {
                return null;
            }
            var name = "ListFilterInputTypeOf" + itemFilter.TypeName;
            return FilterOperationTypes.Ensure(context, name, () => ListType(name, itemFilter.TypeName, itemFilter.EntityTypeName + " values"))
                ? new FilterFieldInfo(field.Name, property, FilterFieldKind.ObjectList, name) { Object = itemFilter, ElementType = element }
                : null;
        }
        return ObjectFilter(type, field, usage) is { } objectFilter
            ? new FilterFieldInfo(field.Name, property, FilterFieldKind.Object, objectFilter.TypeName) { Object = objectFilter }
            : null;
    }

    /// <summary>The default filter of the object type bound to <paramref name="type"/>, or null when it is not an object type.</summary>
    /// <remarks>The field's own type names it, unless another attribute (paging) changed it: then the CLR type does.</remarks>
    private FilterObjectInfo? ObjectFilter(Type type, OutputFieldDefinition field, string usage)
    {
        if (!type.IsClass || type == typeof(string) || type == typeof(object) || typeof(Delegate).IsAssignableFrom(type))
        {
            return null;
        }
        var name = field.Type.NamedType().Name.Value;
        if (context.Definitions.FindType(name)?.RuntimeType != type)
        {
            name = context.GetTypeReference(type, TypeContext.Output).NamedType().Name.Value;
        }
        return context.Definitions.FindType(name) is ObjectTypeDefinition { RuntimeType: { } runtimeType } && runtimeType == type
            ? GetOrCreate(name, type, null, usage)
            : null;
    }

    /// <summary>The item type of a collection (not a string), or null.</summary>
    private static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            return type.GetGenericArguments()[0];
        }
        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }
}
