namespace Graph.Api.Catalog;

/// <summary>Where a book stands in the catalog.</summary>
public enum BookStatus
{
    /// <summary>Being prepared: seen by administrators only, not sold.</summary>
    Draft,

    /// <summary>In the catalog: listed, searchable and sold.</summary>
    Published,

    /// <summary>No longer sold nor listed; readers who own it keep reading it, and its page still resolves by ID.</summary>
    Withdrawn,
}

/// <summary>A form in which the library delivers a book.</summary>
public enum BookFormat
{
    /// <summary>A reflowable EPUB, for the reader apps.</summary>
    Epub,

    /// <summary>A fixed-layout PDF.</summary>
    Pdf,

    /// <summary>An audiobook.</summary>
    Audio,
}
