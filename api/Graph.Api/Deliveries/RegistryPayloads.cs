using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.GraphQL.Types;
using Graph.GraphQL.Types.Relay;

namespace Graph.Api.Deliveries;

/// <summary>What createCooperative did: the new cooperative, or every reason nothing changed.</summary>
public sealed class CreateCooperativePayload
{
    private CreateCooperativePayload(Cooperative? cooperative, IReadOnlyList<ICreateCooperativeError>? errors)
    {
        Cooperative = cooperative;
        Errors = errors;
    }

    /// <summary>The new cooperative, or null when there are errors.</summary>
    public Cooperative? Cooperative { get; }

    /// <summary>Why nothing changed, or null when the change was made.</summary>
    public IReadOnlyList<ICreateCooperativeError>? Errors { get; }

    public static CreateCooperativePayload Done(Cooperative cooperative) => new(cooperative, null);

    public static CreateCooperativePayload Failed(IReadOnlyList<ICreateCooperativeError> errors) => new(null, errors);

    public static CreateCooperativePayload Failed(ICreateCooperativeError error) => new(null, [error]);
}

/// <summary>The domain errors of createCooperative.</summary>
[UnionType("CreateCooperativeError")]
public interface ICreateCooperativeError;

/// <summary>What updateCooperative did: the cooperative as it now is, or every reason nothing changed.</summary>
public sealed class UpdateCooperativePayload
{
    private UpdateCooperativePayload(Cooperative? cooperative, IReadOnlyList<IUpdateCooperativeError>? errors)
    {
        Cooperative = cooperative;
        Errors = errors;
    }

    /// <summary>The cooperative as it now is, or null when there are errors.</summary>
    public Cooperative? Cooperative { get; }

    /// <summary>Why nothing changed, or null when the change was made.</summary>
    public IReadOnlyList<IUpdateCooperativeError>? Errors { get; }

    public static UpdateCooperativePayload Done(Cooperative cooperative) => new(cooperative, null);

    public static UpdateCooperativePayload Failed(IReadOnlyList<IUpdateCooperativeError> errors) => new(null, errors);

    public static UpdateCooperativePayload Failed(IUpdateCooperativeError error) => new(null, [error]);
}

/// <summary>The domain errors of updateCooperative.</summary>
[UnionType("UpdateCooperativeError")]
public interface IUpdateCooperativeError;

/// <summary>What addCooperativeManager did: the cooperative, with its managers, or every reason nothing changed.</summary>
public sealed class AddCooperativeManagerPayload
{
    private AddCooperativeManagerPayload(Cooperative? cooperative, IReadOnlyList<IAddCooperativeManagerError>? errors)
    {
        Cooperative = cooperative;
        Errors = errors;
    }

    /// <summary>The cooperative, with its managers, or null when there are errors.</summary>
    public Cooperative? Cooperative { get; }

    /// <summary>Why nothing changed, or null when the change was made.</summary>
    public IReadOnlyList<IAddCooperativeManagerError>? Errors { get; }

    public static AddCooperativeManagerPayload Done(Cooperative cooperative) => new(cooperative, null);

    public static AddCooperativeManagerPayload Failed(IReadOnlyList<IAddCooperativeManagerError> errors) => new(null, errors);

    public static AddCooperativeManagerPayload Failed(IAddCooperativeManagerError error) => new(null, [error]);
}

/// <summary>The domain errors of addCooperativeManager.</summary>
[UnionType("AddCooperativeManagerError")]
public interface IAddCooperativeManagerError;

/// <summary>What removeCooperativeManager did: the cooperative, with its managers, or every reason nothing changed.</summary>
public sealed class RemoveCooperativeManagerPayload
{
    private RemoveCooperativeManagerPayload(Cooperative? cooperative, IReadOnlyList<IRemoveCooperativeManagerError>? errors)
    {
        Cooperative = cooperative;
        Errors = errors;
    }

    /// <summary>The cooperative, with its managers, or null when there are errors.</summary>
    public Cooperative? Cooperative { get; }

    /// <summary>Why nothing changed, or null when the change was made.</summary>
    public IReadOnlyList<IRemoveCooperativeManagerError>? Errors { get; }

    public static RemoveCooperativeManagerPayload Done(Cooperative cooperative) => new(cooperative, null);

    public static RemoveCooperativeManagerPayload Failed(IReadOnlyList<IRemoveCooperativeManagerError> errors) => new(null, errors);

    public static RemoveCooperativeManagerPayload Failed(IRemoveCooperativeManagerError error) => new(null, [error]);
}

/// <summary>The domain errors of removeCooperativeManager.</summary>
[UnionType("RemoveCooperativeManagerError")]
public interface IRemoveCooperativeManagerError;

