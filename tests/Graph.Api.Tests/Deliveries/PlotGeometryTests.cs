using System.Globalization;
using System.Text.Json;
using Graph.Api.Deliveries;

namespace Graph.Api.Tests.Deliveries;

/// <summary>The GeoJSON validation cases of EUDR plots (<see cref="PlotGeometry"/>): pure, no database.</summary>
public sealed class PlotGeometryTests
{
    // Near Soubré (Côte d'Ivoire), where cocoa grows.
    private const double BaseLongitude = -6.600000;
    private const double BaseLatitude = 5.800000;

    /// <summary>A Polygon's GeoJSON from corners given in thousandths of a degree from the base, written with 6 decimals.</summary>
    private static string Polygon(params (int X, int Y)[] corners) =>
        "{\"type\":\"Polygon\",\"coordinates\":[[" + string.Join(",", corners.Select(c =>
            $"[{(BaseLongitude + c.X / 1000.0).ToString("F6", CultureInfo.InvariantCulture)},{(BaseLatitude + c.Y / 1000.0).ToString("F6", CultureInfo.InvariantCulture)}]")) + "]]}";

    private static List<string> Codes(PlotGeometryResult result) => result.Problems.Select(p => p.Code).ToList();

    [Fact]
    public void A_point_with_six_decimals_and_a_declared_area_is_valid()
    {
        var result = PlotGeometry.Check("""{"type":"Point","coordinates":[-6.591234, 5.781234]}""", 2.5m);

        var shape = Assert.IsType<PlotShape>(result.Shape);
        Assert.Empty(result.Problems);
        Assert.Equal(PlotGeometryKind.Point, shape.Kind);
        Assert.Equal(2.5m, shape.AreaHectares);
        Assert.Equal(5.781234, shape.Latitude);
        Assert.Equal(-6.591234, shape.Longitude);
        Assert.Equal("""{"type":"Point","coordinates":[-6.591234,5.781234]}""", shape.GeoJson);
    }

    [Fact]
    public void A_feature_wrapping_a_point_is_accepted_and_stored_as_its_geometry_with_the_digits_as_written()
    {
        var result = PlotGeometry.Check("""
            {"type":"Feature","properties":{"name":"Champ du bas-fond"},
             "geometry":{"type":"Point","coordinates":[-6.5912340, 5.781200, 212.5]}}
            """, 1m);

        var shape = Assert.IsType<PlotShape>(result.Shape);
        // Trailing zeros kept (they are the precision declared), the altitude dropped.
        Assert.Equal("""{"type":"Point","coordinates":[-6.5912340,5.781200]}""", shape.GeoJson);
    }

