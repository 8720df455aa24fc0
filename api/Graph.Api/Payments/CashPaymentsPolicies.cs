using System.Security.Claims;
using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.Api.Tontines;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types.Relay;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Payments;

/// <summary>
/// Who may record cash, and so check it: for a tontine's contribution or payout, a treasurer or the president of that
/// tontine; for a planter's payment, a cooperative manager; FINANCE and ADMIN for every purpose (books and subscriptions
/// are theirs only). A refund is never cash.
/// </summary>
public static class CashPaymentRights
{
    /// <summary>Whether <paramref name="user"/> may record (or check) cash for <paramref name="purpose"/>, in
    /// <paramref name="tontineId"/> for a tontine's payments.</summary>
    public static async Task<bool> MayRecordAsync(GraphDbContext db, ClaimsPrincipal user, PaymentPurpose purpose, Guid? tontineId, CancellationToken cancellationToken)
    {
        if (PaymentAccess.SeesAll(user))
        {
            return true;
        }
        if (user.GetUserId() is not { } userId)
        {
            return false;
        }
        return purpose switch
        {
            PaymentPurpose.TontineContribution or PaymentPurpose.TontinePayout => tontineId is { } tontine
                && await TontineAccess.ManagedBy(db, userId).AnyAsync(id => id == tontine, cancellationToken),
            PaymentPurpose.PlanterPayment => user.IsInRole(PlatformRoles.CooperativeManagerName),
            _ => false,
        };
    }
}

/// <summary>The caller may record cash for the purpose in the field's input (<see cref="Checker"/> false), or check the
/// cash payment the input names (<see cref="Checker"/> true): see <see cref="CashPaymentRights"/>.</summary>
public sealed class CashPaymentRequirement(bool checker) : IAuthorizationRequirement
{
    /// <summary>True to check a recorded payment (<c>input.paymentId</c>), false to record one (<c>input.purpose</c>,
    /// <c>input.tontineId</c>).</summary>
    public bool Checker { get; } = checker;
}

/// <summary>The ASP.NET Core policies of cash payments, for <c>[Authorize(Policy = CashPaymentPolicies.Maker)]</c>.</summary>
public static class CashPaymentPolicies
{
    /// <summary>Records cash for the purpose (and tontine) of the field's input.</summary>
    public const string Maker = "CashPaymentMaker";

    /// <summary>Validates or rejects the cash payment of the field's input.</summary>
    public const string Checker = "CashPaymentChecker";

    /// <summary>Registers both policies.</summary>
    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Maker, p => p.AddRequirements(new CashPaymentRequirement(checker: false)));
        options.AddPolicy(Checker, p => p.AddRequirements(new CashPaymentRequirement(checker: true)));
    }
}

/// <summary>
/// Decides <see cref="CashPaymentRequirement"/> for a field from its <c>input</c> argument: the purpose and tontine to
/// record, or the payment to check (read from the database, whose purpose and tontine then decide). As for the tontines'
/// roles, an ID that names no payment fails the requirement, except for FINANCE and ADMIN, who then learn that the payment
/// does not exist.
/// </summary>
public sealed class CashPaymentHandler(IDbContextFactory<GraphDbContext> contexts, INodeIdSerializer ids)
    : AuthorizationHandler<CashPaymentRequirement, IResolverContext>
{
    private const string InputName = "input";

    /// <inheritdoc />
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CashPaymentRequirement requirement, IResolverContext resource)
    {
        if (PaymentAccess.SeesAll(context.User))
        {
            context.Succeed(requirement);
            return;
        }
        if (context.User.GetUserId() is null || !resource.Field.Arguments.ContainsName(InputName)
            || resource.ArgumentValue(InputName) is not IReadOnlyDictionary<string, object?> input)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(resource.RequestAborted);
        PaymentPurpose purpose;
        Guid? tontineId;
        if (requirement.Checker)
        {
            if (Parse(input.GetValueOrDefault("paymentId"), nameof(Payment)) is not { } paymentId)
            {
                return;
            }
            var payment = await db.Payments.AsNoTracking().Where(p => p.Id == paymentId && p.Method == PaymentMethod.Cash)
                .Select(p => new { p.Purpose, p.TontineId }).SingleOrDefaultAsync(resource.RequestAborted);
            if (payment is null)
            {
                return;
            }
            (purpose, tontineId) = (payment.Purpose, payment.TontineId);
        }
        else
        {
            if (input.GetValueOrDefault("purpose") is not PaymentPurpose asked)
            {
                return;
            }
            purpose = asked;
            tontineId = Parse(input.GetValueOrDefault("tontineId"), nameof(Tontine));
        }
        if (await CashPaymentRights.MayRecordAsync(db, context.User, purpose, tontineId, resource.RequestAborted))
        {
            context.Succeed(requirement);
        }
    }

    private Guid? Parse(object? value, string typeName) =>
        value is string text && ids.TryParse(text, out var id) && id.TypeName == typeName && id.Key is Guid key ? key : null;
}