/// <summary>What createPlanter did: the new planter, or every reason nothing changed.</summary>
public sealed class CreatePlanterPayload
{
    private CreatePlanterPayload(Planter? planter, IReadOnlyList<ICreatePlanterError>? errors)
    {
        Planter = planter;
        Errors = errors;
    }

    /// <summary>The new planter, or null when there are errors.</summary>
    public Planter? Planter { get; }

    /// <summary>Why nothing changed, or null when the change was made.</summary>
    public IReadOnlyList<ICreatePlanterError>? Errors { get; }

    public static CreatePlanterPayload Done(Planter planter) => new(planter, null);

    public static CreatePlanterPayload Failed(IReadOnlyList<ICreatePlanterError> errors) => new(null, errors);

    public static CreatePlanterPayload Failed(ICreatePlanterError error) => new(null, [error]);
}

/// <summary>The domain errors of createPlanter.</summary>
[UnionType("CreatePlanterError")]
public interface ICreatePlanterError;

/// <summary>What updatePlanter did: the planter as they now are, or every reason nothing changed.</summary>
public sealed class UpdatePlanterPayload
{
    private UpdatePlanterPayload(Planter? planter, IReadOnlyList<IUpdatePlanterError>? errors)
    {
        Planter = planter;
        Errors = errors;
    }

    /// <summary>The planter as they now are, or null when there are errors.</summary>
    public Planter? Planter { get; }

    /// <summary>Why nothing changed, or null when the change was made.</summary>
    public IReadOnlyList<IUpdatePlanterError>? Errors { get; }

    public static UpdatePlanterPayload Done(Planter planter) => new(planter, null);

    public static UpdatePlanterPayload Failed(IReadOnlyList<IUpdatePlanterError> errors) => new(null, errors);

    public static UpdatePlanterPayload Failed(IUpdatePlanterError error) => new(null, [error]);
}

/// <summary>The domain errors of updatePlanter.</summary>
[UnionType("UpdatePlanterError")]
public interface IUpdatePlanterError;

/// <summary>What createPlot did: the new plot, or every reason nothing changed.</summary>
public sealed class CreatePlotPayload
{
    private CreatePlotPayload(Plot? plot, IReadOnlyList<ICreatePlotError>? errors)
    {
        Plot = plot;
        Errors = errors;
    }

    /// <summary>The new plot, or null when there are errors.</summary>
    public Plot? Plot { get; }

    /// <summary>Why nothing changed, or null when the change was made.</summary>
    public IReadOnlyList<ICreatePlotError>? Errors { get; }

    public static CreatePlotPayload Done(Plot plot) => new(plot, null);

    public static CreatePlotPayload Failed(IReadOnlyList<ICreatePlotError> errors) => new(null, errors);

    public static CreatePlotPayload Failed(ICreatePlotError error) => new(null, [error]);
}

/// <summary>The domain errors of createPlot.</summary>
[UnionType("CreatePlotError")]
public interface ICreatePlotError;

/// <summary>What updatePlot did: the plot as it now is, or every reason nothing changed.</summary>
public sealed class UpdatePlotPayload
{
    private UpdatePlotPayload(Plot? plot, IReadOnlyList<IUpdatePlotError>? errors)
    {
        Plot = plot;
        Errors = errors;
    }

    /// <summary>The plot as it now is, or null when there are errors.</summary>
    public Plot? Plot { get; }

    /// <summary>Why nothing changed, or null when the change was made.</summary>
    public IReadOnlyList<IUpdatePlotError>? Errors { get; }

    public static UpdatePlotPayload Done(Plot plot) => new(plot, null);

    public static UpdatePlotPayload Failed(IReadOnlyList<IUpdatePlotError> errors) => new(null, errors);

    public static UpdatePlotPayload Failed(IUpdatePlotError error) => new(null, [error]);
}

/// <summary>The domain errors of updatePlot.</summary>
[UnionType("UpdatePlotError")]
public interface IUpdatePlotError;

/// <summary>What createWarehouse did: the new warehouse, or every reason nothing changed.</summary>
public sealed class CreateWarehousePayload
{
    private CreateWarehousePayload(Warehouse? warehouse, IReadOnlyList<ICreateWarehouseError>? errors)
    {
        Warehouse = warehouse;
        Errors = errors;
    }

    /// <summary>The new warehouse, or null when there are errors.</summary>
    public Warehouse? Warehouse { get; }

    /// <summary>Why nothing changed, or null when the change was made.</summary>
    public IReadOnlyList<ICreateWarehouseError>? Errors { get; }

    public static CreateWarehousePayload Done(Warehouse warehouse) => new(warehouse, null);

