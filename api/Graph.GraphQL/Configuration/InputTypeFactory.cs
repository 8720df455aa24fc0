using System.ComponentModel;
using System.Reflection;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>Fills in input object and enum definitions from their descriptors and CLR types.</summary>
internal static class InputTypeFactory
{
    /// <summary>
    /// Input fields come from the public properties that can be set: with a public setter or <c>init</c>, or matched by a
    /// parameter of the public constructor with the most parameters (the one the compiled factory calls). Descriptions,
    /// deprecations, <see cref="GraphQLNameAttribute"/>, <see cref="GraphQLTypeAttribute"/> and defaults
    /// (<see cref="DefaultValueAttribute"/>, constructor parameter defaults) are read from the property or that parameter.
    /// </summary>
    public static void FillInputObject(DescriptorContext context, TypeEntry entry)
    {
        var definition = (InputObjectTypeDefinition)entry.Definition;
        var descriptor = (InputObjectTypeDescriptor)entry.Descriptor;
        var runtimeType = descriptor.RuntimeType;
        definition.Description = descriptor.HasDescription ? descriptor.DescriptionText : runtimeType is null ? null : context.Describe(runtimeType);
        definition.Directives.AddRange(descriptor.Directives);
        if (descriptor.IsOneOf || runtimeType?.IsDefined(typeof(OneOfAttribute), inherit: false) == true)
        {
            definition.Directives.Add(new DirectiveNode(BuiltInDirectives.OneOf));
        }

        var used = new HashSet<InputFieldDescriptor>();
        if (runtimeType is not null)
        {
            var constructor = runtimeType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            var parameters = constructor?.GetParameters() ?? [];
            var binding = descriptor.Binding ?? context.Options.DefaultBindingBehavior;
            foreach (var property in ClrMembers.InputProperties(runtimeType))
            {
                var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
                var settable = property.SetMethod is { IsPublic: true } || parameter is not null;
                var declared = descriptor.Fields.Find(f => f.Property is not null && ClrMembers.SameMember(f.Property, property));
                if (declared is not null)
                {
                    used.Add(declared);
                }
                if (!settable || property.IsDefined(typeof(GraphQLIgnoreAttribute)) || descriptor.IgnoredMembers.Any(m => ClrMembers.SameMember(m, property))
                    || declared?.Ignored == true || (declared is null && binding == BindingBehavior.Explicit))
                {
                    continue;
                }
                AddField(context, definition, InferField(context, definition.Name, runtimeType, property, parameter, declared));
            }
        }
        foreach (var declared in descriptor.Fields)
        {
            if (!used.Contains(declared) && declared.Ignored != true)
            {
                var field = declared.Property is { } property
                    ? InferField(context, definition.Name, runtimeType!, property, null, declared)
                    : DeclaredField(context, definition.Name, declared);
                AddField(context, definition, field);
            }
        }
        foreach (var callback in descriptor.Extension.Callbacks)
        {
            context.OnCompletion(() => callback(context, definition));
        }
    }

    private static void AddField(DescriptorContext context, InputObjectTypeDefinition definition, InputValueDefinition? field)
    {
        if (field is null)
        {
            return;
        }
        if (definition.Fields.Exists(f => f.Name == field.Name))
        {
            context.ReportError($"The input field {definition.Name}.{field.Name} is defined twice. Rename one with [GraphQLName] or ignore it.");
            return;
        }
        definition.Fields.Add(field);
    }

