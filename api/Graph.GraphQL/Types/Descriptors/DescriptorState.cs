using System.Linq.Expressions;
using System.Reflection;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Types;

/// <summary>A type reference recorded by a descriptor, resolved when the schema is built: a schema type class or CLR type, or a syntax node.</summary>
internal sealed class TypeSpec
{
    private TypeSpec(Type? type, ITypeNode? node)
    {
        Type = type;
        Node = node;
    }

    public Type? Type { get; }

    public ITypeNode? Node { get; }

    public static TypeSpec From(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new TypeSpec(type, null);
    }

    public static TypeSpec From(ITypeNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new TypeSpec(null, node);
    }

    public static TypeSpec Parse(string typeSyntax)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeSyntax);
        return new TypeSpec(null, Parser.ParseType(typeSyntax));
    }

    public override string ToString() => Type?.Name ?? Node!.ToString()!;
}

/// <summary>Callbacks registered through <see cref="IDescriptor{TDefinition}.Extend"/>.</summary>
internal sealed class DescriptorExtension<TDefinition> : IDescriptorExtension<TDefinition>
    where TDefinition : class
{
    public List<Action<IDescriptorContext, TDefinition>> Callbacks { get; } = [];

    public void OnBeforeCompletion(Action<IDescriptorContext, TDefinition> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Callbacks.Add(configure);
    }
}

/// <summary>The settings shared by descriptors of named elements: description, deprecation, directives.</summary>
internal abstract class MemberDescriptorState
{
    public bool HasDescription { get; private set; }

    public string? DescriptionText { get; private set; }

    public bool IsDeprecated { get; private set; }

    public string? DeprecationReason { get; private set; }

    public bool? Ignored { get; protected set; }

    public TypeSpec? TypeSpec { get; protected set; }

    public List<DirectiveNode> Directives { get; } = [];

    protected void SetDescription(string? description)
    {
        HasDescription = true;
        DescriptionText = description;
    }

    protected void SetDeprecated(string? reason)
    {
        IsDeprecated = true;
        DeprecationReason = reason;
    }

    protected void AddDirective(string name, ArgumentNode[] arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Directives.Add(new DirectiveNode(name, arguments));
    }
}

/// <summary>Finds the property, field or method a descriptor lambda such as <c>x =&gt; x.Title</c> points to.</summary>
internal static class MemberExpressions
{
    public static MemberInfo GetMember(LambdaExpression lambda)
    {
        ArgumentNullException.ThrowIfNull(lambda);
        var body = lambda.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } unary)
        {
            body = unary.Operand;
        }
        return body switch
        {
            MemberExpression { Member: PropertyInfo or FieldInfo } member => member.Member,
            MethodCallExpression call => call.Method,
            _ => throw new ArgumentException($"The expression {lambda} must select a property or call a method, like x => x.Title or x => x.GetBooks(default).", nameof(lambda)),
        };
    }
}
