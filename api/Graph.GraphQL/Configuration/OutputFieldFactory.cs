using System.ComponentModel;
using System.Reflection;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>The type whose fields are being built, and how its resolvers reach their instance and parent.</summary>
/// <param name="TypeName">The GraphQL type name (for coordinates in messages).</param>
/// <param name="ParentType">The CLR type of parent values (a parameter of that type receives the parent), or null.</param>
/// <param name="Instance">The instance resolver-class members run on (root types, extensions), or null to run on the parent.</param>
/// <param name="IsSubscription">Whether stream members become subscribe resolvers.</param>
/// <param name="IsInterface">Whether the fields belong to an interface (no resolvers).</param>
internal sealed record FieldOwner(string TypeName, Type? ParentType, Func<IResolverContext, object>? Instance, bool IsSubscription, bool IsInterface);

/// <summary>
/// Builds object and interface fields from CLR members and field descriptors: the member's name, description,
/// deprecation, arguments (from parameters) and resolver are inferred first, then the member's
/// <see cref="DescriptorAttribute"/>s and the code-first descriptor are applied, then the type is resolved (explicit, else
/// inferred from the member or the resolver's result type) and the resolver compiled.
/// </summary>
internal static class OutputFieldFactory
{
    /// <summary>The fields of a type: its members (all, or the declared ones when binding explicitly), then declared fields without member.</summary>
    public static List<OutputFieldDefinition> CreateFields(
        DescriptorContext context,
        FieldOwner owner,
        IReadOnlyList<OutputFieldDescriptor> declared,
        Type? memberSource,
        bool includeStatic,
        IReadOnlyCollection<MemberInfo> ignoredMembers,
        Func<MemberInfo, string, bool> isIgnored,
        BindingBehavior binding)
    {
        var fields = new List<OutputFieldDefinition>();
        var used = new HashSet<OutputFieldDescriptor>();
        if (memberSource is not null)
        {
            var members = ClrMembers.OutputMembers(memberSource, includeStatic);
            // Methods that produce the stream of a [Subscribe(With = ...)] field are no fields themselves.
            var streamMethods = members.Select(m => m.GetCustomAttribute<SubscribeAttribute>()?.With).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var member in members)
            {
                var name = NamingConventions.GetFieldName(member);
                if (ignoredMembers.Any(m => ClrMembers.SameMember(m, member)) || isIgnored(member, name)
                    || (member is MethodInfo && streamMethods.Contains(member.Name)))
                {
                    continue;
                }
                var descriptor = declared.FirstOrDefault(f => f.Member is not null && ClrMembers.SameMember(f.Member, member))
                    ?? declared.FirstOrDefault(f => f.Member is null && f.ResolverMember is null && f.DeclaredName == name);
                if (descriptor is null && binding == BindingBehavior.Explicit)
                {
                    continue;
                }
                if (descriptor is not null)
                {
                    used.Add(descriptor);
                    if (descriptor.Ignored == true)
                    {
                        continue;
                    }
                }
                Add(context, owner, fields, Build(context, owner, member, descriptor));
            }
        }
        foreach (var descriptor in declared)
        {
            if (!used.Contains(descriptor) && descriptor.Ignored != true)
            {
                Add(context, owner, fields, Build(context, owner, descriptor.Member, descriptor));
            }
        }
        return fields;
    }

    private static void Add(DescriptorContext context, FieldOwner owner, List<OutputFieldDefinition> fields, OutputFieldDefinition? field)
    {
        if (field is null)
        {
            return;
        }
        if (fields.Find(f => f.Name == field.Name) is { } existing)
        {
            context.ReportError($"The field {owner.TypeName}.{field.Name} is defined twice: by {Describe(existing)} and by {Describe(field)}. Rename one with [GraphQLName] or ignore it.");
            return;
        }
        fields.Add(field);
    }

    /// <summary>Where a field came from, for messages.</summary>
    public static string Describe(OutputFieldDefinition field) =>
        (field.ResolverMember ?? field.Member) is { } member ? $"{member.DeclaringType?.Name}.{member.Name}{(member is MethodInfo ? "()" : string.Empty)}" : "a descriptor";

    private static OutputFieldDefinition? Build(DescriptorContext context, FieldOwner owner, MemberInfo? member, OutputFieldDescriptor? descriptor)
    {
        var name = member is not null ? NamingConventions.GetFieldName(member) : descriptor!.DeclaredName!;
        var build = new OutputFieldBuild(name);
        if (member is not null)
        {
            InferFromMember(context, owner, build, member);
        }
        if (descriptor is not null)
        {
            Apply(context, owner, build, descriptor);
        }
        return Finish(context, owner, build);
    }

    private static void InferFromMember(DescriptorContext context, FieldOwner owner, OutputFieldBuild build, MemberInfo member)
    {
        build.Member = member;
        build.Description = context.Describe(member);
        if (ClrMembers.Deprecation(member) is { } deprecation)
        {
            build.Directives.Add(deprecation);
        }
        if (!owner.IsInterface)
        {
            build.ResolverMember = member;
            build.ResolverInstance = owner.Instance;
        }
        if (member is MethodInfo method)
        {
            AddArguments(context, owner, build, method);
        }
        build.Subscribe = member.GetCustomAttribute<SubscribeAttribute>();
        build.Topic = member.GetCustomAttribute<TopicAttribute>();
        build.BindMember = member.GetCustomAttribute<BindMemberAttribute>();
        if (build.Subscribe?.With is { } with && FindMethod(member.DeclaringType!, with) is { } subscribeMethod)
        {
            AddArguments(context, owner, build, subscribeMethod);
        }
        foreach (var attribute in DescriptorAttributes.Of(member))
        {
            var descriptor = new OutputFieldDescriptor(null, member);
            attribute.TryConfigure(context, descriptor, member);
            Apply(context, owner, build, descriptor);
        }
    }

    private static void Apply(DescriptorContext context, FieldOwner owner, OutputFieldBuild build, OutputFieldDescriptor descriptor)
    {
        if (descriptor.NameValue is { } name)
        {
            build.Name = name;
        }
        var usage = $"the field {owner.TypeName}.{build.Name}";
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
            build.Type = context.Resolve(typeSpec, TypeContext.Output, usage);
            build.TypeFailed = build.Type is null;
        }
        foreach (var argumentDescriptor in descriptor.Arguments)
        {
            var argument = build.Arguments.Find(a => a.Name == argumentDescriptor.Name);
            if (argument is null)
            {
                argument = new ArgumentBuild(argumentDescriptor.Name);
                build.Arguments.Add(argument);
            }
            ApplyArgument(context, argument, argumentDescriptor, $"the argument {owner.TypeName}.{build.Name}({argument.Name}:)");
        }
        if (descriptor.Resolver is not null || descriptor.PureResolver is not null)
        {
            build.Resolver = descriptor.Resolver;
            build.PureResolver = descriptor.PureResolver;
            build.ResultType = descriptor.ResultType;
            build.ResolverMember = null;
        }
        if (descriptor.ResolverMember is { } resolverMember)
        {
            build.ResolverMember = resolverMember;
            build.ResolverInstance = ResolverInstances.Create(descriptor.ResolverType!);
            build.Resolver = null;
            build.PureResolver = null;
            if (resolverMember is MethodInfo method)
            {
                AddArguments(context, owner, build, method);
            }
        }
        if (descriptor.SubscribeResolver is not null)
        {
            build.SubscribeResolver = descriptor.SubscribeResolver;
        }
        build.Directives.AddRange(descriptor.Directives);
        foreach (var (key, value) in descriptor.ContextDataEntries)
        {
            build.ContextData[key] = value;
        }
        build.Callbacks.AddRange(descriptor.Extension.Callbacks);
    }

    /// <summary>Applies an argument descriptor (code-first or from a descriptor attribute) to an argument under construction.</summary>
    public static void ApplyArgument(DescriptorContext context, ArgumentBuild argument, ArgumentDescriptor descriptor, string usage)
    {
        if (descriptor.HasDescription)
        {
            argument.Description = descriptor.DescriptionText;
        }
        if (descriptor.IsDeprecated)
        {
            ClrMembers.SetDeprecation(argument.Directives, ClrMembers.DeprecatedDirective(descriptor.DeprecationReason));
        }
        if (descriptor.TypeSpec is { } typeSpec)
        {
            argument.Type = context.Resolve(typeSpec, TypeContext.Input, usage);
            argument.TypeFailed = argument.Type is null;
        }
        if (descriptor.Default is { } defaultValue)
        {
            argument.Default = defaultValue;
        }
        argument.Directives.AddRange(descriptor.Directives);
        argument.Callbacks.AddRange(descriptor.Extension.Callbacks);
    }

    private static void AddArguments(DescriptorContext context, FieldOwner owner, OutputFieldBuild build, MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (!IsArgument(context, parameter, owner.ParentType))
            {
                continue;
            }
            var name = NamingConventions.GetArgumentName(parameter);
            if (build.Arguments.Find(a => a.Name == name) is { } existing)
            {
                existing.Parameter ??= parameter;
                continue;
            }
            var argument = new ArgumentBuild(name)
            {
                Parameter = parameter,
                Description = context.Describe(parameter),
                Default = DefaultOf(parameter),
            };
            if (ClrMembers.Deprecation(parameter) is { } deprecation)
            {
                argument.Directives.Add(deprecation);
            }
            var usage = $"the argument {owner.TypeName}.{build.Name}({name}:)";
            foreach (var attribute in DescriptorAttributes.Of(parameter))
            {
                var descriptor = new ArgumentDescriptor(name);
                attribute.TryConfigure(context, descriptor, parameter);
                ApplyArgument(context, argument, descriptor, usage);
            }
            build.Arguments.Add(argument);
        }
    }

    /// <summary>
    /// Whether a resolver parameter is a GraphQL argument. Not arguments: <see cref="IResolverContext"/>,
    /// <see cref="CancellationToken"/>, <see cref="ISchema"/>, <see cref="IServiceProvider"/>, the user
    /// (<see cref="System.Security.Claims.ClaimsPrincipal"/>), request state (<see cref="GlobalStateAttribute"/>), the parent
    /// (<see cref="ParentAttribute"/>, <see cref="EventMessageAttribute"/> or the parent's CLR type) and services
    /// (<see cref="ServiceAttribute"/>, registered or detected service types) - the same rules <see cref="ResolverCompiler"/> binds by.
    /// </summary>
    public static bool IsArgument(DescriptorContext context, ParameterInfo parameter, Type? parentType)
    {
        var type = parameter.ParameterType;
        if (type == typeof(IResolverContext) || type == typeof(CancellationToken) || type == typeof(ISchema) || type == typeof(IServiceProvider)
            || type == typeof(System.Security.Claims.ClaimsPrincipal) || parameter.IsDefined(typeof(GlobalStateAttribute), inherit: false))
        {
            return false;
        }
        if (parameter.IsDefined(typeof(ParentAttribute), inherit: false) || parameter.IsDefined(typeof(EventMessageAttribute), inherit: false)
            || (parentType is not null && type == parentType))
        {
            return false;
        }
        return !parameter.IsDefined(typeof(ServiceAttribute), inherit: false) && !context.IsService(type);
    }

    /// <summary>The default value of a parameter: <see cref="DefaultValueAttribute"/>, else its C# default (a null default is none).</summary>
    public static DefaultValueSpec? DefaultOf(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<DefaultValueAttribute>() is { } attribute)
        {
            return DefaultValueSpec.FromValue(attribute.Value);
        }
        if (!parameter.HasDefaultValue)
        {
            return null;
        }
        return ClrDefault(parameter.ParameterType, parameter.DefaultValue) is { } value ? DefaultValueSpec.FromValue(value) : null;
    }

    /// <summary>A C# default value as a runtime value: enums from their underlying constant, <c>default</c> structs instantiated.</summary>
    public static object? ClrDefault(Type type, object? value)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (value is null)
        {
            return type.IsValueType && underlying is null ? Activator.CreateInstance(type) : null;
        }
        var target = underlying ?? type;
        return target.IsEnum && value is not Enum ? Enum.ToObject(target, value) : value;
    }

    private static OutputFieldDefinition? Finish(DescriptorContext context, FieldOwner owner, OutputFieldBuild build)
    {
        var usage = $"the field {owner.TypeName}.{build.Name}";
        var type = build.Type ?? (build.TypeFailed ? null : InferResultType(context, owner, build, usage));
        if (type is null)
        {
            return null;
        }
        var bound = build.BindMember is { } bind ? BoundMember(context, owner, bind, usage) : null;
        var field = new OutputFieldDefinition(build.Name, type)
        {
            Description = build.Description,
            Member = bound ?? build.ResolverMember ?? build.Member,
            ResolverMember = bound is null ? null : build.ResolverMember,
            SubscribeResolver = build.SubscribeResolver,
        };
        field.Directives.AddRange(build.Directives);
        foreach (var (key, value) in build.ContextData)
        {
            field.ContextData[key] = value;
        }
        foreach (var argument in build.Arguments)
        {
            var argumentUsage = $"the argument {owner.TypeName}.{build.Name}({argument.Name}:)";
            if (FinishArgument(context, argument, argumentUsage) is { } definition)
            {
                field.Arguments.Add(definition);
            }
        }
        if (!owner.IsInterface)
        {
            CompileResolvers(context, owner, build, field, usage);
            if (ResolverCompiler.ReadsRequestState(build.ResolverMember))
            {
                field.ContextData[ResolverCompiler.ReadsRequestStateKey] = true;
            }
            RecordSubscription(context, owner, build, field, usage);
        }
        foreach (var callback in build.Callbacks)
        {
            context.OnCompletion(() => callback(context, field));
        }
        return field;
    }

    /// <summary>The public instance property or field of the parent's CLR type that <paramref name="bind"/> names, or null (with an error).</summary>
    private static MemberInfo? BoundMember(DescriptorContext context, FieldOwner owner, BindMemberAttribute bind, string usage)
    {
        if (owner.ParentType is not { } parentType || owner.IsInterface)
        {
            context.ReportError($"[BindMember(\"{bind.Member}\")] on {usage}: only fields of object types bound to a CLR type (and their extensions) can be bound to a member.");
            return null;
        }
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance;
        MemberInfo? member = parentType.GetProperty(bind.Member, flags) is { } property && property.GetIndexParameters().Length == 0
            ? property
            : parentType.GetField(bind.Member, flags);
        if (member is null)
        {
            context.ReportError($"[BindMember(\"{bind.Member}\")] on {usage}: {parentType.Name} has no public instance property or field named {bind.Member}.");
        }
        return member;
    }

    private static ITypeNode? InferResultType(DescriptorContext context, FieldOwner owner, OutputFieldBuild build, string usage)
    {
        if ((build.ResolverMember ?? build.Member) is { } member)
        {
            if (member.GetCustomAttribute<GraphQLTypeAttribute>() is { } explicitType)
            {
                return ResolveAttribute(context, explicitType, TypeContext.Output, usage);
            }
            var (type, nullability) = ResultOf(context, member);
            var hints = TypeHints.Of(member) with { StreamElement = owner.IsSubscription };
            return ClrTypeInference.Infer(context, type, nullability, TypeContext.Output, hints, usage);
        }
        if (build.ResultType is { } resultType && UnwrapTask(resultType) != typeof(object))
        {
            return ClrTypeInference.Infer(context, resultType, null, TypeContext.Output, default, usage);
        }
        context.ReportError($"Cannot infer the GraphQL type of {usage}: set it with Type<T>() or use a typed resolver.");
        return null;
    }

    /// <summary>The type reference an <see cref="GraphQLTypeAttribute"/> gives.</summary>
    public static ITypeNode? ResolveAttribute(DescriptorContext context, GraphQLTypeAttribute attribute, TypeContext typeContext, string usage)
    {
        try
        {
            return attribute.Type is { } type
                ? context.Resolve(TypeSpec.From(type), typeContext, usage)
                : attribute.ParseSyntax();
        }
        catch (GraphQLSyntaxException ex)
        {
            context.ReportError($"The [GraphQLType(\"{attribute.TypeSyntax}\")] of {usage} is not a type reference: {ex.Message}");
            return null;
        }
    }

    private static (Type Type, NullabilityInfo? Nullability) ResultOf(DescriptorContext context, MemberInfo member) => member switch
    {
        PropertyInfo property => (property.PropertyType, context.Nullability.Create(property)),
        FieldInfo field => (field.FieldType, context.Nullability.Create(field)),
        MethodInfo method => (method.ReturnType, context.Nullability.Create(method.ReturnParameter)),
        _ => (typeof(object), null),
    };

    private static InputValueDefinition? FinishArgument(DescriptorContext context, ArgumentBuild argument, string usage)
    {
        ITypeNode? type = argument.Type;
        if (type is null && !argument.TypeFailed)
        {
            if (argument.Parameter is { } parameter)
            {
                type = parameter.GetCustomAttribute<GraphQLTypeAttribute>() is { } explicitType
                    ? ResolveAttribute(context, explicitType, TypeContext.Input, usage)
                    : ClrTypeInference.Infer(context, parameter.ParameterType, context.Nullability.Create(parameter), TypeContext.Input, TypeHints.Of(parameter), usage);
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
        var definition = new InputValueDefinition(argument.Name, type)
        {
            Description = argument.Description,
            RuntimeType = argument.Parameter?.ParameterType,
        };
        definition.Directives.AddRange(argument.Directives);
        if (argument.Default is { } defaultValue)
        {
            context.Defer(() => definition.DefaultValue = ValueLiterals.ToDefaultLiteral(context, defaultValue, definition.Type, usage));
        }
        foreach (var callback in argument.Callbacks)
        {
            context.OnCompletion(() => callback(context, definition));
        }
        return definition;
    }

    private static void CompileResolvers(DescriptorContext context, FieldOwner owner, OutputFieldBuild build, OutputFieldDefinition field, string usage)
    {
        if (build.Resolver is not null || build.PureResolver is not null)
        {
            field.Resolver = build.Resolver;
            field.PureResolver = build.PureResolver;
            return;
        }
        if (build.ResolverMember is not { } member)
        {
            return;
        }
        var argumentNames = field.Arguments.Select(a => a.Name).ToArray();
        var instance = build.ResolverInstance;
        var bindings = context.Options.ParameterBindings.ToArray();
        try
        {
            if (ResolverCompiler.IsStream(member))
            {
                if (owner.IsSubscription)
                {
                    field.SubscribeResolver ??= ResolverCompiler.CompileSubscribeResolver(member, instance, argumentNames, owner.ParentType, bindings);
                }
                else
                {
                    field.Resolver = ResolverCompiler.CompileStreamToListResolver(member, instance, argumentNames, owner.ParentType, bindings);
                }
                return;
            }
            if (build.Subscribe?.With is { } with && field.SubscribeResolver is null)
            {
                var subscribeMethod = FindMethod(member.DeclaringType!, with);
                if (subscribeMethod is null || !ResolverCompiler.IsStream(subscribeMethod))
                {
                    context.ReportError($"The [Subscribe(With = \"{with}\")] of {usage} must name a public method of {member.DeclaringType!.Name} returning IAsyncEnumerable<T>.");
                }
                else
                {
                    field.SubscribeResolver = ResolverCompiler.CompileSubscribeResolver(subscribeMethod, instance, argumentNames, owner.ParentType, bindings);
                }
            }
            var resultType = ResultOf(context, member).Type;
            if (member is PropertyInfo or FieldInfo && !ResolverCompiler.IsAwaitable(resultType))
            {
                field.PureResolver = ResolverCompiler.CompilePureResolver(member, instance, argumentNames, owner.ParentType, bindings);
            }
            else
            {
                field.Resolver = ResolverCompiler.CompileResolver(member, instance, argumentNames, owner.ParentType, bindings);
            }
            if (UnwrapTask(resultType) == typeof(System.Text.Json.JsonDocument))
            {
                AdaptJsonDocument(field);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            context.ReportError($"Cannot compile the resolver of {usage} ({member.DeclaringType?.Name}.{member.Name}): {ex.Message}");
        }
    }

    private static MethodInfo? FindMethod(Type type, string name) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).FirstOrDefault(m => m.Name == name);

    private static Type UnwrapTask(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;

    /// <summary>The JSON scalar serializes <see cref="System.Text.Json.JsonElement"/>s: documents are read through their root
    /// element, and a document holding JSON <c>null</c> (as a null value comes back from deserialization) is a null result,
    /// since a scalar may not serialize a value to null.</summary>
    private static void AdaptJsonDocument(OutputFieldDefinition field)
    {
        static object? Root(object? value) => value switch
        {
            System.Text.Json.JsonDocument { RootElement.ValueKind: System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined } => null,
            System.Text.Json.JsonDocument document => document.RootElement,
            _ => value,
        };
        if (field.PureResolver is { } pure)
        {
            field.PureResolver = context => Root(pure(context));
        }
        if (field.Resolver is { } resolver)
        {
            field.Resolver = async context => Root(await resolver(context).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Records what <see cref="SubscribeAttribute"/> and <see cref="TopicAttribute"/> say about a field; a subscription field
    /// without a source stream of its own (no stream member, no <see cref="SubscribeAttribute.With"/>, no descriptor) then
    /// subscribes to its topic through the <see cref="Subscriptions.ITopicEventReceiver"/> (<see cref="Subscriptions.TopicSubscribeResolver"/>).
    /// </summary>
    private static void RecordSubscription(DescriptorContext context, FieldOwner owner, OutputFieldBuild build, OutputFieldDefinition field, string usage)
    {
        var topicArgument = build.Arguments.Find(a => a.Parameter?.IsDefined(typeof(TopicAttribute), inherit: false) == true)?.Name;
        if (build.Subscribe is null && build.Topic is null && topicArgument is null)
        {
            return;
        }
        var messageType = build.Subscribe?.MessageType
            ?? (build.ResolverMember as MethodInfo)?.GetParameters()
                .FirstOrDefault(p => p.IsDefined(typeof(EventMessageAttribute), inherit: false) || p.IsDefined(typeof(ParentAttribute), inherit: false))?.ParameterType
            ?? (build.ResolverMember is { } member ? UnwrapTask(member switch
            {
                PropertyInfo p => p.PropertyType,
                MethodInfo m => m.ReturnType,
                FieldInfo f => f.FieldType,
                _ => typeof(object),
            }) : null);
        var info = new SubscriptionFieldInfo(build.Topic?.Name ?? field.Name, topicArgument, build.Subscribe?.With, messageType);
        field.ContextData[SubscriptionFieldInfo.ContextDataKey] = info;
        if (owner.IsSubscription && field.SubscribeResolver is null && info.With is null)
        {
            field.SubscribeResolver = Subscriptions.TopicSubscribeResolver.Create(info, field.Arguments.Select(a => a.Name).ToArray(), out var error);
            if (error is not null)
            {
                context.ReportError($"Cannot subscribe {usage} to its topic: {error}.");
            }
        }
    }
}

/// <summary>An output field under construction.</summary>
internal sealed class OutputFieldBuild(string name)
{
    public string Name { get; set; } = name;

    public string? Description { get; set; }

    public List<DirectiveNode> Directives { get; } = [];

    public Dictionary<string, object?> ContextData { get; } = new(StringComparer.Ordinal);

    /// <summary>The member the field was inferred from.</summary>
    public MemberInfo? Member { get; set; }

    /// <summary>The explicit type (descriptor), if any.</summary>
    public ITypeNode? Type { get; set; }

    /// <summary>Whether the explicit type failed to resolve (the error is reported; inference must not report another).</summary>
    public bool TypeFailed { get; set; }

    /// <summary>The member the resolver is compiled from.</summary>
    public MemberInfo? ResolverMember { get; set; }

    public Func<IResolverContext, object>? ResolverInstance { get; set; }

    public FieldResolverDelegate? Resolver { get; set; }

    public PureFieldResolverDelegate? PureResolver { get; set; }

    /// <summary>The result type of a code-first resolver, for type inference.</summary>
    public Type? ResultType { get; set; }

    public SubscribeResolverDelegate? SubscribeResolver { get; set; }

    public SubscribeAttribute? Subscribe { get; set; }

    public TopicAttribute? Topic { get; set; }

    /// <summary>The member of the parent type the field stands for, when the resolver says so.</summary>
    public BindMemberAttribute? BindMember { get; set; }

    public List<ArgumentBuild> Arguments { get; } = [];

    public List<Action<IDescriptorContext, OutputFieldDefinition>> Callbacks { get; } = [];
}

/// <summary>An argument under construction.</summary>
internal sealed class ArgumentBuild(string name)
{
    public string Name { get; } = name;

    public string? Description { get; set; }

    public ITypeNode? Type { get; set; }

    public bool TypeFailed { get; set; }

    /// <summary>The resolver parameter the argument binds to, if any.</summary>
    public ParameterInfo? Parameter { get; set; }

    public DefaultValueSpec? Default { get; set; }

    public List<DirectiveNode> Directives { get; } = [];

    public List<Action<IDescriptorContext, InputValueDefinition>> Callbacks { get; } = [];
}
