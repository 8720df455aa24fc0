using System.Linq.Expressions;
using System.Reflection;

namespace Graph.GraphQL.Data;

/// <summary>
/// Chooses which fields of <typeparamref name="T"/> a filter input offers:
/// <c>[UseFiltering(typeof(BookFilterInputType))]</c> with <c>class BookFilterInputType : FilterInputType&lt;Book&gt;</c>.
/// Only properties the entity's object type exposes as fields can be filtered (a hidden column cannot be probed through
/// a filter); nested objects and lists use their default filter types. The type is named <c>&lt;Entity&gt;FilterInput</c>
/// unless <see cref="IFilterInputTypeDescriptor{T}.Name"/> says otherwise: give it a name of its own when the default
/// filter of the entity is used elsewhere in the schema.
/// </summary>
/// <typeparam name="T">The entity type.</typeparam>
public class FilterInputType<T> : IFilterInputTypeConfiguration
{
    /// <summary>Configures the filter input; by default every exposed field is filterable.</summary>
    protected virtual void Configure(IFilterInputTypeDescriptor<T> descriptor)
    {
    }

    FilterInputTypeSettings IFilterInputTypeConfiguration.CreateSettings()
    {
        var descriptor = new FilterInputTypeDescriptor<T>(GetType());
        Configure(descriptor);
        return descriptor.Settings;
    }
}

/// <summary>Configures a <see cref="FilterInputType{T}"/>.</summary>
/// <typeparam name="T">The entity type.</typeparam>
public interface IFilterInputTypeDescriptor<T>
{
    /// <summary>Sets the GraphQL name of the filter input type.</summary>
    IFilterInputTypeDescriptor<T> Name(string name);

    /// <summary>Sets the description of the filter input type.</summary>
    IFilterInputTypeDescriptor<T> Description(string description);

    /// <summary>Makes only the fields named with <see cref="Field{TValue}"/> filterable.</summary>
    IFilterInputTypeDescriptor<T> BindFieldsExplicitly();

    /// <summary>Makes the field of the property <paramref name="property"/> filterable (<c>x =&gt; x.Title</c>).</summary>
    IFilterInputTypeDescriptor<T> Field<TValue>(Expression<Func<T, TValue>> property);

    /// <summary>Removes the field of the property <paramref name="property"/> from the filter.</summary>
    IFilterInputTypeDescriptor<T> Ignore<TValue>(Expression<Func<T, TValue>> property);
}

/// <summary>A filter input configuration class (implemented by <see cref="FilterInputType{T}"/>).</summary>
internal interface IFilterInputTypeConfiguration
{
    FilterInputTypeSettings CreateSettings();
}

/// <summary>What a <see cref="FilterInputType{T}"/> chose.</summary>
internal sealed class FilterInputTypeSettings(Type configuration, Type entityType)
{
    public Type Configuration { get; } = configuration;

    public Type EntityType { get; } = entityType;

    public string? Name { get; set; }

    public string? Description { get; set; }

    public bool Explicit { get; set; }

    /// <summary>Property names made filterable with <c>Field</c>.</summary>
    public List<string> Included { get; } = [];

    /// <summary>Property names removed with <c>Ignore</c>.</summary>
    public HashSet<string> Ignored { get; } = new(StringComparer.Ordinal);

    /// <summary>The settings of the configuration class <paramref name="type"/>, or null (with a message) when it is not one.</summary>
    public static FilterInputTypeSettings? Create(Type type, Type entityType, out string? error)
    {
        error = null;
        if (!typeof(IFilterInputTypeConfiguration).IsAssignableFrom(type) || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
        {
            error = $"{type.Name} is not a FilterInputType<T> class with a public parameterless constructor.";
            return null;
        }
        var settings = ((IFilterInputTypeConfiguration)Activator.CreateInstance(type)!).CreateSettings();
        if (!settings.EntityType.IsAssignableFrom(entityType))
        {
            error = $"{type.Name} filters {settings.EntityType.Name}, but the field returns {entityType.Name}.";
            return null;
        }
        return settings;
    }
}

internal sealed class FilterInputTypeDescriptor<T>(Type configuration) : IFilterInputTypeDescriptor<T>
{
    public FilterInputTypeSettings Settings { get; } = new(configuration, typeof(T));

    public IFilterInputTypeDescriptor<T> Name(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Settings.Name = name;
        return this;
    }

    public IFilterInputTypeDescriptor<T> Description(string description)
    {
        Settings.Description = description;
        return this;
    }

    public IFilterInputTypeDescriptor<T> BindFieldsExplicitly()
    {
        Settings.Explicit = true;
        return this;
    }

    public IFilterInputTypeDescriptor<T> Field<TValue>(Expression<Func<T, TValue>> property)
    {
        var name = PropertyName(property);
        Settings.Ignored.Remove(name);
        if (!Settings.Included.Contains(name))
        {
            Settings.Included.Add(name);
        }
        return this;
    }

    public IFilterInputTypeDescriptor<T> Ignore<TValue>(Expression<Func<T, TValue>> property)
    {
        var name = PropertyName(property);
        Settings.Included.Remove(name);
        Settings.Ignored.Add(name);
        return this;
    }

    private static string PropertyName(LambdaExpression property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var body = property.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : property.Body;
        return body is MemberExpression { Member: PropertyInfo member } access && access.Expression == property.Parameters[0]
            ? member.Name
            : throw new ArgumentException($"Expected a property of {typeof(T).Name} (x => x.Property), got {property}.", nameof(property));
    }
}
