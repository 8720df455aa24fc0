using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Graph.Api.Deliveries;

/// <summary>One rule of the EUDR plot geometry that a GeoJSON text breaks.</summary>
/// <param name="Code">A stable SCREAMING_CASE code (<see cref="PlotGeometry"/> lists them).</param>
/// <param name="Message">What is wrong, in words the person drawing the plot can act on.</param>
/// <param name="Path">Where in the GeoJSON (<c>coordinates[0][3]</c>), or null for the whole geometry.</param>
public sealed record PlotGeometryProblem(string Code, string Message, string? Path = null);

/// <summary>A plot geometry that passed every rule: what is stored on the <see cref="Plot"/>.</summary>
/// <param name="Kind">Point or polygon.</param>
/// <param name="GeoJson">The normalised GeoJSON geometry: <c>{"type":...,"coordinates":...}</c> only, [longitude, latitude]
/// positions written with the digits they were given (altitudes dropped), the exterior ring counter-clockwise (RFC 7946).</param>
/// <param name="AreaHectares">The polygon's computed area, or the point's declared area, in hectares (4 decimals).</param>
/// <param name="Latitude">The point's latitude, or the polygon's centroid's.</param>
/// <param name="Longitude">The point's longitude, or the polygon's centroid's.</param>
public sealed record PlotShape(PlotGeometryKind Kind, string GeoJson, decimal AreaHectares, double Latitude, double Longitude);

/// <summary>What <see cref="PlotGeometry.Check"/> found: a shape, or every problem.</summary>
public sealed record PlotGeometryResult(PlotShape? Shape, IReadOnlyList<PlotGeometryProblem> Problems)
{
    /// <summary>Whether the geometry passed every rule.</summary>
    public bool IsValid => Shape is not null;
}

/// <summary>
/// The geometry of a plot as the EU deforestation regulation (EUDR, Regulation (EU) 2023/1115, art. 2(28) and 9(1)(d)) asks
/// for it: a GeoJSON (RFC 7946) <c>Point</c> or <c>Polygon</c> (or a <c>Feature</c> wrapping one) in WGS84
/// [longitude, latitude], every coordinate written with at least six decimals (about 11 cm). A point locates a plot of
/// at most 4 hectares, whose area is declared; above 4 hectares the plot must be outlined by a polygon, whose area is
/// computed. A polygon has one ring: at least four positions, closed, no vertex repeated consecutively, not crossing or
/// touching itself, at most <see cref="MaxVertices"/> positions. Holes (interior rings) are refused: the EUDR asks for the
/// plot's outline, and a plot with a hole in it is declared as the outline (whose area then counts the hole).
/// </summary>
/// <remarks>
/// Codes: <c>GEOJSON_INVALID</c> (not JSON, not an object, members missing or of the wrong shape),
/// <c>GEOMETRY_TYPE_UNSUPPORTED</c>, <c>COORDINATE_OUT_OF_RANGE</c>, <c>COORDINATE_PRECISION_TOO_LOW</c>,
/// <c>POLYGON_HOLES_UNSUPPORTED</c>, <c>RING_TOO_SHORT</c>, <c>RING_NOT_CLOSED</c>, <c>REPEATED_VERTEX</c>,
/// <c>SELF_INTERSECTION</c>, <c>TOO_MANY_VERTICES</c>, <c>POLYGON_AREA_TOO_SMALL</c>, <c>POINT_AREA_REQUIRED</c>,
/// <c>POINT_AREA_INVALID</c>, <c>POINT_AREA_TOO_LARGE</c>.
/// <para>
/// The area is the area on the WGS84 ellipsoid of the polygon whose edges are straight in the ellipsoid's cylindrical
/// equal-area projection (Lambert): that projection keeps areas, so the shoelace formula over (longitude, q(latitude)),
/// with q the authalic function, gives it exactly. It is exact for edges along meridians and parallels, and for plot-sized
/// polygons it differs from geodesic edges by far less than the 4 decimals stored.
/// </para>
/// </remarks>
public static class PlotGeometry
{
    /// <summary>The fewest decimals a coordinate is written with (EUDR: six decimal digits).</summary>
    public const int MinDecimals = 6;