    private static InputValueDefinition? InferField(
        DescriptorContext context, string typeName, Type runtimeType, PropertyInfo property, ParameterInfo? parameter, InputFieldDescriptor? declared)
    {
        var name = property.GetCustomAttribute<GraphQLNameAttribute>()?.Name
            ?? parameter?.GetCustomAttribute<GraphQLNameAttribute>()?.Name
            ?? NamingConventions.ToCamelCase(property.Name);
        var build = new InputFieldBuild(name)
        {
            Description = property.GetCustomAttribute<GraphQLDescriptionAttribute>()?.Description
                ?? parameter?.GetCustomAttribute<GraphQLDescriptionAttribute>()?.Description
                ?? context.Describe(property)
                ?? context.DescribeRecordParameter(runtimeType, property.Name),
            Property = property,
            Parameter = parameter,
        };
        if ((ClrMembers.Deprecation(property) ?? (parameter is null ? null : ClrMembers.Deprecation(parameter))) is { } deprecation)
        {
            build.Directives.Add(deprecation);
        }
        if (property.GetCustomAttribute<DefaultValueAttribute>() is { } defaultAttribute)
        {
            build.Default = DefaultValueSpec.FromValue(defaultAttribute.Value);
        }
        else if (parameter is not null)
        {
            build.Default = OutputFieldFactory.DefaultOf(parameter);
        }
        foreach (var attribute in DescriptorAttributes.Of(property))
        {
            var descriptor = new InputFieldDescriptor(null, property);
            attribute.TryConfigure(context, descriptor, property);
            Apply(context, typeName, build, descriptor);
        }
        if (declared is not null)
        {
            Apply(context, typeName, build, declared);
        }
        return Finish(context, typeName, build);
    }

    private static InputValueDefinition? DeclaredField(DescriptorContext context, string typeName, InputFieldDescriptor declared)
    {
        var build = new InputFieldBuild(declared.DeclaredName!);
        Apply(context, typeName, build, declared);
        return Finish(context, typeName, build);
    }

    private static void Apply(DescriptorContext context, string typeName, InputFieldBuild build, InputFieldDescriptor descriptor)
    {
        if (descriptor.NameValue is { } name)
        {
            build.Name = name;
        }
        if (descriptor.HasDescription)
        {
            build.Description = descriptor.DescriptionText;
        }
        if (descriptor.IsDeprecated)
        {
            ClrMembers.SetDeprecation(build.Directives, ClrMembers.DeprecatedDirective(descriptor.DeprecationReason));
        }
        if (descriptor.TypeSpec is { } typeSpec)
        {
            build.Type = context.Resolve(typeSpec, TypeContext.Input, $"the input field {typeName}.{build.Name}");
            build.TypeFailed = build.Type is null;
        }
        if (descriptor.Default is { } defaultValue)
        {
            build.Default = defaultValue;
        }
        build.Directives.AddRange(descriptor.Directives);
        build.Callbacks.AddRange(descriptor.Extension.Callbacks);
    }

    private static InputValueDefinition? Finish(DescriptorContext context, string typeName, InputFieldBuild build)
    {
        var usage = $"the input field {typeName}.{build.Name}";
        var type = build.Type;
        if (type is null && !build.TypeFailed)
        {
            if (build.Property is { } property)
            {
                var explicitType = property.GetCustomAttribute<GraphQLTypeAttribute>() ?? build.Parameter?.GetCustomAttribute<GraphQLTypeAttribute>();
                var hints = TypeHints.Of(property);
                if (build.Parameter is { } parameter)
                {
                    var parameterHints = TypeHints.Of(parameter);
                    hints = new TypeHints(hints.IsId || parameterHints.IsId, hints.NonNull || parameterHints.NonNull, hints.ElementsNonNull || parameterHints.ElementsNonNull, false);
                }
                type = explicitType is not null
                    ? OutputFieldFactory.ResolveAttribute(context, explicitType, TypeContext.Input, usage)
                    : ClrTypeInference.Infer(context, property.PropertyType, context.Nullability.Create(property), TypeContext.Input, hints, usage);
            }
            else
            {
                context.ReportError($"Cannot infer the GraphQL type of {usage}: set it with Type<T>().");
            }
        }
        if (type is null)
        {
            return null;
        }
        var definition = new InputValueDefinition(build.Name, type)
        {
            Description = build.Description,
            RuntimeType = build.Property?.PropertyType,
        };
        definition.Directives.AddRange(build.Directives);
        if (build.Default is { } defaultValue)
        {
            context.Defer(() => definition.DefaultValue = ValueLiterals.ToDefaultLiteral(context, defaultValue, definition.Type, usage));
        }
        foreach (var callback in build.Callbacks)
        {
            context.OnCompletion(() => callback(context, definition));
        }
        return definition;
    }

