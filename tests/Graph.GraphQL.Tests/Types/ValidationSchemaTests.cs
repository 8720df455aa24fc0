using Graph.GraphQL.Tests.TestSchemas;
using Graph.GraphQL.Types;

namespace Graph.GraphQL.Tests.Types;

public class ValidationSchemaTests
{
    [Fact]
    public void Builds_the_spec_validation_schema()
    {
        var schema = ValidationSchema.Schema;

        Assert.Equal("Query", schema.QueryType.Name);
        Assert.Equal("Mutation", schema.MutationType?.Name);
        Assert.Equal("Subscription", schema.SubscriptionType?.Name);
        var dog = schema.GetType<ObjectType>("Dog");
        Assert.Equal("Pet", Assert.Single(dog.Interfaces).Name);
        Assert.Equal("DogCommand!", dog.Fields["doesKnowCommand"].Arguments["dogCommand"].Type.Print());
        Assert.True(schema.GetType<InputObjectType>("FindDogInput").IsOneOf);
    }

    [Fact]
    public void Answers_possible_and_sub_type_questions()
    {
        var schema = ValidationSchema.Schema;
        var pet = schema.GetType<InterfaceType>("Pet");
        var catOrDog = schema.GetType<UnionType>("CatOrDog");
        var human = schema.GetType<ObjectType>("Human");

        Assert.Equal(["Dog", "Cat"], schema.GetPossibleTypes(pet).Select(t => t.Name));
        Assert.Equal(["Cat", "Dog"], schema.GetPossibleTypes(catOrDog).Select(t => t.Name));
        Assert.True(schema.IsSubType(pet, schema.GetType<ObjectType>("Cat")));
        Assert.False(schema.IsSubType(pet, human));
        Assert.True(schema.IsPossibleType(schema.GetType<UnionType>("DogOrHuman"), human));
        Assert.True(schema.DoTypesOverlap(pet, catOrDog));
        Assert.False(schema.DoTypesOverlap(pet, schema.GetType<UnionType>("HumanOrAlien")));
    }

    [Fact]
    public void Exposes_meta_fields_where_the_spec_allows_them()
    {
        var schema = ValidationSchema.Schema;

        Assert.Same(schema.TypeNameField, schema.GetFieldDefinition(schema.GetType<UnionType>("CatOrDog"), "__typename"));
        Assert.Same(schema.SchemaField, schema.GetFieldDefinition(schema.QueryType, "__schema"));
        Assert.Same(schema.TypeField, schema.GetFieldDefinition(schema.QueryType, "__type"));
        Assert.Null(schema.GetFieldDefinition(schema.GetType<ObjectType>("Dog"), "__schema"));
        Assert.Equal("String!", schema.TypeField.Arguments["name"].Type.Print());
        Assert.Equal("barkVolume", schema.GetFieldDefinition(schema.GetType<ObjectType>("Dog"), "barkVolume")?.Name);
    }
}
