using System.Text;
using Graph.GraphQL.Language;

namespace Graph.GraphQL.Tests.Language;

/// <summary>Renders a syntax tree as indented text (kind, scalar content, location) for snapshots and asserts.</summary>
internal static class SyntaxDump
{
    public static string Dump(ISyntaxNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.ToString();
    }

    public static IEnumerable<ISyntaxNode> Descendants(ISyntaxNode node)
    {
        yield return node;
        foreach (var child in node.GetNodes())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private static void Write(StringBuilder builder, ISyntaxNode node, int depth)
    {
        builder.Append(' ', depth * 2).Append(node.Kind);
        var scalar = node switch
        {
            NameNode n => n.Value,
            IntValueNode n => n.Value,
            FloatValueNode n => n.Value,
            StringValueNode n => (n.Block ? "block " : string.Empty) + Printer.PrintString(n.Value),
            BooleanValueNode n => n.Value ? "true" : "false",
            EnumValueNode n => n.Value,
            OperationDefinitionNode n => n.Operation.ToKeyword(),
            OperationTypeDefinitionNode n => n.Operation.ToKeyword(),
            DirectiveDefinitionNode n => n.IsRepeatable ? "repeatable" : null,
            _ => null,
        };
        if (scalar is not null)
        {
            builder.Append(' ').Append(scalar);
        }
        if (node.Location is { } location)
        {
            builder.Append(" @").Append(location.Line).Append(':').Append(location.Column)
                .Append(" [").Append(location.Start).Append(',').Append(location.End).Append(')');
        }
        builder.Append('\n');
        foreach (var child in node.GetNodes())
        {
            Write(builder, child, depth + 1);
        }
    }
}
