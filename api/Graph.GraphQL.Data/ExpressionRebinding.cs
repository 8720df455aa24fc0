using System.Linq.Expressions;

namespace Graph.GraphQL.Data;

/// <summary>Puts the body of one lambda into another expression by substituting its parameter.</summary>
internal static class ExpressionRebinding
{
    /// <summary>The body of <paramref name="lambda"/> with its (single) parameter replaced by <paramref name="argument"/>.</summary>
    public static Expression Invoke(LambdaExpression lambda, Expression argument) =>
        new Replacer(lambda.Parameters[0], argument).Visit(lambda.Body);

    private sealed class Replacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
