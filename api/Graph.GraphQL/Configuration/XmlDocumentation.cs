using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Graph.GraphQL.Configuration;

/// <summary>
/// Reads descriptions from the XML documentation file that the compiler writes next to an assembly
/// (<c>GenerateDocumentationFile</c>): the <c>&lt;summary&gt;</c> of types, members and enum values, the <c>&lt;param&gt;</c>
/// of parameters (and of record primary constructors for their properties). <c>&lt;inheritdoc/&gt;</c> follows base
/// members and implemented interfaces. Whitespace is collapsed; <c>&lt;para&gt;</c> starts a new paragraph; references
/// (<c>&lt;see cref&gt;</c>, <c>&lt;paramref&gt;</c>) become their text and <c>&lt;c&gt;</c> Markdown code.
/// </summary>
internal sealed partial class XmlDocumentation
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, XElement>> Files = new();

    /// <summary>The description of a type, property, method, field or enum value, or null.</summary>
    public string? GetDescription(MemberInfo member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var element = FindMemberElement(member, depth: 0);
        return element is null ? null : Text(element.Element("summary"));
    }

    /// <summary>The description of a method parameter, or null.</summary>
    public string? GetDescription(ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (parameter.Member is not MethodBase method || parameter.Name is null)
        {
            return null;
        }
        var element = FindMemberElement(method, depth: 0);
        var param = element?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == parameter.Name);
        return Text(param);
    }

    /// <summary>The <c>&lt;param&gt;</c> text a record's type documentation gives the primary constructor parameter <paramref name="name"/>.</summary>
    public string? GetTypeParameterDescription(Type type, string name)
    {
        var element = FindMemberElement(type, depth: 0);
        return Text(element?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == name));
    }

    private static XElement? FindMemberElement(MemberInfo member, int depth)
    {
        var assembly = (member as Type ?? member.DeclaringType)?.Assembly;
        if (assembly is null || depth > 8)
        {
            return null;
        }
        var docs = Files.GetOrAdd(assembly, Load);
        if (!docs.TryGetValue(DocumentationId.Of(member), out var element))
        {
            return null;
        }
        var inherit = element.Element("inheritdoc");
        if (inherit is null)
        {
            return element;
        }
        var cref = (string?)inherit.Attribute("cref");
        if (cref is not null)
        {
            return docs.GetValueOrDefault(cref) ?? AllFiles(cref);
        }
        foreach (var inherited in InheritedMembers(member))
        {
            if (FindMemberElement(inherited, depth + 1) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    private static XElement? AllFiles(string id)
    {
        foreach (var file in Files.Values)
        {
            if (file.TryGetValue(id, out var element))
            {
                return element;
            }
        }
        return null;
    }

    private static IEnumerable<MemberInfo> InheritedMembers(MemberInfo member)
    {
        switch (member)
        {
            case Type type:
                if (type.BaseType is { } baseType && baseType != typeof(object))
                {
                    yield return baseType;
                }
                foreach (var iface in type.GetInterfaces())
                {
                    yield return iface;
                }
                break;
            case MethodInfo method:
                var baseMethod = method.GetBaseDefinition();
                if (baseMethod != method)
                {
                    yield return baseMethod;
                }
                foreach (var iface in method.DeclaringType!.GetInterfaces())
                {
                    var candidate = iface.GetMethod(method.Name, method.GetParameters().Select(p => p.ParameterType).ToArray());
                    if (candidate is not null)
                    {
                        yield return candidate;
                    }
                }
                break;
            case PropertyInfo property:
                var getter = property.GetMethod?.GetBaseDefinition();
                if (getter is not null && getter.DeclaringType != property.DeclaringType
                    && getter.DeclaringType!.GetProperty(property.Name) is { } baseProperty)
                {
                    yield return baseProperty;
                }
                foreach (var iface in property.DeclaringType!.GetInterfaces())
                {
                    if (iface.GetProperty(property.Name) is { } candidate)
                    {
                        yield return candidate;
                    }
                }
                break;
        }
    }

    private static IReadOnlyDictionary<string, XElement> Load(Assembly assembly)
    {
        var location = assembly.IsDynamic ? string.Empty : assembly.Location;
        if (string.IsNullOrEmpty(location))
        {
            return new Dictionary<string, XElement>();
        }
        var path = System.IO.Path.ChangeExtension(location, ".xml");
        if (!File.Exists(path))
        {
            return new Dictionary<string, XElement>();
        }
        var document = XDocument.Load(path);
        var members = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var element in document.Descendants("member"))
        {
            if ((string?)element.Attribute("name") is { } name)
            {
                members[name] = element;
            }
        }
        return members;
    }

    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }
        var builder = new StringBuilder();
        Append(builder, element);
        var paragraphs = builder.ToString()
            .Split(ParagraphBreak, StringSplitOptions.None)
            .Select(p => Whitespace().Replace(p, " ").Trim())
            .Where(p => p.Length > 0);
        var text = string.Join("\n\n", paragraphs);
        return text.Length == 0 ? null : text;
    }

    private const string ParagraphBreak = "\u0001";

    private static void Append(StringBuilder builder, XElement element)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement child:
                    switch (child.Name.LocalName)
                    {
                        case "see" or "seealso":
                            if ((string?)child.Attribute("langword") is { } word)
                            {
                                builder.Append(word);
                            }
                            else if (!child.IsEmpty)
                            {
                                Append(builder, child);
                            }
                            else if ((string?)child.Attribute("cref") is { } cref)
                            {
                                builder.Append(CrefName(cref));
                            }
                            else if ((string?)child.Attribute("href") is { } href)
                            {
                                builder.Append(href);
                            }
                            break;
                        case "c":
                            builder.Append('`');
                            Append(builder, child);
                            builder.Append('`');
                            break;
                        case "paramref" or "typeparamref":
                            builder.Append((string?)child.Attribute("name"));
                            break;
                        case "para" or "br":
                            builder.Append(ParagraphBreak);
                            Append(builder, child);
                            builder.Append(ParagraphBreak);
                            break;
                        default:
                            Append(builder, child);
                            break;
                    }
                    break;
            }
        }
    }

    private static string CrefName(string cref)
    {
        var name = cref.Contains(':', StringComparison.Ordinal) ? cref[(cref.IndexOf(':', StringComparison.Ordinal) + 1)..] : cref;
        var parenthesis = name.IndexOf('(', StringComparison.Ordinal);
        if (parenthesis >= 0)
        {
            name = name[..parenthesis];
        }
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }
        return name[(name.LastIndexOf('.') + 1)..];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>The documentation comment IDs of members (ECMA-334 annex D): <c>T:Ns.Type</c>, <c>M:Ns.Type.Method(System.String)</c>.</summary>