    /// <summary>The most positions a polygon's ring has, closing position included.</summary>
    public const int MaxVertices = 5_000;

    /// <summary>The largest plot a point may locate, in hectares: above it the EUDR asks for a polygon.</summary>
    public const decimal MaxPointAreaHectares = 4m;

    /// <summary>The most bytes of GeoJSON text read.</summary>
    public const int MaxTextLength = 1_000_000;

    /// <summary>WGS84's semi-major axis, in metres.</summary>
    public const double SemiMajorAxis = 6_378_137.0;

    /// <summary>WGS84's flattening.</summary>
    public const double Flattening = 1 / 298.257223563;

    private static readonly double EccentricitySquared = Flattening * (2 - Flattening);
    private static readonly double Eccentricity = Math.Sqrt(EccentricitySquared);

    /// <summary>Checks a GeoJSON text against every rule; a point's area is <paramref name="declaredAreaHectares"/> (a
    /// polygon's is computed and a declared one is ignored).</summary>
    public static PlotGeometryResult Check(string? geoJson, decimal? declaredAreaHectares)
    {
        var problems = new List<PlotGeometryProblem>();
        var shape = CheckInto(geoJson, declaredAreaHectares, problems);
        return problems.Count > 0 ? new PlotGeometryResult(null, problems) : new PlotGeometryResult(shape, problems);
    }

    /// <summary>The area in hectares of a ring of [longitude, latitude] degrees (closed or not), on the WGS84 ellipsoid
    /// (see the remarks of <see cref="PlotGeometry"/>).</summary>
    public static double AreaHectares(IReadOnlyList<(double Longitude, double Latitude)> ring)
    {
        var sum = 0.0;
        var count = ring.Count;
        for (var i = 0; i < count; i++)
        {
            var a = ring[i];
            var b = ring[(i + 1) % count];
            sum += (b.Longitude - a.Longitude) * Math.PI / 180 * (Q(a.Latitude) + Q(b.Latitude));
        }
        // Area = a^2 / 2 * |shoelace over (lambda, q)|, the shoelace being half the sum of the trapezoids.
        return Math.Abs(SemiMajorAxis * SemiMajorAxis / 2 * sum / 2) / 10_000;
    }

    /// <summary>The authalic function q(latitude) of WGS84 (Snyder, Map Projections: A Working Manual, eq. 3-12).</summary>
    private static double Q(double latitudeDegrees)
    {
        var sin = Math.Sin(latitudeDegrees * Math.PI / 180);
        var e = Eccentricity;
        return (1 - EccentricitySquared) * (sin / (1 - EccentricitySquared * sin * sin) - 1 / (2 * e) * Math.Log((1 - e * sin) / (1 + e * sin)));
    }

