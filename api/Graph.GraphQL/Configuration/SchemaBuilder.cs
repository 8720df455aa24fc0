using System.Reflection;
using Graph.GraphQL.Introspection;
using Graph.GraphQL.Language;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Configuration;

/// <summary>
/// Builds a <see cref="ISchema"/>. Types come from SDL (<see cref="AddDocumentFromString"/>), from annotated classes
/// (<see cref="AddQueryType{T}()"/>, <see cref="AddType{T}()"/>, <see cref="AddTypeExtension{T}()"/>) and from code-first
/// descriptors (<see cref="AddType(INamedType)"/> with <c>ObjectType&lt;T&gt;</c> and friends), all mixable; SDL resolvers are
/// attached by coordinate (<see cref="AddResolver(string, string, FieldResolverDelegate)"/>) or from a class
/// (<see cref="AddResolver{T}(string)"/>), CLR types bound for abstract type resolution and input objects
/// (<see cref="BindRuntimeType{T}(string)"/>), and extra scalars (<see cref="AddType(ScalarType)"/>).
/// </summary>
/// <remarks>
/// <para>How building works, and where other sources plug in:</para>
/// <list type="number">
/// <item><b>Collect.</b> Every <see cref="ITypeDefinitionSource"/> (added with <see cref="AddTypeDefinitionSource"/>; an SDL
/// document is an <see cref="SdlDocumentSource"/>) contributes mutable definition records
/// (<see cref="ObjectTypeDefinition"/>, <see cref="OutputFieldDefinition"/>, <see cref="InputValueDefinition"/>, ...) to one
/// <see cref="SchemaDefinitionContext"/>, in the order the sources were added. Annotated classes and code-first descriptors
/// are contributed after them by one more source that translates CLR types into the same records (type references are
/// syntax type nodes such as <c>[Dog!]!</c>; resolvers are delegates on the field records); a CLR type inferred under the
/// name of an SDL type of the same kind binds to it instead of redefining it.</item>
/// <item><b>Extend.</b> SDL extensions are merged into the definitions once every source has contributed.</item>
/// <item><b>Configure.</b> Resolvers, runtime type bindings and <see cref="ConfigureDefinitions"/> callbacks edit the records.</item>
/// <item><b>Complete.</b> The records become the immutable model (types, fields, arguments, directives), the schema is
/// validated against the spec's type system rules, and every error found is thrown at once in a <see cref="SchemaException"/>.</item>
/// </list>
/// <para>Type order: the order in which types were defined (SDL order across documents), see <see cref="ISchema.Types"/>.</para>
/// </remarks>
public sealed partial class SchemaBuilder
{
    private readonly List<ITypeDefinitionSource> _sources = [];
    private readonly List<(string Type, string Field, FieldResolverDelegate? Resolver, PureFieldResolverDelegate? Pure, SubscribeResolverDelegate? Subscribe)> _resolvers = [];
    private readonly List<(string Type, Type ResolverType)> _resolverTypes = [];
    private readonly List<(string Type, Type RuntimeType)> _bindings = [];
    private readonly Dictionary<string, ScalarType> _scalars = new(StringComparer.Ordinal);
    private readonly List<Action<SchemaDefinitionContext>> _configurations = [];
    private bool _authorization;

    private SchemaBuilder()
    {
    }

    /// <summary>A new, empty builder.</summary>
    public static SchemaBuilder New() => new();

    /// <summary>Adds the type system definitions and extensions of an SDL document.</summary>
    /// <exception cref="GraphQLSyntaxException">The SDL does not parse.</exception>
    public SchemaBuilder AddDocumentFromString(string sdl)
    {
        ArgumentNullException.ThrowIfNull(sdl);
        return AddDocument(Parser.Parse(sdl));
    }

    /// <summary>Adds the type system definitions and extensions of a parsed SDL document.</summary>
    public SchemaBuilder AddDocument(DocumentNode document) => AddTypeDefinitionSource(new SdlDocumentSource(document));

    /// <summary>Adds a source of type definitions (see the remarks of <see cref="SchemaBuilder"/>).</summary>
    public SchemaBuilder AddTypeDefinitionSource(ITypeDefinitionSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _sources.Add(source);
        return this;
    }

    /// <summary>Edits the collected definitions after all sources, extensions, resolvers and bindings were applied.</summary>
    public SchemaBuilder ConfigureDefinitions(Action<SchemaDefinitionContext> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configurations.Add(configure);
        return this;
    }

