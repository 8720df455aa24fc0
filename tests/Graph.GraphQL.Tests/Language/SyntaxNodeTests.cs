using System.Numerics;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Tests.Language;

public class SyntaxNodeTests
{
    [Fact]
    public void Int_value_keeps_its_text_and_converts()
    {
        var value = (IntValueNode)Parser.ParseValue("-2147483648");
        Assert.Equal("-2147483648", value.Value);
        Assert.Equal(int.MinValue, value.ToInt32());
        Assert.Equal(-2147483648L, value.ToInt64());
        Assert.Equal(-2147483648m, value.ToDecimal());
        Assert.Equal(-2147483648d, value.ToDouble());
        Assert.Equal(new BigInteger(int.MinValue), value.ToBigInteger());

        var big = (IntValueNode)Parser.ParseValue("123456789012345678901234567890");
        Assert.False(big.TryToInt32(out _));
        Assert.False(big.TryToInt64(out _));
        Assert.Throws<OverflowException>(() => big.ToInt64());
        Assert.Equal(BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture), big.ToBigInteger());
        Assert.True(new IntValueNode(42L).TryToInt32(out var small));
        Assert.Equal(42, small);
        Assert.Equal("7", new IntValueNode(new BigInteger(7)).Value);
    }

    [Fact]
    public void Float_value_keeps_its_text_and_converts()
    {
        var value = (FloatValueNode)Parser.ParseValue("-1.5e3");
        Assert.Equal("-1.5e3", value.Value);
        Assert.Equal(-1500d, value.ToDouble());
        Assert.Equal(-1500f, value.ToSingle());
        Assert.Equal(-1500m, value.ToDecimal());

        Assert.Equal("1.0", new FloatValueNode(1d).Value);
        Assert.Equal("0.1", new FloatValueNode(0.1d).Value);
        Assert.Equal("1E+300", new FloatValueNode(1e300).Value);
        Assert.Equal("2.50", new FloatValueNode(2.50m).Value);
        Assert.Equal("3.0", new FloatValueNode(3m).Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloatValueNode(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FloatValueNode(double.PositiveInfinity));
        foreach (var node in new[] { new FloatValueNode(1d), new FloatValueNode(1e300), new FloatValueNode(-0.25d) })
        {
            Assert.IsType<FloatValueNode>(Parser.ParseValue(node.Value));
        }
    }

    [Fact]
    public void Value_nodes_expose_raw_values()
    {
        Assert.Equal("text", ((IValueNode)new StringValueNode("text")).Value);
        Assert.Equal(true, ((IValueNode)BooleanValueNode.True).Value);
        Assert.Equal(false, ((IValueNode)BooleanValueNode.False).Value);
        Assert.Null(NullValueNode.Default.Value);
        Assert.Equal("RED", ((IValueNode)new EnumValueNode("RED")).Value);
        Assert.Equal("v", ((IValueNode)new VariableNode("v")).Value);
        Assert.Equal("12", ((IValueNode)new IntValueNode(12)).Value);
        var list = new ListValueNode(new IntValueNode(1));
        Assert.Same(list.Items, ((IValueNode)list).Value);
        var obj = new ObjectValueNode(new ObjectFieldNode("a", NullValueNode.Default));
        Assert.Same(obj.Fields, ((IValueNode)obj).Value);
    }

    [Fact]
    public void With_methods_copy_and_replace_one_part()
    {
        var field = (FieldNode)((OperationDefinitionNode)Parser.Parse("{ a: b(x: 1) @d { c } }").Definitions[0]).SelectionSet.Selections[0];

        var unaliased = field.WithAlias(null);
        Assert.Null(unaliased.Alias);
        Assert.Equal("b", unaliased.ResponseName);
        Assert.Same(field.Arguments, unaliased.Arguments);
        Assert.Equal(field.Location, unaliased.Location);

        var leaf = field.WithSelectionSet(null);
        Assert.Equal("a: b(x: 1) @d", leaf.Print());
        Assert.Equal("a: b(x: 1) {\n  c\n}", field.WithDirectives([]).Print());
        Assert.Equal("a: b @d {\n  c\n}", field.WithArguments([]).Print());
        Assert.Equal("a: z(x: 1) @d {\n  c\n}", field.WithName(new NameNode("z")).Print());
        Assert.Null(field.WithLocation(null).Location);

        var operation = (OperationDefinitionNode)Parser.Parse("query Q { a }").Definitions[0];
        Assert.Equal("mutation Q {\n  a\n}", operation.WithOperation(OperationType.Mutation).Print());
        Assert.Equal("{\n  a\n}", operation.WithName(null).Print());
        Assert.Equal("\"D\"\nquery Q {\n  a\n}", operation.WithDescription(new StringValueNode("D")).Print());
        Assert.Equal("query Q @x {\n  a\n}", operation.WithDirectives([new DirectiveNode("x")]).Print());

        var type = (ObjectTypeDefinitionNode)Parser.Parse("type T { a: Int }").Definitions[0];
        Assert.Equal("type T implements I {\n  a: Int\n}", type.WithInterfaces([new NamedTypeNode("I")]).Print());
        Assert.Equal("type T", type.WithFields([]).Print());
    }

    [Fact]
    public void Constructors_reject_missing_parts()
    {
        Assert.Throws<ArgumentException>(() => new NameNode(string.Empty));
        Assert.Throws<ArgumentNullException>(() => new NameNode(null!));
        Assert.Throws<ArgumentNullException>(() => new FieldNode(null, null, null!, [], [], null));
        Assert.Throws<ArgumentNullException>(() => new FieldNode(null, null, new NameNode("a"), null!, [], null));
        Assert.Throws<ArgumentNullException>(() => new SelectionSetNode(null!));
        Assert.Throws<ArgumentNullException>(() => new StringValueNode(null!));
        Assert.Throws<ArgumentException>(() => new IntValueNode(null, string.Empty));
        Assert.Throws<ArgumentNullException>(() => new NonNullTypeNode(null!));
    }

    [Fact]
    public void Get_nodes_lists_children_in_source_order()
    {
        var operation = Parser.Parse("\"d\" query Q($v: Int) @x { a }").Definitions[0];
        Assert.Equal(
            [SyntaxKind.StringValue, SyntaxKind.Name, SyntaxKind.VariableDefinition, SyntaxKind.Directive, SyntaxKind.SelectionSet],
            operation.GetNodes().Select(n => n.Kind));

        var field = Parser.Parse("{ a: b(x: 1) @d { c } }").Definitions[0].GetNodes().OfType<SelectionSetNode>().Single().Selections[0];
        Assert.Equal(
            [SyntaxKind.Name, SyntaxKind.Name, SyntaxKind.Argument, SyntaxKind.Directive, SyntaxKind.SelectionSet],
            field.GetNodes().Select(n => n.Kind));

        var type = Parser.Parse("\"T\" type T implements I @d { f: Int }").Definitions[0];
        Assert.Equal(
            [SyntaxKind.StringValue, SyntaxKind.Name, SyntaxKind.NamedType, SyntaxKind.Directive, SyntaxKind.FieldDefinition],
            type.GetNodes().Select(n => n.Kind));

        Assert.Empty(new NameNode("leaf").GetNodes());
    }

    [Fact]
    public void Kinds_match_node_types()
    {
        var document = Parser.Parse(KitchenSink.Executable + "\n" + KitchenSink.TypeSystem);
        foreach (var node in SyntaxDump.Descendants(document))
        {
            Assert.Equal(node.GetType().Name, node.Kind + "Node");
        }
    }

    [Fact]
    public void Marker_interfaces_group_the_definitions()
    {
        var definitions = Parser.Parse(KitchenSink.TypeSystem).Definitions;
        Assert.All(definitions.OfType<ITypeDefinitionNode>(), d => Assert.IsAssignableFrom<ITypeSystemDefinitionNode>(d));
        Assert.All(definitions.OfType<ITypeExtensionNode>(), d => Assert.IsAssignableFrom<ITypeSystemExtensionNode>(d));
        Assert.Equal(
            definitions.Count,
            definitions.Count(d => d is ITypeSystemDefinitionNode) + definitions.Count(d => d is ITypeSystemExtensionNode));
        Assert.Contains(definitions, d => d is ITypeSystemDefinitionNode and not ITypeDefinitionNode and not SchemaDefinitionNode);
        Assert.Contains(definitions, d => d is ITypeSystemExtensionNode and not ITypeExtensionNode);
        Assert.DoesNotContain(definitions, d => d is IExecutableDefinitionNode);
    }

    [Fact]
    public void Type_helpers_unwrap_types()
    {
        var type = Parser.ParseType("[[Thing!]]!");
        Assert.Equal("Thing", type.NamedType().Name.Value);
        Assert.IsType<ListTypeNode>(type.NullableType());
        Assert.Same(type.NullableType(), ((NonNullTypeNode)type).Type);
        var named = Parser.ParseType("Plain");
        Assert.Same(named, named.NullableType());
    }

    [Fact]
    public void Operation_type_keywords()
    {
        Assert.Equal("query", OperationType.Query.ToKeyword());
        Assert.Equal("mutation", OperationType.Mutation.ToKeyword());
        Assert.Equal("subscription", OperationType.Subscription.ToKeyword());
    }

    [Fact]
    public void Location_converts_to_an_error_location()
    {
        var location = new Location(10, 20, 3, 4);
        Assert.Equal(new ErrorLocation(3, 4), location.ToErrorLocation());
    }
}