    public static CreateWarehousePayload Failed(IReadOnlyList<ICreateWarehouseError> errors) => new(null, errors);

    public static CreateWarehousePayload Failed(ICreateWarehouseError error) => new(null, [error]);
}

/// <summary>The domain errors of createWarehouse.</summary>
[UnionType("CreateWarehouseError")]
public interface ICreateWarehouseError;

/// <summary>What updateWarehouse did: the warehouse as it now is, or every reason nothing changed.</summary>
public sealed class UpdateWarehousePayload
{
    private UpdateWarehousePayload(Warehouse? warehouse, IReadOnlyList<IUpdateWarehouseError>? errors)
    {
        Warehouse = warehouse;
        Errors = errors;
    }

    /// <summary>The warehouse as it now is, or null when there are errors.</summary>
    public Warehouse? Warehouse { get; }

    /// <summary>Why nothing changed, or null when the change was made.</summary>
    public IReadOnlyList<IUpdateWarehouseError>? Errors { get; }

    public static UpdateWarehousePayload Done(Warehouse warehouse) => new(warehouse, null);

    public static UpdateWarehousePayload Failed(IReadOnlyList<IUpdateWarehouseError> errors) => new(null, errors);

    public static UpdateWarehousePayload Failed(IUpdateWarehouseError error) => new(null, [error]);
}

/// <summary>The domain errors of updateWarehouse.</summary>
[UnionType("UpdateWarehouseError")]
public interface IUpdateWarehouseError;

/// <summary>A field of the input breaks a rule of the registry (names, phone numbers, countries, capacities).</summary>
public sealed class InvalidRegistryInputError(string field, string message) : IError, ICreateCooperativeError, IUpdateCooperativeError,
    ICreatePlanterError, IUpdatePlanterError, ICreatePlotError, IUpdatePlotError, ICreateWarehouseError, IUpdateWarehouseError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code => "INVALID_REGISTRY_INPUT";

    /// <summary>The offending input field, e.g. <c>phone</c>.</summary>
    public string Field { get; } = field;
}

/// <summary>Another cooperative has this code.</summary>
public sealed class CooperativeCodeTakenError(string code) : IError, ICreateCooperativeError
{
    /// <inheritdoc />
    public string Message => $"The code {CooperativeCode} is already another cooperative's.";

    /// <inheritdoc />
    public string Code => "COOPERATIVE_CODE_TAKEN";

    /// <summary>The input field concerned: <c>code</c>.</summary>
    public string Field => "code";

    /// <summary>The code, as it would have been stored (upper-cased).</summary>
    public string CooperativeCode { get; } = code;
}

/// <summary>No cooperative has this ID, or the caller may not manage it (the same answer, so that IDs cannot be probed).</summary>
public sealed class CooperativeNotFoundError(Guid cooperativeId) : IError, IUpdateCooperativeError, IAddCooperativeManagerError,
    IRemoveCooperativeManagerError, ICreatePlanterError, ICreateWarehouseError
{
    /// <inheritdoc />
    public string Message => "There is no cooperative with this ID that you manage.";

    /// <inheritdoc />
    public string Code => "COOPERATIVE_NOT_FOUND";

    /// <summary>The input field concerned: <c>cooperativeId</c>.</summary>
    public string Field => "cooperativeId";

    /// <summary>The cooperative ID, as it was given.</summary>
    [ID<Cooperative>]
    public Guid CooperativeId { get; } = cooperativeId;
}

/// <summary>The user does not hold the COOPERATIVE_MANAGER platform role (give it with setUserRoles first).</summary>
public sealed class CooperativeManagerRoleRequiredError(Guid userId) : IError, IAddCooperativeManagerError
{
    /// <inheritdoc />
    public string Message => "Only a user holding the COOPERATIVE_MANAGER role can manage a cooperative: give them the role first.";

    /// <inheritdoc />
    public string Code => "COOPERATIVE_MANAGER_ROLE_REQUIRED";

    /// <summary>The input field concerned: <c>userId</c>.</summary>
    public string Field => "userId";

    /// <summary>The user.</summary>
    [ID<User>]
    public Guid UserId { get; } = userId;
}

/// <summary>The user already manages the cooperative.</summary>
public sealed class AlreadyCooperativeManagerError(Guid userId) : IError, IAddCooperativeManagerError
{
    /// <inheritdoc />
    public string Message => "This user already manages the cooperative.";

    /// <inheritdoc />
    public string Code => "ALREADY_COOPERATIVE_MANAGER";

    /// <summary>The input field concerned: <c>userId</c>.</summary>
    public string Field => "userId";