    /// <summary>Sets the resolver of <c>typeName.fieldName</c>.</summary>
    public SchemaBuilder AddResolver(string typeName, string fieldName, FieldResolverDelegate resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolvers.Add((typeName, fieldName, resolver, null, null));
        return this;
    }

    /// <summary>Sets a synchronous resolver of <c>typeName.fieldName</c>.</summary>
    public SchemaBuilder AddResolver(string typeName, string fieldName, Func<IResolverContext, object?> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolvers.Add((typeName, fieldName, context => new ValueTask<object?>(resolver(context)), null, null));
        return this;
    }

    /// <summary>Sets a synchronous resolver without side effects; the executor may call it without a task.</summary>
    public SchemaBuilder AddPureResolver(string typeName, string fieldName, PureFieldResolverDelegate resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolvers.Add((typeName, fieldName, null, resolver, null));
        return this;
    }

    /// <summary>Sets the source stream of the subscription field <c>typeName.fieldName</c>.</summary>
    public SchemaBuilder AddSubscribeResolver(string typeName, string fieldName, SubscribeResolverDelegate subscribe)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        _resolvers.Add((typeName, fieldName, null, null, subscribe));
        return this;
    }

    /// <summary>
    /// Binds the public methods, properties and fields of <typeparamref name="T"/> to the fields of <paramref name="typeName"/>:
    /// <c>GetDogs()</c>, <c>GetDogsAsync()</c>, <c>Dogs</c> and <c>dogs</c> all resolve <c>dogs</c>. Instance members run on
    /// the request service <typeparamref name="T"/>, or on one instance made with its parameterless constructor. Members
    /// returning <see cref="IAsyncEnumerable{T}"/> become subscribe resolvers. See <see cref="ResolverCompiler"/> for parameters.
    /// </summary>
    public SchemaBuilder AddResolver<T>(string typeName) => AddResolver(typeof(T), typeName);

    /// <inheritdoc cref="AddResolver{T}(string)"/>
    public SchemaBuilder AddResolver(Type resolverType, string typeName)
    {
        ArgumentNullException.ThrowIfNull(resolverType);
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        _resolverTypes.Add((typeName, resolverType));
        return this;
    }

    /// <summary>
    /// Binds the CLR type <typeparamref name="T"/> to <paramref name="typeName"/>: objects use it for <c>IsOfType</c> and
    /// the default resolvers, input objects are built as <typeparamref name="T"/> for resolvers, enums map to the CLR enum.
    /// </summary>
    public SchemaBuilder BindRuntimeType<T>(string typeName) => BindRuntimeType(typeof(T), typeName);

    /// <inheritdoc cref="BindRuntimeType{T}(string)"/>
    public SchemaBuilder BindRuntimeType(Type runtimeType, string typeName)
    {
        ArgumentNullException.ThrowIfNull(runtimeType);
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        _bindings.Add((typeName, runtimeType));
        return this;
    }

    /// <summary>
    /// Registers a scalar implementation. It is used for the SDL scalar of the same name (whose description and
    /// <c>@specifiedBy</c> win when written), or added when SDL references it without declaring it.
    /// </summary>
    public SchemaBuilder AddType(ScalarType scalar)
    {
        ArgumentNullException.ThrowIfNull(scalar);
        _scalars[scalar.Name] = scalar;
        return this;
    }

    /// <summary>
    /// Enforces <c>@authorize</c>: declares the directive and its <c>ApplyPolicy</c> enum (unless the SDL does), and makes
    /// every object field it protects check the request's user (see <see cref="Authorization.AuthorizeAttribute"/>). The
    /// server builder's <c>AddAuthorization()</c> calls it and registers the authorization handler.
    /// </summary>
    public SchemaBuilder AddAuthorization()
    {
        _authorization = true;
        return this;
    }

    /// <summary>Builds and validates the schema.</summary>
    /// <exception cref="SchemaException">The type system is invalid; lists every error.</exception>
    public ISchema Create()
    {
        var context = new SchemaDefinitionContext();
        foreach (var source in _sources)
        {
            source.Contribute(context);
        }
        ContributeClrTypes(context);
        AddBuiltIns(context);
        SdlReader.ApplyExtensions(context);
        ApplyBindings(context);
        ApplyResolverTypes(context);
        ApplyResolvers(context);
        foreach (var configure in _configurations)
        {
            configure(context);
        }
        AddCostDirectivesWhenApplied(context);
        Authorization.AuthorizationSchema.PrepareDefinitions(context, _authorization);
        if (context.Errors.Count > 0)
        {
            throw new SchemaException(context.Errors.ToArray());
        }
        var schema = new SchemaCompleter(context, _scalars).Complete();
        Authorization.AuthorizationSchema.Complete(schema, _authorization);
        return schema;
    }

    private static void AddBuiltIns(SchemaDefinitionContext context)
    {
        var builtIns = new SchemaDefinitionContext();
        new SdlDocumentSource(Parser.Parse(BuiltInDirectives.Sdl)).Contribute(builtIns);
        foreach (var directive in builtIns.Directives)
        {
            if (context.FindDirective(directive.Name) is null)
            {
                context.AddDirective(directive);
            }
        }

        foreach (var type in context.Types)
        {
            if (IntrospectionNames.IsIntrospectionType(type.Name))
            {
                context.Errors.Add(new SchemaError(
                    $"Name \"{type.Name}\" must not begin with \"__\", which is reserved by GraphQL introspection.",
                    SchemaDefinitionContext.Nodes(type.SyntaxNode?.Name)));
            }
        }

        var introspection = new SchemaDefinitionContext();
        new SdlDocumentSource(Parser.Parse(IntrospectionSdl.Types)).Contribute(introspection);
        foreach (var type in introspection.Types)
        {
            switch (type)
            {
                case ObjectTypeDefinition obj:
                    var resolvers = IntrospectionResolvers.All[obj.Name];
                    foreach (var field in obj.Fields)
                    {
                        field.PureResolver = resolvers[field.Name];
                    }
                    break;
                case EnumTypeDefinition enumType:
                    enumType.RuntimeType = enumType.Name == IntrospectionNames.TypeKindType ? typeof(TypeKind) : typeof(DirectiveLocation);
                    break;
            }
            if (context.FindType(type.Name) is null)
            {
                context.AddType(type);
            }
        }
    }

    /// <summary>Declares <c>@cost</c> and <c>@listSize</c> when a type or field applies one and the schema does not declare it.</summary>
    private static void AddCostDirectivesWhenApplied(SchemaDefinitionContext context)
    {
        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in context.Types)
        {
            Collect(type.Directives);
            var fields = type switch
            {
                ObjectTypeDefinition obj => obj.Fields,
                InterfaceTypeDefinition iface => iface.Fields,
                _ => null,
            };
            foreach (var field in fields ?? [])
            {
                Collect(field.Directives);
            }
        }
        if (applied.Count == 0)
        {
            return;
        }
        var costs = new SchemaDefinitionContext();
        new SdlDocumentSource(Parser.Parse(CostDirectives.Sdl)).Contribute(costs);
        foreach (var directive in costs.Directives)
        {
            if (applied.Contains(directive.Name) && context.FindDirective(directive.Name) is null)
            {
                context.AddDirective(directive);
            }
        }

        void Collect(List<DirectiveNode> directives)
        {
            foreach (var directive in directives)
            {
                if (CostDirectives.IsCostDirectiveName(directive.Name.Value))
                {
                    applied.Add(directive.Name.Value);
                }
            }
        }
    }

    private void ApplyBindings(SchemaDefinitionContext context)
    {
        foreach (var (typeName, runtimeType) in _bindings)
        {
            var definition = context.FindType(typeName);
            if (definition is null)
            {
                context.Errors.Add(new SchemaError($"Cannot bind {runtimeType.Name} to \"{typeName}\": the type is not defined."));
                continue;
            }
            definition.RuntimeType = runtimeType;
        }
    }

    private void ApplyResolvers(SchemaDefinitionContext context)
    {
        foreach (var (typeName, fieldName, resolver, pure, subscribe) in _resolvers)
        {
            var field = FindField(context, typeName, fieldName);
            if (field is null)
            {
                continue;
            }
            if (resolver is not null)
            {
                field.Resolver = resolver;
                field.PureResolver = null;
            }
            if (pure is not null)
            {
                field.PureResolver = pure;
                field.Resolver = null;
            }
            if (subscribe is not null)
            {
                field.SubscribeResolver = subscribe;
            }
        }
    }

    private static OutputFieldDefinition? FindField(SchemaDefinitionContext context, string typeName, string fieldName)
    {
        var fields = context.FindType(typeName) switch
        {
            ObjectTypeDefinition obj => obj.Fields,
            _ => null,
        };
        if (fields is null)
        {
            context.Errors.Add(new SchemaError($"Cannot add a resolver to \"{typeName}.{fieldName}\": \"{typeName}\" is not a defined object type."));
            return null;
        }
        var field = fields.Find(f => f.Name == fieldName);
        if (field is null)
        {
            context.Errors.Add(new SchemaError($"Cannot add a resolver to \"{typeName}.{fieldName}\": the field is not defined."));
        }
        return field;
    }

    private void ApplyResolverTypes(SchemaDefinitionContext context)
    {
        foreach (var (typeName, resolverType) in _resolverTypes)
        {
            if (context.FindType(typeName) is not ObjectTypeDefinition definition)
            {
                context.Errors.Add(new SchemaError($"Cannot add resolver {resolverType.Name} to \"{typeName}\": \"{typeName}\" is not a defined object type."));
                continue;
            }
            var instance = ResolverInstances.Create(resolverType);
            foreach (var member in ResolverMembers(resolverType))
            {
                var fieldName = ResolverFieldName(member);
                var field = definition.Fields.Find(f => f.Name == fieldName);
                if (field is null)
                {
                    continue;
                }
                var argumentNames = field.Arguments.Select(a => a.Name).ToArray();
                field.Member = member;
                if (ResolverCompiler.ReadsRequestState(member))
                {
                    field.ContextData[ResolverCompiler.ReadsRequestStateKey] = true;
                }
                if (ResolverCompiler.IsStream(member))
                {
                    field.SubscribeResolver = ResolverCompiler.CompileSubscribeResolver(member, instance, argumentNames, definition.RuntimeType, _options.ParameterBindings.ToArray());
                    continue;
                }
                field.Resolver = ResolverCompiler.CompileResolver(member, instance, argumentNames, definition.RuntimeType, _options.ParameterBindings.ToArray());
                field.PureResolver = null;
            }
        }
    }

    private static IEnumerable<MemberInfo> ResolverMembers(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static;
        foreach (var method in type.GetMethods(flags))
        {
            if (!method.IsSpecialName && method.DeclaringType != typeof(object) && !method.IsGenericMethodDefinition)
            {
                yield return method;
            }
        }
        foreach (var property in type.GetProperties(flags))
        {
            if (property.GetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0)
            {
                yield return property;
            }
        }
        foreach (var field in type.GetFields(flags))
        {
            yield return field;
        }
    }

    /// <summary>The GraphQL field a resolver member binds to: <c>GetDogsAsync</c>, <c>GetDogs</c>, <c>Dogs</c> all give <c>dogs</c>.</summary>
    internal static string ResolverFieldName(MemberInfo member)
    {
        if (member.GetCustomAttribute<GraphQLNameAttribute>() is { } attribute)
        {
            return attribute.Name;
        }
        var name = member.Name;
        if (member is MethodInfo)
        {
            if (name.Length > 5 && name.EndsWith("Async", StringComparison.Ordinal))
            {
                name = name[..^5];
            }
            if (name.Length > 3 && name.StartsWith("Get", StringComparison.Ordinal) && char.IsUpper(name[3]))
            {
                name = name[3..];
            }
        }
        return InputObjectFactory.ToFieldName(name);
    }
}

