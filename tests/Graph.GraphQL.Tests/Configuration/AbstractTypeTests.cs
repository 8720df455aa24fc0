using Graph.GraphQL.Configuration;
using Graph.GraphQL.Tests.Types;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Configuration;

public class AbstractTypeTests
{
    public interface IRated
    {
        /// <summary>From one to five.</summary>
        int Stars { get; }
    }

    /// <summary>Anything to watch or hear.</summary>
    public abstract class Media : IRated
    {
        public abstract string Title { get; }

        public int Year { get; init; }

        /// <inheritdoc cref="IRated.Stars"/>
        public int Stars => 3;
    }

    public sealed class Film : Media, IPlayable
    {
        public override string Title => "Alien";

        public int Minutes => 117;
    }

    public sealed class Album : Media
    {
        public override string Title => "Blue";
    }

    public sealed class Query
    {
        public IReadOnlyList<Media> GetMedia() => [new Film(), new Album()];

        public IPlayable? Next => new Film();
    }

    public interface IPlayable;

    [Fact]
    public void Registered_abstract_classes_and_interfaces_become_interfaces_and_unions()
    {
        var schema = SchemaBuilder.New()
            .AddQueryType<Query>()
            .AddType<Media>()
            .AddType(new UnionType<IPlayable>(d => d.Name("Playable").Type<Film>()))
            .AddType<Film>()
            .AddType<Album>()
            .Create();

        Assert.Equal(""""
            type Query {
              media: [Media!]!
              next: Playable
            }

            """Anything to watch or hear."""
            interface Media {
              title: String!
              year: Int!

              """From one to five."""
              stars: Int!
            }

            union Playable = Film

            type Film implements Media {
              title: String!
              year: Int!

              """From one to five."""
              stars: Int!
              minutes: Int!
            }

            type Album implements Media {
              title: String!
              year: Int!

              """From one to five."""
              stars: Int!
            }
            """", SchemaPrinter.Print(schema));
    }

    public class Base
    {
        public object Value => 1;

        public virtual string Describe() => "base";
    }

    public sealed class Derived : Base
    {
        public new string Value => "derived";

        public override string Describe() => "derived";
    }

    public sealed class HidingQuery
    {
        public Derived Item => new();
    }

    [Fact]
    public async Task Hidden_and_overridden_members_resolve_through_the_most_derived_declaration()
    {
        var schema = SchemaBuilder.New().AddQueryType<HidingQuery>().Create();

        Assert.Equal("type Derived {\n  value: String!\n  describe: String!\n}", SchemaPrinter.PrintType(schema.GetType<ObjectType>("Derived")));
        Assert.Equal("derived", await TestResolverContext.For(schema, "Derived", "value", new Derived()).Resolve());
        Assert.Equal("derived", await TestResolverContext.For(schema, "Derived", "describe", new Derived()).Resolve());
    }

    public sealed class Song : IPlayable
    {
        public string Name => "Song";
    }

    [Fact]
    public void Union_members_include_the_implementations_of_the_marker_type()
    {
        var schema = SchemaBuilder.New()
            .AddQueryType<Query>()
            .AddType<Media>()
            .AddType(new UnionType<IPlayable>(d => d.Name("Playable").Type<Film>()))
            .AddType<Song>()
            .Create();

        var playable = schema.GetType<UnionType>("Playable");
        Assert.Equal(["Film", "Song"], playable.Types.Select(t => t.Name));
        var context = TestResolverContext.For(schema, "Query", "next", null);
        Assert.True(schema.GetType<ObjectType>("Song").IsOfType(context, new Song()));
    }
}