    /// <summary>Enum values come from the public constants of the CLR enum (declaration order) and the descriptor's values.</summary>
    public static void FillEnum(DescriptorContext context, TypeEntry entry)
    {
        var definition = (EnumTypeDefinition)entry.Definition;
        var descriptor = (EnumTypeDescriptor)entry.Descriptor;
        var runtimeType = descriptor.RuntimeType;
        definition.Description = descriptor.HasDescription ? descriptor.DescriptionText : runtimeType is null ? null : context.Describe(runtimeType);
        definition.Directives.AddRange(descriptor.Directives);
        var used = new HashSet<EnumValueDescriptor>();
        if (runtimeType is not null)
        {
            var binding = descriptor.Binding ?? context.Options.DefaultBindingBehavior;
            foreach (var field in runtimeType.GetFields(BindingFlags.Public | BindingFlags.Static).OrderBy(f => f.MetadataToken))
            {
                var value = field.GetValue(null)!;
                var declared = descriptor.Values.Find(v => Equals(v.Value, value));
                if (declared is not null)
                {
                    used.Add(declared);
                }
                if (field.IsDefined(typeof(GraphQLIgnoreAttribute)) || declared?.Ignored == true || (declared is null && binding == BindingBehavior.Explicit))
                {
                    continue;
                }
                var enumValue = new EnumValueDefinition(NamingConventions.GetEnumValueName(value))
                {
                    Description = context.Describe(field),
                    RuntimeValue = value,
                };
                if (ClrMembers.Deprecation(field) is { } deprecation)
                {
                    enumValue.Directives.Add(deprecation);
                }
                AddValue(context, definition, Apply(context, enumValue, declared));
            }
        }
        foreach (var declared in descriptor.Values)
        {
            if (!used.Contains(declared) && declared.Ignored != true)
            {
                var enumValue = new EnumValueDefinition(NamingConventions.GetEnumValueName(declared.Value)) { RuntimeValue = declared.Value };
                AddValue(context, definition, Apply(context, enumValue, declared));
            }
        }
        foreach (var callback in descriptor.Extension.Callbacks)
        {
            context.OnCompletion(() => callback(context, definition));
        }
    }

    private static EnumValueDefinition Apply(DescriptorContext context, EnumValueDefinition value, EnumValueDescriptor? descriptor)
    {
        if (descriptor is null)
        {
            return value;
        }
        if (descriptor.NameValue is { } name)
        {
            value.Name = name;
        }
        if (descriptor.HasDescription)
        {
            value.Description = descriptor.DescriptionText;
        }
        if (descriptor.IsDeprecated)
        {
            ClrMembers.SetDeprecation(value.Directives, ClrMembers.DeprecatedDirective(descriptor.DeprecationReason));
        }
        value.Directives.AddRange(descriptor.Directives);
        foreach (var callback in descriptor.Extension.Callbacks)
        {
            context.OnCompletion(() => callback(context, value));
        }
        return value;
    }

    private static void AddValue(DescriptorContext context, EnumTypeDefinition definition, EnumValueDefinition value)
    {
        if (definition.Values.Exists(v => v.Name == value.Name))
        {
            context.ReportError($"The enum value {definition.Name}.{value.Name} is defined twice. Rename one with [GraphQLName] or ignore it.");
            return;
        }
        definition.Values.Add(value);
    }
}

/// <summary>An input field under construction.</summary>
internal sealed class InputFieldBuild(string name)
{
    public string Name { get; set; } = name;

    public string? Description { get; set; }

    public PropertyInfo? Property { get; init; }

    /// <summary>The constructor parameter the property is set through, if any.</summary>
    public ParameterInfo? Parameter { get; init; }

    public ITypeNode? Type { get; set; }

    public bool TypeFailed { get; set; }

    public DefaultValueSpec? Default { get; set; }

    public List<DirectiveNode> Directives { get; } = [];

    public List<Action<IDescriptorContext, InputValueDefinition>> Callbacks { get; } = [];
}