    private static PlotShape? CheckInto(string? text, decimal? declared, List<PlotGeometryProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(new("GEOJSON_INVALID", "Give the plot's geometry as a GeoJSON Point or Polygon."));
            return null;
        }
        if (text.Length > MaxTextLength)
        {
            problems.Add(new("GEOJSON_INVALID", $"The GeoJSON text is longer than {MaxTextLength:N0} characters."));
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            problems.Add(new("GEOJSON_INVALID", "The geometry is not valid JSON."));
            return null;
        }
        using (document)
        {
            var geometry = document.RootElement;
            if (geometry.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new("GEOJSON_INVALID", "The geometry must be a GeoJSON object."));
                return null;
            }
            if (TypeOf(geometry) == "Feature")
            {
                if (!geometry.TryGetProperty("geometry", out var inner) || inner.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new("GEOJSON_INVALID", "The Feature has no geometry object.", "geometry"));
                    return null;
                }
                geometry = inner;
            }
            var type = TypeOf(geometry);
            if (type is not ("Point" or "Polygon"))
            {
                problems.Add(type is null
                    ? new("GEOJSON_INVALID", "The geometry has no \"type\" member.", "type")
                    : new("GEOMETRY_TYPE_UNSUPPORTED", $"A plot is a Point or a Polygon, not a {type}.", "type"));
                return null;
            }
            if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new("GEOJSON_INVALID", "The geometry has no \"coordinates\" array.", "coordinates"));
                return null;
            }
            return type == "Point" ? CheckPoint(coordinates, declared, problems) : CheckPolygon(coordinates, problems);
        }
    }

    private static string? TypeOf(JsonElement element) =>
        element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static PlotShape? CheckPoint(JsonElement coordinates, decimal? declared, List<PlotGeometryProblem> problems)
    {
        var position = ReadPosition(coordinates, "coordinates", problems);
        decimal? area = null;
        if (declared is not { } value)
        {
            problems.Add(new("POINT_AREA_REQUIRED", "A plot located by a point must declare its area (declaredAreaHectares)."));
        }
        else if (value <= 0 || Math.Round(value, 4, MidpointRounding.AwayFromZero) <= 0)
        {
            problems.Add(new("POINT_AREA_INVALID", "The declared area must be more than 0 hectares (4 decimals are kept)."));
        }
        else if (value > MaxPointAreaHectares)
        {
            problems.Add(new("POINT_AREA_TOO_LARGE",
                $"A plot of more than {MaxPointAreaHectares} hectares must be outlined by a polygon (EUDR); a point is enough up to {MaxPointAreaHectares} hectares."));
        }
        else
        {
            area = Math.Round(value, 4, MidpointRounding.AwayFromZero);
        }
        if (position is not { } p || area is not { } a)
        {
            return null;
        }
        var json = $"{{\"type\":\"Point\",\"coordinates\":[{p.LongitudeText},{p.LatitudeText}]}}";
        return new PlotShape(PlotGeometryKind.Point, json, a, p.Latitude, p.Longitude);
    }

    private static PlotShape? CheckPolygon(JsonElement coordinates, List<PlotGeometryProblem> problems)
    {
        var rings = coordinates.GetArrayLength();
        if (rings == 0)
        {
            problems.Add(new("GEOJSON_INVALID", "A Polygon's coordinates hold its ring: [[[longitude, latitude], ...]].", "coordinates"));
            return null;
        }
        if (rings > 1)
        {
            problems.Add(new("POLYGON_HOLES_UNSUPPORTED",
                "Give the plot's outline only: a polygon with holes (interior rings) is not accepted; the outline's area counts the hole.", "coordinates[1]"));
        }
        var ringElement = coordinates[0];
        if (ringElement.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new("GEOJSON_INVALID", "A Polygon's ring is an array of positions.", "coordinates[0]"));
            return null;
        }
        var count = ringElement.GetArrayLength();
        if (count > MaxVertices)
        {
            problems.Add(new("TOO_MANY_VERTICES", $"A plot's outline has at most {MaxVertices:N0} positions; this one has {count:N0}. Simplify it.", "coordinates[0]"));
            return null;
        }
        var ring = new List<Position>(count);
        var readable = true;
        for (var i = 0; i < count; i++)
        {
            if (ReadPosition(ringElement[i], $"coordinates[0][{i}]", problems) is { } position)
            {
                ring.Add(position);
            }
            else
            {
                readable = false;
            }
        }
        if (!readable)
        {
            return null;
        }
        var before = problems.Count;
        if (count < 4)
        {
            problems.Add(new("RING_TOO_SHORT", $"A polygon's ring has at least 4 positions (3 corners and the first again); this one has {count}.", "coordinates[0]"));
            return null;
        }
        if (!ring[0].SameAs(ring[^1]))
        {
            problems.Add(new("RING_NOT_CLOSED", "A polygon's ring must end with its first position again.", $"coordinates[0][{count - 1}]"));
        }
        for (var i = 1; i < count; i++)
        {
            if (ring[i].SameAs(ring[i - 1]))
            {
                problems.Add(new("REPEATED_VERTEX", $"Position {i} repeats position {i - 1}: remove it.", $"coordinates[0][{i}]"));
            }
        }
        if (problems.Count > before)
        {
            return null;
        }
        if (FindSelfIntersection(ring) is { } crossing)
        {
            problems.Add(new("SELF_INTERSECTION",
                $"The outline crosses or touches itself: edge {crossing.First} (positions {crossing.First}-{crossing.First + 1}) meets edge {crossing.Second} (positions {crossing.Second}-{crossing.Second + 1}).",
                $"coordinates[0][{crossing.Second}]"));
            return null;
        }
        if (problems.Count > 0)
        {
            return null;
        }

        var points = ring.Select(p => (p.Longitude, p.Latitude)).ToList();
        points.RemoveAt(points.Count - 1);
        var area = Math.Round((decimal)AreaHectares(points), 4, MidpointRounding.AwayFromZero);
        if (area <= 0)
        {
            problems.Add(new("POLYGON_AREA_TOO_SMALL", "The outline's area is below 0.0001 hectare (1 square metre): check its positions.", "coordinates[0]"));
            return null;
        }
        var (centroidLongitude, centroidLatitude, signed) = Centroid(points);
        // RFC 7946: the exterior ring is counter-clockwise.
        var ordered = signed < 0 ? Enumerable.Reverse(ring).ToList() : ring;
        var json = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (var i = 0; i < ordered.Count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append('[').Append(ordered[i].LongitudeText).Append(',').Append(ordered[i].LatitudeText).Append(']');
        }
        json.Append("]]}");
        return new PlotShape(PlotGeometryKind.Polygon, json.ToString(), area, Math.Round(centroidLatitude, 7), Math.Round(centroidLongitude, 7));
    }

    /// <summary>The planar centroid of a ring (not closed) in degrees, relative to its first vertex for precision, and its
    /// signed shoelace area (positive when counter-clockwise).</summary>
    private static (double Longitude, double Latitude, double SignedArea) Centroid(List<(double Longitude, double Latitude)> points)
    {
        var (x0, y0) = points[0];
        double twiceArea = 0, cx = 0, cy = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var (ax, ay) = (points[i].Longitude - x0, points[i].Latitude - y0);
            var (bx, by) = (points[(i + 1) % points.Count].Longitude - x0, points[(i + 1) % points.Count].Latitude - y0);
            var cross = ax * by - bx * ay;
            twiceArea += cross;
            cx += (ax + bx) * cross;
            cy += (ay + by) * cross;
        }
        return (x0 + cx / (3 * twiceArea), y0 + cy / (3 * twiceArea), twiceArea / 2);
    }

    /// <summary>The first two edges of a closed ring that cross, touch or overlap other than adjacent edges at their shared
    /// vertex; null when there are none. Edge i joins positions i and i + 1. The tests are exact (decimal arithmetic on the
    /// coordinates as written), after a bounding-box test in doubles.</summary>
    internal static (int First, int Second)? FindSelfIntersection(IReadOnlyList<Position> ring)
    {
        var edges = ring.Count - 1;
        for (var i = 0; i < edges; i++)
        {
            var a = ring[i];
            var b = ring[i + 1];
            var minX = Math.Min(a.Longitude, b.Longitude);
            var maxX = Math.Max(a.Longitude, b.Longitude);
            var minY = Math.Min(a.Latitude, b.Latitude);
            var maxY = Math.Max(a.Latitude, b.Latitude);
            for (var j = i + 1; j < edges; j++)
            {
                var c = ring[j];
                var d = ring[j + 1];
                if (Math.Max(c.Longitude, d.Longitude) < minX || Math.Min(c.Longitude, d.Longitude) > maxX
                    || Math.Max(c.Latitude, d.Latitude) < minY || Math.Min(c.Latitude, d.Latitude) > maxY)
                {
                    continue;
                }
                var adjacentAfter = j == i + 1;
                var adjacentAround = i == 0 && j == edges - 1;
                if (adjacentAfter || adjacentAround)
                {
                    // Adjacent edges share one vertex; they may meet nowhere else: only a fold back (collinear, overlapping) is wrong.
                    var (shared, p, q) = adjacentAfter ? (b, a, d) : (a, b, c);
                    if (Orientation(p, shared, q) == 0 && Dot(p, shared, q) > 0)
                    {
                        return (i, j);
                    }
                    continue;
                }
                if (SegmentsMeet(a, b, c, d))
                {
                    return (i, j);
                }
            }
        }
        return null;
    }

    /// <summary>The sign of the cross product (b - a) x (c - a): 1 counter-clockwise, -1 clockwise, 0 collinear.</summary>
    private static int Orientation(Position a, Position b, Position c) =>
        Math.Sign((b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X));

    /// <summary>The sign of (p - shared) . (q - shared): positive when p and q lie on the same side of the shared vertex.</summary>
    private static int Dot(Position p, Position shared, Position q) =>
        Math.Sign((p.X - shared.X) * (q.X - shared.X) + (p.Y - shared.Y) * (q.Y - shared.Y));

    private static bool SegmentsMeet(Position a, Position b, Position c, Position d)
    {
        var o1 = Orientation(a, b, c);
        var o2 = Orientation(a, b, d);
        var o3 = Orientation(c, d, a);
        var o4 = Orientation(c, d, b);
        if (o1 != o2 && o3 != o4)
        {
            return true;
        }
        return (o1 == 0 && Within(a, b, c)) || (o2 == 0 && Within(a, b, d)) || (o3 == 0 && Within(c, d, a)) || (o4 == 0 && Within(c, d, b));
    }

    /// <summary>Whether <paramref name="p"/>, collinear with the segment, lies on it (ends included).</summary>
    private static bool Within(Position a, Position b, Position p) =>
        Math.Min(a.X, b.X) <= p.X && p.X <= Math.Max(a.X, b.X) && Math.Min(a.Y, b.Y) <= p.Y && p.Y <= Math.Max(a.Y, b.Y);

    /// <summary>Reads [longitude, latitude] (an altitude after them is allowed and dropped), checking ranges and decimals.</summary>
    private static Position? ReadPosition(JsonElement element, string path, List<PlotGeometryProblem> problems)
    {
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() is < 2 or > 3
            || element.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.Number))
        {
            problems.Add(new("GEOJSON_INVALID", "A position is [longitude, latitude]: two numbers (an altitude may follow).", path));
            return null;
        }
        var longitudeText = element[0].GetRawText();
        var latitudeText = element[1].GetRawText();
        if (!TryParse(longitudeText, out var x) || !TryParse(latitudeText, out var y))
        {
            problems.Add(new("GEOJSON_INVALID", "A coordinate is too large or too precise to read.", path));
            return null;
        }
        var valid = true;
        if (x is < -180 or > 180 || y is < -90 or > 90)
        {
            problems.Add(new("COORDINATE_OUT_OF_RANGE",
                $"WGS84 positions are [longitude, latitude] with longitude from -180 to 180 and latitude from -90 to 90; got [{longitudeText}, {latitudeText}].", path));
            valid = false;
        }
        if (Decimals(longitudeText) < MinDecimals || Decimals(latitudeText) < MinDecimals)
        {
            problems.Add(new("COORDINATE_PRECISION_TOO_LOW",
                $"Write every coordinate with at least {MinDecimals} decimals (EUDR); got [{longitudeText}, {latitudeText}].", path));
            valid = false;
        }
        return valid ? new Position(x, y, Canonical(longitudeText), Canonical(latitudeText)) : null;
    }

    private static bool TryParse(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>How many decimals a JSON number's text gives: the digits after the point, less a positive exponent
    /// (<c>5.1234567e1</c> has 6), more a negative one.</summary>
    internal static int Decimals(string number)
    {
        var exponentAt = number.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? number : number[..exponentAt];
        var exponent = 0;
        // An exponent beyond what a decimal holds (28 digits) writes no coordinate: counted as no decimals, so refused.
        if (exponentAt >= 0 && (!int.TryParse(number[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                                || exponent is < -28 or > 28))
        {
            return 0;
        }
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var fraction = point < 0 ? 0 : mantissa.Length - point - 1;
        return Math.Max(0, fraction - exponent);
    }

    /// <summary>The number as written, or in plain decimal notation when it had an exponent (with its decimals).</summary>
    private static string Canonical(string number)
    {
        if (number.IndexOfAny(['e', 'E']) < 0)
        {
            return number;
        }
        var value = decimal.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        return value.ToString("F" + Decimals(number), CultureInfo.InvariantCulture);
    }

    /// <summary>A position: exact coordinates for the intersection tests, doubles for areas, texts for storage.</summary>
    internal readonly record struct Position(decimal X, decimal Y, string LongitudeText, string LatitudeText)
    {
        public double Longitude { get; } = (double)X;

        public double Latitude { get; } = (double)Y;

        public bool SameAs(Position other) => X == other.X && Y == other.Y;
    }
}
