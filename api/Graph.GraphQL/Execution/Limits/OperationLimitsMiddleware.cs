using System.Globalization;
using Graph.GraphQL.Execution.Pipeline;

namespace Graph.GraphQL.Execution.Limits;

/// <summary>
/// The request state keys of the limits: set <see cref="ReportCost"/> (to true) on a request to get its measure in the
/// response's <c>extensions.operationCost</c> (<c>{ depth, fieldCost, typeCost }</c>).
/// </summary>
public static class OperationCostContextData
{
    /// <summary>The request state key asking for the operation's cost in the response extensions.</summary>
    public const string ReportCost = "Graph.OperationCost.Report";

    /// <summary>The response extension holding the measure.</summary>
    public const string ExtensionKey = "operationCost";
}

/// <summary>
/// Measures the operation (<see cref="OperationComplexity"/>) and refuses it before execution when it is deeper than
/// <see cref="RequestExecutorOptions.MaxExecutionDepth"/> or costs more than the <see cref="CostOptions"/> allow; limits of
/// <see cref="RequestExecutorOptions.OperationLimits"/> for the operation's name take precedence. Refusals are request
/// errors (no <c>data</c>) with a code and the measured and allowed values in their extensions.
/// </summary>
internal static class OperationLimitsMiddleware
{
    public static RequestDelegate Create(RequestMiddlewareFactoryContext factoryContext, RequestDelegate next)
    {
        var options = factoryContext.Options;
        return async context =>
        {
            var operation = context.Operation!;
            var named = operation.Name is { } name && options.OperationLimits.TryGetValue(name, out var limits) ? limits : null;
            var maxDepth = named?.MaxExecutionDepth ?? options.MaxExecutionDepth;
            var report = WantsReport(context);
            var enforce = options.Cost.EnforceCostLimits;
            if (maxDepth is null && !enforce && !report)
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var complexity = OperationComplexity.Measure(operation, context.Variables!, options.Cost);
            var error = Check(complexity, maxDepth, enforce ? named?.MaxFieldCost ?? options.Cost.MaxFieldCost : null,
                enforce ? named?.MaxTypeCost ?? options.Cost.MaxTypeCost : null);
            if (error is not null)
            {
                var location = operation.Definition.Location is { } at ? [at.ToErrorLocation()] : (IReadOnlyList<ErrorLocation>?)null;
                context.Result = OperationResult.FromErrors(
                    [new GraphQLError(error.Value.Message, location, extensions: error.Value.Extensions)],
                    report ? Extensions(complexity) : null);
                return;
            }

            await next(context).ConfigureAwait(false);
            if (report && context.Result is OperationResult result)
            {
                result.AddExtension(OperationCostContextData.ExtensionKey, Measured(complexity));
            }
        };
    }

    private static bool WantsReport(RequestContext context)
    {
        object? flag = null;
        if (context.HasContextData)
        {
            context.ContextData.TryGetValue(OperationCostContextData.ReportCost, out flag);
        }
        else
        {
            context.Request.ContextData?.TryGetValue(OperationCostContextData.ReportCost, out flag);
        }
        return flag is true;
    }

    private static (string Message, Dictionary<string, object?> Extensions)? Check(OperationComplexity complexity, int? maxDepth, double? maxFieldCost, double? maxTypeCost)
    {
        if (complexity.Depth > maxDepth)
        {
            return ($"The operation has an execution depth of {complexity.Depth}, over the allowed {maxDepth}.",
                Codes(ErrorCodes.MaxExecutionDepthExceeded, ("depth", complexity.Depth), ("maxDepth", maxDepth)));
        }
        if (complexity.FieldCost > maxFieldCost)
        {
            return ($"The operation has a field cost of {Number(complexity.FieldCost)}, over the allowed {Number(maxFieldCost.Value)}.",
                Codes(ErrorCodes.MaxFieldCostExceeded, ("fieldCost", complexity.FieldCost), ("maxFieldCost", maxFieldCost)));
        }
        if (complexity.TypeCost > maxTypeCost)
        {
            return ($"The operation has a type cost of {Number(complexity.TypeCost)}, over the allowed {Number(maxTypeCost.Value)}.",
                Codes(ErrorCodes.MaxTypeCostExceeded, ("typeCost", complexity.TypeCost), ("maxTypeCost", maxTypeCost)));
        }
        return null;
    }

    private static Dictionary<string, object?> Codes(string code, params (string Key, object? Value)[] values)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { [ErrorCodes.ExtensionKey] = code };
        foreach (var (key, value) in values)
        {
            extensions[key] = value;
        }
        return extensions;
    }

    private static Dictionary<string, object?> Extensions(OperationComplexity complexity) =>
        new(StringComparer.Ordinal) { [OperationCostContextData.ExtensionKey] = Measured(complexity) };

    private static Dictionary<string, object?> Measured(OperationComplexity complexity) => new(StringComparer.Ordinal)
    {
        ["depth"] = complexity.Depth,
        ["fieldCost"] = complexity.FieldCost,
        ["typeCost"] = complexity.TypeCost,
    };

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