    /// <summary>The user.</summary>
    [ID<User>]
    public Guid UserId { get; } = userId;
}

/// <summary>The user does not manage the cooperative.</summary>
public sealed class NotCooperativeManagerError(Guid userId) : IError, IRemoveCooperativeManagerError
{
    /// <inheritdoc />
    public string Message => "This user does not manage the cooperative.";

    /// <inheritdoc />
    public string Code => "NOT_COOPERATIVE_MANAGER";

    /// <summary>The input field concerned: <c>userId</c>.</summary>
    public string Field => "userId";

    /// <summary>The user.</summary>
    [ID<User>]
    public Guid UserId { get; } = userId;
}

/// <summary>The chief planter given breaks the one-level rule of chiefs. Codes: <c>CHIEF_NOT_FOUND</c> (no such planter in
/// the cooperative), <c>CHIEF_IS_SELF</c>, <c>CHIEF_HAS_CHIEF</c> (the chief is a member under another chief),
/// <c>PLANTER_HAS_MEMBERS</c> (the planter is a chief: a chief gets no chief).</summary>
public sealed class PlanterChiefError(string code, string message) : IError, ICreatePlanterError, IUpdatePlanterError
{
    /// <inheritdoc />
    public string Message { get; } = message;

    /// <inheritdoc />
    public string Code { get; } = code;

    /// <summary>The input field concerned: <c>chiefId</c>.</summary>
    public string Field => "chiefId";
}

/// <summary>The plot's geometry breaks a rule of the EUDR or of GeoJSON; the code says which (<see cref="PlotGeometry"/>
/// lists them: GEOJSON_INVALID, COORDINATE_PRECISION_TOO_LOW, RING_NOT_CLOSED, SELF_INTERSECTION, POINT_AREA_TOO_LARGE...).</summary>
public sealed class PlotGeometryError(PlotGeometryProblem problem) : IError, ICreatePlotError, IUpdatePlotError
{
    /// <inheritdoc />
    public string Message { get; } = problem.Message;

    /// <inheritdoc />
    public string Code { get; } = problem.Code;

    /// <summary>The input field concerned: <c>geoJson</c>, or <c>declaredAreaHectares</c> for a point's area.</summary>
    public string Field { get; } = problem.Code.StartsWith("POINT_AREA", StringComparison.Ordinal) ? "declaredAreaHectares" : "geoJson";

    /// <summary>Where in the GeoJSON (<c>coordinates[0][3]</c>), or null when it concerns the whole geometry.</summary>
    public string? Path { get; } = problem.Path;
}

/// <summary>The plot's outline or area is part of the trace of deliveries already recorded from it: it is not redrawn under
/// them (declare a new plot for a new outline, and record new deliveries from that one).</summary>
public sealed class PlotHasDeliveriesError(int deliveries) : IError, IUpdatePlotError
{
    /// <inheritdoc />
    public string Message => $"{Deliveries} deliveries came from this plot as it is: declare a new plot for a new outline.";

    /// <inheritdoc />
    public string Code => "PLOT_HAS_DELIVERIES";

    /// <summary>The input field concerned: <c>geoJson</c>.</summary>
    public string Field => "geoJson";

    /// <summary>How many deliveries name the plot.</summary>
    public int Deliveries { get; } = deliveries;
}

/// <summary>Another warehouse of the cooperative has this name.</summary>
public sealed class WarehouseNameTakenError(string name) : IError, ICreateWarehouseError, IUpdateWarehouseError
{
    /// <inheritdoc />
    public string Message => $"The cooperative already has a warehouse named {Name}.";

    /// <inheritdoc />
    public string Code => "WAREHOUSE_NAME_TAKEN";

    /// <summary>The input field concerned: <c>name</c>.</summary>
    public string Field => "name";

    /// <summary>The name.</summary>
    public string Name { get; } = name;
}

/// <summary>The new capacity is below the beans the warehouse holds now (the sum of its stock movements).</summary>
public sealed class WarehouseCapacityBelowStockError(decimal capacityKg, decimal stockKg) : IError, IUpdateWarehouseError
{
    /// <inheritdoc />
    public string Message => $"The warehouse holds {StockKg} kg now: its capacity cannot go below that (asked {CapacityKg} kg).";

    /// <inheritdoc />
    public string Code => "CAPACITY_BELOW_STOCK";

    /// <summary>The input field concerned: <c>capacityKg</c>.</summary>
    public string Field => "capacityKg";

    /// <summary>The capacity asked, in kilograms.</summary>
    public decimal CapacityKg { get; } = capacityKg;

    /// <summary>The stock held now, in kilograms.</summary>
    public decimal StockKg { get; } = stockKg;
}
