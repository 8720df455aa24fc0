namespace Graph.Api.Tests.Infrastructure;

/// <summary>The collection of test classes that run after the parallel ones, one at a time: those that keep both cores busy
/// for long (property tests), or measure the process (its managed heap) and would count other classes' work as their own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Runs alone";
}
