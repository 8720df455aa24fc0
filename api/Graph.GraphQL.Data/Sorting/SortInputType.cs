using System.Linq.Expressions;
using System.Reflection;

namespace Graph.GraphQL.Data.Sorting;

/// <summary>
/// The configuration of a sort input type (<c>TitleSortInput</c>). Use <see cref="SortInputType{T}"/>; this base lets
/// <c>[UseSorting(typeof(MySortInputType))]</c> take any of them.
/// </summary>
public abstract class SortInputType
{
    private protected SortInputType()
    {
    }

    /// <summary>The entity type the input sorts.</summary>
    public abstract Type EntityType { get; }

    internal abstract SortInputConfiguration CreateConfiguration();
}

/// <summary>
/// A sort input type for <typeparamref name="T"/>: by default every scalar field bound to a property of the entity, and
/// a nested input for each reference navigation; lists are never sortable. Subclass it and override
/// <see cref="Configure"/> to rename the type, ignore fields or bind only the fields you name.
/// </summary>
/// <typeparam name="T">The entity type.</typeparam>
public class SortInputType<T> : SortInputType
{
    private readonly Action<ISortInputTypeDescriptor<T>>? _configure;

    /// <summary>A sort input type configured by <see cref="Configure"/>.</summary>
    public SortInputType()
    {
    }

    /// <summary>A sort input type configured by <paramref name="configure"/>.</summary>
    public SortInputType(Action<ISortInputTypeDescriptor<T>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure = configure;
    }

    /// <inheritdoc />
    public sealed override Type EntityType => typeof(T);

    /// <summary>Describes the type; the default runs the delegate given to the constructor.</summary>
    protected virtual void Configure(ISortInputTypeDescriptor<T> descriptor) => _configure?.Invoke(descriptor);

    internal sealed override SortInputConfiguration CreateConfiguration()
    {
        var descriptor = new SortInputTypeDescriptor<T>(GetType());
        Configure(descriptor);
        return descriptor.Configuration;
    }
}

/// <summary>Configures a sort input type.</summary>
/// <typeparam name="T">The entity type.</typeparam>
public interface ISortInputTypeDescriptor<T>
{
    /// <summary>Sets the GraphQL name (default: the entity's GraphQL name followed by <c>SortInput</c>).</summary>
    ISortInputTypeDescriptor<T> Name(string name);

    /// <summary>Sets the description.</summary>
    ISortInputTypeDescriptor<T> Description(string description);

    /// <summary>Only the fields named with <see cref="Field{TField}"/> are sortable.</summary>
    ISortInputTypeDescriptor<T> BindFieldsExplicitly();

    /// <summary>Every sortable field of the entity is included unless ignored (the default).</summary>
    ISortInputTypeDescriptor<T> BindFieldsImplicitly();

    /// <summary>Includes (or configures) the field bound to <paramref name="property"/>.</summary>
    ISortFieldDescriptor Field<TField>(Expression<Func<T, TField>> property);

    /// <summary>Leaves out the field bound to <paramref name="property"/>.</summary>
    ISortInputTypeDescriptor<T> Ignore<TField>(Expression<Func<T, TField>> property);
}

/// <summary>Configures one field of a sort input type.</summary>
public interface ISortFieldDescriptor
{
    /// <summary>Sets the field's name in the sort input (default: the output field's name).</summary>
    ISortFieldDescriptor Name(string name);

    /// <summary>Sets the description.</summary>
    ISortFieldDescriptor Description(string description);

    /// <summary>For a reference navigation: sorts it with <typeparamref name="TSortType"/> instead of the default input.</summary>
    ISortFieldDescriptor Type<TSortType>() where TSortType : SortInputType, new();
}

/// <summary>What a <see cref="SortInputType{T}"/> configured.</summary>
internal sealed class SortInputConfiguration(Type source)
{
    /// <summary>The sort input class: configurations of one class describe one GraphQL type.</summary>
    public Type Source { get; } = source;

    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool Explicit { get; set; }

    public List<SortFieldConfiguration> Fields { get; } = [];

    /// <summary>The names of the ignored properties.</summary>
    public HashSet<string> Ignored { get; } = new(StringComparer.Ordinal);

    public SortFieldConfiguration GetOrAddField(PropertyInfo property)
    {
        var field = Fields.Find(f => f.Property.Name == property.Name);
        if (field is null)
        {
            field = new SortFieldConfiguration(property);
            Fields.Add(field);
        }
        return field;
    }
}

/// <summary>What the configuration says about one field.</summary>
internal sealed class SortFieldConfiguration(PropertyInfo property) : ISortFieldDescriptor
{
    public PropertyInfo Property { get; } = property;

    public string? FieldName { get; private set; }

    public string? FieldDescription { get; private set; }

    public SortInputType? NestedType { get; private set; }

    public ISortFieldDescriptor Name(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        FieldName = name;
        return this;
    }

    public ISortFieldDescriptor Description(string description)
    {
        FieldDescription = description;
        return this;
    }

    public ISortFieldDescriptor Type<TSortType>() where TSortType : SortInputType, new()
    {
        NestedType = new TSortType();
        return this;
    }
}

internal sealed class SortInputTypeDescriptor<T>(Type source) : ISortInputTypeDescriptor<T>
{
    public SortInputConfiguration Configuration { get; } = new(source);

    public ISortInputTypeDescriptor<T> Name(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Configuration.Name = name;
        return this;
    }

    public ISortInputTypeDescriptor<T> Description(string description)
    {
        Configuration.Description = description;
        return this;
    }

    public ISortInputTypeDescriptor<T> BindFieldsExplicitly()
    {
        Configuration.Explicit = true;
        return this;
    }

    public ISortInputTypeDescriptor<T> BindFieldsImplicitly()
    {
        Configuration.Explicit = false;
        return this;
    }

    public ISortFieldDescriptor Field<TField>(Expression<Func<T, TField>> property)
    {
        var info = PropertyOf(property);
        Configuration.Ignored.Remove(info.Name);
        return Configuration.GetOrAddField(info);
    }

    public ISortInputTypeDescriptor<T> Ignore<TField>(Expression<Func<T, TField>> property)
    {
        var info = PropertyOf(property);
        Configuration.Ignored.Add(info.Name);
        Configuration.Fields.RemoveAll(f => f.Property.Name == info.Name);
        return this;
    }

    private static PropertyInfo PropertyOf(LambdaExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var body = expression.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
        {
            body = convert.Operand;
        }
        if (body is MemberExpression { Member: PropertyInfo property, Expression: ParameterExpression })
        {
            return property;
        }
        throw new ArgumentException($"Expected a property of {typeof(T).Name} (x => x.Name), got {expression}.", nameof(expression));
    }
}