internal static class DocumentationId
{
    public static string Of(MemberInfo member) => member switch
    {
        Type type => "T:" + TypeName(type),
        PropertyInfo property => "P:" + TypeName(property.DeclaringType!) + "." + property.Name + Parameters(property.GetIndexParameters()),
        FieldInfo field => "F:" + TypeName(field.DeclaringType!) + "." + field.Name,
        MethodBase method => "M:" + TypeName(method.DeclaringType!) + "." + MethodName(method) + Parameters(method.GetParameters()),
        EventInfo evt => "E:" + TypeName(evt.DeclaringType!) + "." + evt.Name,
        _ => member.Name,
    };

    private static string MethodName(MethodBase method)
    {
        var name = method.IsConstructor ? "#ctor" : method.Name;
        return method.IsGenericMethodDefinition ? name + "``" + method.GetGenericArguments().Length : name;
    }

    private static string Parameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? string.Empty : "(" + string.Join(",", parameters.Select(p => ParameterType(p.ParameterType))) + ")";

    private static string TypeName(Type type)
    {
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            type = type.GetGenericTypeDefinition();
        }
        var name = type.FullName ?? type.Name;
        return name.Replace('+', '.');
    }

    private static string ParameterType(Type type)
    {
        if (type.IsByRef)
        {
            return ParameterType(type.GetElementType()!) + "@";
        }
        if (type.IsPointer)
        {
            return ParameterType(type.GetElementType()!) + "*";
        }
        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            return ParameterType(type.GetElementType()!) + (rank == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]");
        }
        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        }
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var name = (definition.FullName ?? definition.Name).Replace('+', '.');
            name = name[..name.IndexOf('`', StringComparison.Ordinal)];
            return name + "{" + string.Join(",", type.GetGenericArguments().Select(ParameterType)) + "}";
        }
        return (type.FullName ?? type.Name).Replace('+', '.');
    }
}