    [Theory]
    [InlineData("-6.59", "5.78")]
    [InlineData("-6.591234", "5.78123")]
    [InlineData("-6", "5.781234")]
    [InlineData("-6.59123e0", "5.781234")]
    [InlineData("1.000000e-99999999999", "5.781234")]
    [InlineData("1.000000e-2147483648", "5.781234")]
    public void A_coordinate_with_fewer_than_six_decimals_is_refused(string longitude, string latitude)
    {
        var result = PlotGeometry.Check($$"""{"type":"Point","coordinates":[{{longitude}}, {{latitude}}]}""", 1m);

        Assert.Null(result.Shape);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("COORDINATE_PRECISION_TOO_LOW", problem.Code);
        Assert.Equal("coordinates", problem.Path);
        Assert.Contains("at least 6 decimals", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5.100000", 6)]
    [InlineData("5.1234567", 7)]
    [InlineData("-65.1234567e-1", 8)]
    [InlineData("51.234567e-1", 7)]
    [InlineData("5.1234567e1", 6)]
    [InlineData("5", 0)]
    [InlineData("5E2", 0)]
    public void Decimals_are_counted_in_the_number_as_written(string number, int decimals) =>
        Assert.Equal(decimals, PlotGeometry.Decimals(number));

    [Theory]
    [InlineData("200.000000", "5.781234")]
    [InlineData("-180.000001", "5.781234")]
    [InlineData("-6.591234", "95.000000")]
    [InlineData("-6.591234", "-90.000001")]
    public void A_position_outside_WGS84_ranges_is_refused(string longitude, string latitude)
    {
        var result = PlotGeometry.Check($$"""{"type":"Point","coordinates":[{{longitude}}, {{latitude}}]}""", 1m);

        Assert.Equal(["COORDINATE_OUT_OF_RANGE"], Codes(result));
    }

    [Fact]
    public void The_extreme_values_of_the_ranges_are_allowed()
    {
        Assert.True(PlotGeometry.Check("""{"type":"Point","coordinates":[-180.000000, 90.000000]}""", 1m).IsValid);
        Assert.True(PlotGeometry.Check("""{"type":"Point","coordinates":[180.000000, -90.000000]}""", 1m).IsValid);
    }

    [Fact]
    public void A_point_must_declare_its_area_and_at_most_4_hectares()
    {
        const string point = """{"type":"Point","coordinates":[-6.591234, 5.781234]}""";

        Assert.Equal(["POINT_AREA_REQUIRED"], Codes(PlotGeometry.Check(point, null)));
        Assert.Equal(["POINT_AREA_TOO_LARGE"], Codes(PlotGeometry.Check(point, 4.0001m)));
        Assert.Equal(["POINT_AREA_INVALID"], Codes(PlotGeometry.Check(point, 0m)));
        Assert.Equal(["POINT_AREA_INVALID"], Codes(PlotGeometry.Check(point, -1m)));
        Assert.Equal(4m, PlotGeometry.Check(point, 4m).Shape!.AreaHectares);
    }

    [Fact]
    public void A_point_breaking_several_rules_reports_them_all()
    {
        var result = PlotGeometry.Check("""{"type":"Point","coordinates":[-6.59, 95.1]}""", 12m);

        Assert.Equal(["COORDINATE_OUT_OF_RANGE", "COORDINATE_PRECISION_TOO_LOW", "POINT_AREA_TOO_LARGE"], Codes(result));
    }

    [Fact]
    public void A_valid_polygon_gets_its_area_its_centroid_and_a_counter_clockwise_ring()
    {
        // 2 x 1 thousandths of a degree, clockwise as given.
        var result = PlotGeometry.Check(Polygon((0, 0), (0, 1), (2, 1), (2, 0), (0, 0)), null);

        var shape = Assert.IsType<PlotShape>(result.Shape);
        Assert.Equal(PlotGeometryKind.Polygon, shape.Kind);
        Assert.Equal(5.8005, shape.Latitude, 7);
        Assert.Equal(-6.599, shape.Longitude, 7);
        // 0.002 deg of longitude (221.5 m at 5.8 deg N) by 0.001 deg of latitude (110.6 m): about 2.45 ha.
        Assert.InRange(shape.AreaHectares, 2.44m, 2.46m);
        Assert.Equal(
            "{\"type\":\"Polygon\",\"coordinates\":[[[-6.600000,5.800000],[-6.598000,5.800000],[-6.598000,5.801000],[-6.600000,5.801000],[-6.600000,5.800000]]]}",
            shape.GeoJson);
        // A declared area is ignored for a polygon.
        Assert.Equal(shape.AreaHectares, PlotGeometry.Check(Polygon((0, 0), (0, 1), (2, 1), (2, 0), (0, 0)), 3m).Shape!.AreaHectares);
    }

    [Fact]
    public void A_polygon_above_4_hectares_is_fine()
    {
        var result = PlotGeometry.Check(Polygon((0, 0), (5, 0), (5, 5), (0, 5), (0, 0)), null);

        Assert.True(result.IsValid);
        Assert.InRange(result.Shape!.AreaHectares, 30m, 31m);
    }

    [Fact]
    public void A_square_of_100_metres_at_the_equator_is_one_hectare()
    {
        // One degree of latitude at the equator is 110,574.28 m on WGS84, one degree of longitude 111,319.49 m.
        var dLat = (100 / 110_574.27582).ToString("F9", CultureInfo.InvariantCulture);
        var dLon = (100 / 111_319.49079).ToString("F9", CultureInfo.InvariantCulture);
        var json = $$"""{"type":"Polygon","coordinates":[[[0.000000000,0.000000000],[{{dLon}},0.000000000],[{{dLon}},{{dLat}}],[0.000000000,{{dLat}}],[0.000000000,0.000000000]]]}""";

        var shape = PlotGeometry.Check(json, null).Shape!;

        Assert.Equal(1.0000m, shape.AreaHectares);
    }

    [Theory]
    // The cell between two parallels on the ellipsoid: b^2 * dLon * [F(lat)] (Snyder, Map Projections, eq. 3-12 and 10-15):
    // 12,308.46 km2 for a degree square at the equator, 8,686.49 km2 between 45 and 46 degrees north.
    [InlineData(0, 1_230_846.4)]
    [InlineData(45, 868_649.5)]
    public void A_degree_square_has_the_area_of_its_cell_on_the_WGS84_ellipsoid(int southLatitude, double hectares)
    {
        var area = PlotGeometry.AreaHectares([(0, southLatitude), (1, southLatitude), (1, southLatitude + 1), (0, southLatitude + 1)]);

        Assert.Equal(hectares, area, hectares * 1e-6);
    }

    [Fact]
    public void A_ring_that_does_not_end_where_it_starts_is_refused()
    {
        var result = PlotGeometry.Check(Polygon((0, 0), (2, 0), (2, 1), (0, 1)), null);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("RING_NOT_CLOSED", problem.Code);
        Assert.Equal("coordinates[0][3]", problem.Path);
    }

    [Fact]
    public void A_ring_of_fewer_than_four_positions_is_refused()
    {
        Assert.Equal(["RING_TOO_SHORT"], Codes(PlotGeometry.Check(Polygon((0, 0), (2, 0), (0, 0)), null)));
    }

    [Fact]
    public void A_vertex_repeated_consecutively_is_refused()
    {
        var result = PlotGeometry.Check(Polygon((0, 0), (2, 0), (2, 0), (2, 1), (0, 1), (0, 0)), null);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("REPEATED_VERTEX", problem.Code);
        Assert.Equal("coordinates[0][2]", problem.Path);
    }

    [Fact]
    public void A_bow_tie_crossing_itself_is_refused()
    {
        // (0,0) -> (2,2) -> (2,0) -> (0,2) -> (0,0): edges 0 and 2 cross at (1,1).
        var result = PlotGeometry.Check(Polygon((0, 0), (2, 2), (2, 0), (0, 2), (0, 0)), null);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("SELF_INTERSECTION", problem.Code);
        Assert.Contains("edge 0", problem.Message, StringComparison.Ordinal);
        Assert.Contains("edge 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edge_lying_along_another_one_is_refused()
    {
        // Edge 4, (2,0) -> (1,0), runs back along edge 0, (0,0) -> (3,0).
        var overlap = PlotGeometry.Check(Polygon((0, 0), (3, 0), (3, 1), (2, 1), (2, 0), (1, 0), (1, 2), (0, 2), (0, 0)), null);
        // A spike: edge 1 folds back over edge 0.
        var spike = PlotGeometry.Check(Polygon((0, 0), (3, 0), (1, 0), (1, 2), (0, 2), (0, 0)), null);

        Assert.Equal(["SELF_INTERSECTION"], Codes(overlap));
        Assert.Equal(["SELF_INTERSECTION"], Codes(spike));
    }

    [Fact]
    public void A_ring_touching_itself_at_a_vertex_is_refused()
    {
        // A figure of eight whose loops meet at (1,1) (visited twice).
        var result = PlotGeometry.Check(Polygon((0, 0), (1, 1), (2, 0), (2, 2), (1, 1), (0, 2), (0, 0)), null);

        Assert.Equal(["SELF_INTERSECTION"], Codes(result));
    }

    [Fact]
    public void Collinearity_is_tested_exactly_on_the_decimals_as_written()
    {
        // Three positions on the line y = x / 3 written with 9 decimals (not exact in binary): the spike folds back exactly.
        const string json = """
            {"type":"Polygon","coordinates":[[[0.000000000,0.000000000],[0.300000000,0.100000000],[0.150000000,0.050000000],[0.000000000,0.100000000],[0.000000000,0.000000000]]]}
            """;

        Assert.Equal(["SELF_INTERSECTION"], Codes(PlotGeometry.Check(json, null)));
    }

    [Fact]
    public void Holes_are_refused()
    {
        const string json = """
            {"type":"Polygon","coordinates":[
              [[-6.600000,5.800000],[-6.590000,5.800000],[-6.590000,5.810000],[-6.600000,5.810000],[-6.600000,5.800000]],
              [[-6.598000,5.802000],[-6.598000,5.804000],[-6.596000,5.804000],[-6.598000,5.802000]]]}
            """;

        var problem = Assert.Single(PlotGeometry.Check(json, null).Problems);
        Assert.Equal("POLYGON_HOLES_UNSUPPORTED", problem.Code);
    }

    [Fact]
    public void More_than_the_vertex_cap_is_refused_and_the_cap_itself_is_checked_in_full()
    {
        static string Circle(int positions)
        {
            var ring = Enumerable.Range(0, positions - 1).Select(i =>
            {
                var angle = 2 * Math.PI * i / (positions - 1);
                return (X: BaseLongitude + 0.01 * Math.Cos(angle), Y: BaseLatitude + 0.01 * Math.Sin(angle));
            }).ToList();
            ring.Add(ring[0]);
            return "{\"type\":\"Polygon\",\"coordinates\":[[" + string.Join(",", ring.Select(p =>
                $"[{p.X.ToString("F9", CultureInfo.InvariantCulture)},{p.Y.ToString("F9", CultureInfo.InvariantCulture)}]")) + "]]}";
        }

        Assert.Equal(["TOO_MANY_VERTICES"], Codes(PlotGeometry.Check(Circle(PlotGeometry.MaxVertices + 1), null)));
        var circle = PlotGeometry.Check(Circle(PlotGeometry.MaxVertices), null);
        Assert.True(circle.IsValid, string.Join("; ", circle.Problems.Select(p => p.Message)));
        // A circle of 0.01 degree (about 1.1 km) around the base: pi r^2 with r in metres along each axis.
        var expected = Math.PI * (0.01 * 110_600) * (0.01 * 110_750) / 10_000;
        Assert.Equal(expected, (double)circle.Shape!.AreaHectares, expected * 0.005);
    }

    [Theory]
    [InlineData("", "GEOJSON_INVALID")]
    [InlineData("{not json", "GEOJSON_INVALID")]
    [InlineData("[1, 2]", "GEOJSON_INVALID")]
    [InlineData("""{"coordinates":[-6.591234, 5.781234]}""", "GEOJSON_INVALID")]
    [InlineData("""{"type":"Point"}""", "GEOJSON_INVALID")]
    [InlineData("""{"type":"Point","coordinates":["-6.591234", "5.781234"]}""", "GEOJSON_INVALID")]
    [InlineData("""{"type":"Point","coordinates":[-6.591234]}""", "GEOJSON_INVALID")]
    [InlineData("""{"type":"Feature","properties":{}}""", "GEOJSON_INVALID")]
    [InlineData("""{"type":"MultiPolygon","coordinates":[]}""", "GEOMETRY_TYPE_UNSUPPORTED")]
    [InlineData("""{"type":"LineString","coordinates":[[-6.591234, 5.781234],[-6.591235, 5.781234]]}""", "GEOMETRY_TYPE_UNSUPPORTED")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""", "GEOMETRY_TYPE_UNSUPPORTED")]
    public void What_is_not_a_point_or_polygon_is_refused(string json, string code) =>
        Assert.Equal([code], Codes(PlotGeometry.Check(json, 1m)));

    [Fact]
    public void A_polygon_reports_every_position_it_cannot_accept()
    {
        const string json = """
            {"type":"Polygon","coordinates":[[[-6.6,5.800000],[-6.590000,5.8],[-6.590000,95.810000],[-6.600000,5.810000],[-6.600000,5.800000]]]}
            """;

        var result = PlotGeometry.Check(json, null);

        Assert.Equal(
            [("COORDINATE_PRECISION_TOO_LOW", "coordinates[0][0]"), ("COORDINATE_PRECISION_TOO_LOW", "coordinates[0][1]"), ("COORDINATE_OUT_OF_RANGE", "coordinates[0][2]")],
            result.Problems.Select(p => (p.Code, p.Path)));
    }

    [Fact]
    public void The_stored_geometry_is_valid_GeoJSON_that_checks_again_to_itself()
    {
        var shape = PlotGeometry.Check(Polygon((0, 0), (2, 0), (3, 2), (1, 3), (0, 0)), null).Shape!;

        using var document = JsonDocument.Parse(shape.GeoJson);
        Assert.Equal("Polygon", document.RootElement.GetProperty("type").GetString());
        var again = PlotGeometry.Check(shape.GeoJson, null).Shape!;
        Assert.Equal(shape, again);
    }
}
