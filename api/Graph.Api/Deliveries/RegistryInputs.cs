using System.ComponentModel;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Deliveries;

/// <summary>A new cooperative (ADMIN only). Every rule it breaks is reported at once.</summary>
public sealed class CreateCooperativeInput
{
    /// <summary>The name: 1 to 200 characters once leading and trailing spaces are dropped.</summary>
    public required string Name { get; init; }

    /// <summary>The short code printed on lots and receipts: letters, digits and dashes, upper-cased (<c>scas-soubre</c>
    /// becomes <c>SCAS-SOUBRE</c>), starting with a letter or digit, at most 32 characters, unique.</summary>
    public required string Code { get; init; }

    /// <summary>The ISO 3166-1 alpha-2 code of the country it works in.</summary>
    [DefaultValue("CI")]
    public string Country { get; init; } = "CI";

    /// <summary>The region or department, as the cooperative names it.</summary>
    public string? Region { get; init; }

    /// <summary>The currency it pays its planters in (it cannot be changed later).</summary>
    [DefaultValue(Currency.XOF)]
    public Currency Currency { get; init; } = Currency.XOF;
}

/// <summary>New details of a cooperative: a field not given keeps its value. The code and currency do not change.</summary>
public sealed class UpdateCooperativeInput
{
    /// <summary>The cooperative (the ID of a Cooperative).</summary>
    [ID<Cooperative>]
    public required Guid CooperativeId { get; init; }

    /// <summary>The name: 1 to 200 characters.</summary>
    public string? Name { get; init; }

    /// <summary>The ISO 3166-1 alpha-2 code of the country.</summary>
    public string? Country { get; init; }

    /// <summary>The region; an empty text removes it.</summary>
    public string? Region { get; init; }
}

/// <summary>A user made (or no longer) a manager of a cooperative.</summary>
public sealed class CooperativeManagerInput
{
    /// <summary>The cooperative (the ID of a Cooperative).</summary>
    [ID<Cooperative>]
    public required Guid CooperativeId { get; init; }

    /// <summary>The user (the ID of a User); to be added, they must hold the COOPERATIVE_MANAGER platform role.</summary>
    [ID<User>]
    public required Guid UserId { get; init; }
}

/// <summary>A new planter of a cooperative. Every rule it breaks is reported at once.</summary>
public sealed class CreatePlanterInput
{
    /// <summary>The cooperative (the ID of a Cooperative).</summary>
    [ID<Cooperative>]
    public required Guid CooperativeId { get; init; }

    /// <summary>The full name: 1 to 200 characters.</summary>
    public required string FullName { get; init; }

    /// <summary>The mobile number, with its country code (+225 07 01 02 03 04); stored in E.164 form.</summary>
    public string? Phone { get; init; }

    /// <summary>The village or locality.</summary>
    public string? Village { get; init; }

    /// <summary>The chief planter (the ID of a Planter): of the same cooperative, and not under a chief himself.</summary>
    [ID<Planter>]
    public Guid? ChiefId { get; init; }
}

/// <summary>New details of a planter: a field not given keeps its value.</summary>
public sealed class UpdatePlanterInput
{
    /// <summary>The planter (the ID of a Planter).</summary>
    [ID<Planter>]
    public required Guid PlanterId { get; init; }

    /// <summary>The full name: 1 to 200 characters.</summary>
    public string? FullName { get; init; }

    /// <summary>The mobile number, with its country code; an empty text removes it.</summary>
    public string? Phone { get; init; }

    /// <summary>The village; an empty text removes it.</summary>
    public string? Village { get; init; }

    /// <summary>A new chief planter (the ID of a Planter): of the same cooperative, not under a chief himself, not the
    /// planter; refused for a planter who is a chief (has members): chiefs are one level deep.</summary>
    [ID<Planter>]
    public Guid? ChiefId { get; init; }

    /// <summary>True to detach the planter from their chief (chiefId is then not given).</summary>
    [DefaultValue(false)]
    public bool RemoveChief { get; init; }
}

/// <summary>A new plot of a planter, located for the EUDR (see <see cref="PlotGeometry"/>).</summary>
public sealed class CreatePlotInput
{
    /// <summary>The planter (the ID of a Planter).</summary>
    [ID<Planter>]
    public required Guid PlanterId { get; init; }

    /// <summary>The name: 1 to 200 characters.</summary>
    public required string Name { get; init; }

    /// <summary>The GeoJSON text of a Point or Polygon (or of a Feature holding one): WGS84 [longitude, latitude], every
    /// coordinate with at least 6 decimals; a polygon closed, not self-intersecting, without holes. Text, so that the
    /// decimals are counted as written.</summary>
    public required string GeoJson { get; init; }

    /// <summary>A point's area in hectares: required for a point, more than 0 and at most 4; ignored for a polygon, whose
    /// area is computed.</summary>
    public decimal? DeclaredAreaHectares { get; init; }
}

/// <summary>New details of a plot: a field not given keeps its value (a new area alone re-checks the stored point).</summary>
public sealed class UpdatePlotInput
{
    /// <summary>The plot (the ID of a Plot).</summary>
    [ID<Plot>]
    public required Guid PlotId { get; init; }

    /// <summary>The name: 1 to 200 characters.</summary>
    public string? Name { get; init; }

    /// <summary>A new geometry, under the rules of <see cref="CreatePlotInput.GeoJson"/>.</summary>
    public string? GeoJson { get; init; }

    /// <summary>A point's area in hectares (more than 0, at most 4); for a point whose geometry is replaced without it,
    /// the area stored is kept.</summary>
    public decimal? DeclaredAreaHectares { get; init; }
}

/// <summary>A new warehouse of a cooperative.</summary>
public sealed class CreateWarehouseInput
{
    /// <summary>The cooperative (the ID of a Cooperative).</summary>
    [ID<Cooperative>]
    public required Guid CooperativeId { get; init; }

    /// <summary>The name: 1 to 200 characters, unique within the cooperative.</summary>
    public required string Name { get; init; }

    /// <summary>Where it stands.</summary>
    public string? Location { get; init; }

    /// <summary>The most beans it holds, in kilograms: more than 0, at most 3 decimals.</summary>
    public required decimal CapacityKg { get; init; }
}

/// <summary>New details of a warehouse: a field not given keeps its value.</summary>
public sealed class UpdateWarehouseInput
{
    /// <summary>The warehouse (the ID of a Warehouse).</summary>
    [ID<Warehouse>]
    public required Guid WarehouseId { get; init; }

    /// <summary>The name: 1 to 200 characters, unique within the cooperative.</summary>
    public string? Name { get; init; }

    /// <summary>Where it stands; an empty text removes it.</summary>
    public string? Location { get; init; }

    /// <summary>The most beans it holds, in kilograms: more than 0, and not below the stock it holds now.</summary>
    public decimal? CapacityKg { get; init; }
}
