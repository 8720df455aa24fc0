using System.Security.Claims;
using Graph.Api.Common;
using Graph.Api.Identity;
using Graph.GraphQL.Resolvers;
using Microsoft.Net.Http.Headers;

namespace Graph.Api.Catalog;

/// <summary>
/// Which language a client reads the catalog in: the field's <c>language</c> argument when given, else the request's
/// Accept-Language (in order of preference), else the text's own language. A text missing in one language falls back to the
/// next preferred one, then to the original.
/// </summary>
public static class CatalogLanguage
{
    /// <summary>The most languages of an Accept-Language header considered.</summary>
    private const int MaxPreferences = 8;

    /// <summary>The languages to try, most preferred first (ISO 639-1 codes), without the text's own language.</summary>
    public static IReadOnlyList<string> Preferred(IResolverContext context, IHttpContextAccessor accessor, string? argument)
    {
        if (LanguageCodes.Normalize(argument) is { } chosen)
        {
            return [chosen];
        }
        var http = context.ContextData.TryGetValue(ClientInfo.HttpContextKey, out var value) && value is HttpContext given ? given : accessor.HttpContext;
        return http is null ? [] : FromHeader(http.Request.Headers[HeaderNames.AcceptLanguage].ToString());
    }

    /// <summary>The languages of an Accept-Language header by quality, each once (<c>fr-SN;q=0.9</c> counts as fr).</summary>
    public static IReadOnlyList<string> FromHeader(string header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList(header.Split(','), out var values))
        {
            return [];
        }
        return values
            .Where(v => (v.Quality ?? 1) > 0)
            .Select((v, i) => (Code: LanguageCodes.Normalize(v.Value.Value?.Split('-')[0]), Quality: v.Quality ?? 1, Index: i))
            .Where(v => v.Code is not null)
            .OrderByDescending(v => v.Quality).ThenBy(v => v.Index)
            .Select(v => v.Code!)
            .Distinct()
            .Take(MaxPreferences)
            .ToList();
    }

    /// <summary>
    /// The first of <paramref name="preferred"/> that <paramref name="texts"/> has, or null for the original text (when the
    /// original's language comes first, or none of them is there). Reads the map without copying it: it runs for every
    /// localized field of every item of a list.
    /// </summary>
    public static string? Choose<T>(IReadOnlyList<string> preferred, string originalLanguage, IReadOnlyDictionary<string, T> texts)
    {
        foreach (var language in preferred)
        {
            if (language == originalLanguage)
            {
                return null;
            }
            if (texts.ContainsKey(language))
            {
                return language;
            }
        }
        return null;
    }
}

/// <summary>Who sees which books: administrators see every book; everyone else the published ones (and withdrawn ones by
/// ID, so that their owners' libraries still resolve).</summary>
public static class CatalogVisibility
{
    /// <summary>Whether <paramref name="user"/> manages the catalog (sees drafts).</summary>
    public static bool ManagesCatalog(ClaimsPrincipal user) => user.IsInRole(PlatformRoles.AdminName);

    /// <summary>The books <paramref name="user"/> finds in lists and searches.</summary>
    public static IQueryable<Book> Listed(IQueryable<Book> books, ClaimsPrincipal user) =>
        ManagesCatalog(user) ? books : books.Where(b => b.Status == BookStatus.Published);

    /// <summary>Whether <paramref name="user"/> may open <paramref name="book"/> by its ID.</summary>
    public static bool CanOpen(Book book, ClaimsPrincipal user) => book.Status != BookStatus.Draft || ManagesCatalog(user);
}
