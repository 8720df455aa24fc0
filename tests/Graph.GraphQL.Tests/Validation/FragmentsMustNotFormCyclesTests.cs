using Graph.GraphQL.Validation.Rules;

namespace Graph.GraphQL.Tests.Validation;

public class FragmentsMustNotFormCyclesTests() : ValidationTestBase(FragmentsMustNotFormCycles.Instance)
{
    [Fact]
    public void Acyclic_spreads_are_valid() => ExpectValid("""
        { dog { ...A ...A } }
        fragment A on Dog { ...B ...B name }
        fragment B on Dog { ...C owner { name } }
        fragment C on Dog { name ...Unknown }
        """);

    [Fact]
    public void Rejects_a_fragment_spreading_itself() => ExpectErrors(
        "fragment f on Dog { ...f }",
        Error("Cannot spread fragment \"f\" within itself.", (1, 21)));

    [Fact]
    public void Rejects_an_infinite_spread() => ExpectErrors("""
        {
          dog {
            ...nameFragment
          }
        }

        fragment nameFragment on Dog {
          name
          ...barkVolumeFragment
        }

        fragment barkVolumeFragment on Dog {
          barkVolume
          ...nameFragment
        }
        """,
        Error("Cannot spread fragment \"nameFragment\" within itself via \"barkVolumeFragment\".", (9, 3), (14, 3)));

    [Fact]
    public void Rejects_a_cycle_through_sub_selections() => ExpectErrors("""
        {
          dog {
            ...dogFragment
          }
        }

        fragment dogFragment on Dog {
          name
          owner {
            ...ownerFragment
          }
        }

        fragment ownerFragment on Human {
          name
          pets {
            ...dogFragment
          }
        }
        """,
        Error("Cannot spread fragment \"dogFragment\" within itself via \"ownerFragment\".", (10, 5), (17, 5)));

    [Fact]
    public void Reports_each_cycle_once_with_its_path() => ExpectErrors("""
        fragment A on Dog { ...B }
        fragment B on Dog { ...C }
        fragment C on Dog { ...A ...B }
        """,
        Error("Cannot spread fragment \"A\" within itself via \"B\", \"C\".", (1, 21), (2, 21), (3, 21)),
        Error("Cannot spread fragment \"B\" within itself via \"C\".", (2, 21), (3, 26)));
}
