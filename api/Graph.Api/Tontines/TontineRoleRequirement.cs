using Graph.Api.Data;
using Graph.Api.Identity;
using Graph.GraphQL.Resolvers;
using Graph.GraphQL.Types.Relay;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Graph.Api.Tontines;

/// <summary>The caller holds one of <see cref="Roles"/> in the tontine the field is about (ADMIN passes everywhere).</summary>
public sealed class TontineRoleRequirement(params TontineRole[] roles) : IAuthorizationRequirement
{
    /// <summary>The roles that pass.</summary>
    public IReadOnlyList<TontineRole> Roles { get; } = roles;
}

/// <summary>The ASP.NET Core policies of per-tontine roles, for <c>[Authorize(Policy = TontinePolicies.President)]</c>.</summary>
public static class TontinePolicies
{
    /// <summary>The tontine's president.</summary>
    public const string President = "TontinePresident";

    /// <summary>The tontine's treasurer or president.</summary>
    public const string Treasurer = "TontineTreasurer";

    /// <summary>Any member of the tontine.</summary>
    public const string Member = "TontineMember";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(President, p => p.AddRequirements(new TontineRoleRequirement(TontineRole.President)));
        options.AddPolicy(Treasurer, p => p.AddRequirements(new TontineRoleRequirement(TontineRole.Treasurer, TontineRole.President)));
        options.AddPolicy(Member, p => p.AddRequirements(new TontineRoleRequirement(TontineRole.Member, TontineRole.Treasurer, TontineRole.President)));
    }
}

/// <summary>
/// Decides <see cref="TontineRoleRequirement"/> for a field: the tontine is the field's <c>tontineId</c> argument, else the
/// <c>tontineId</c> field of its <c>input</c> argument, else the parent <see cref="Tontine"/>; the caller's role in it is
/// read from the database. A field that names no tontine, or an ID that is not a tontine's, fails the requirement.
/// </summary>
public sealed class TontineRoleHandler(IDbContextFactory<GraphDbContext> contexts, INodeIdSerializer ids)
    : AuthorizationHandler<TontineRoleRequirement, IResolverContext>
{
    private const string TontineIdName = "tontineId";
    private const string InputName = "input";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TontineRoleRequirement requirement, IResolverContext resource)
    {
        if (context.User.IsInRole(PlatformRoles.AdminName))
        {
            context.Succeed(requirement);
            return;
        }
        if (context.User.GetUserId() is not { } userId || FindTontineId(resource) is not { } tontineId)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(resource.RequestAborted);
        var role = await db.TontineMembers.AsNoTracking()
            .Where(m => m.TontineId == tontineId && m.UserId == userId)
            .Select(m => (TontineRole?)m.Role)
            .SingleOrDefaultAsync(resource.RequestAborted);
        if (role is { } held && requirement.Roles.Contains(held))
        {
            context.Succeed(requirement);
        }
    }

    private Guid? FindTontineId(IResolverContext resource)
    {
        if (resource.Field.Arguments.ContainsName(TontineIdName))
        {
            return Parse(resource.ArgumentValue(TontineIdName));
        }
        if (resource.Field.Arguments.ContainsName(InputName))
        {
            return resource.ArgumentValue(InputName) is IReadOnlyDictionary<string, object?> input && input.TryGetValue(TontineIdName, out var id)
                ? Parse(id)
                : null;
        }
        return resource.Parent() is Tontine tontine ? tontine.Id : null;
    }

    private Guid? Parse(object? value) =>
        value is string text && ids.TryParse(text, out var id) && id.TypeName == nameof(Tontine) && id.Key is Guid key ? key : null;
}