/// <summary>Provides the instances resolver classes run on.</summary>
internal static class ResolverInstances
{
    private enum Registration
    {
        Unknown,
        Service,
        NotAService,
    }

    /// <summary>The request service of <paramref name="type"/>, else one shared instance made with its parameterless constructor.</summary>
    public static Func<IResolverContext, object> Create(Type type)
    {
        var constructor = type.GetConstructor(Type.EmptyTypes);
        var factory = constructor is null
            ? null
            : System.Linq.Expressions.Expression.Lambda<Func<object>>(System.Linq.Expressions.Expression.New(constructor)).Compile();
        var shared = factory is null ? null : new Lazy<object>(factory, LazyThreadSafetyMode.ExecutionAndPublication);
        // A class that is not a service is not looked up in the services at all: a subscription event whose resolvers
        // need none then runs without a service scope of its own. A schema belongs to one service provider, so whether
        // the class is a service is asked once.
        var registration = Registration.Unknown;
        return context =>
        {
            if (shared is not null)
            {
                if (registration == Registration.Unknown && context is Execution.Processing.ResolverContext resolver)
                {
                    registration = resolver.IsService(type) ? Registration.Service : Registration.NotAService;
                }
                if (registration == Registration.NotAService)
                {
                    return shared.Value;
                }
            }
            return context.Services.GetService(type)
                ?? shared?.Value
                ?? throw new InvalidOperationException($"The resolver class {type.FullName} is not a registered service and has no parameterless constructor.");
        };
    }
}
