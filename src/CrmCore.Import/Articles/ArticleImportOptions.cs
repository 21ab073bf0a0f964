using System.Globalization;
using CrmCore.Import.Reading;
using CrmCore.Tickets;

namespace CrmCore.Import.Articles;

/// <summary>Settings for <see cref="ArticleImporter"/>. Mutable until handed to the importer; validated there.</summary>
public sealed class ArticleImportOptions
{
    /// <summary>The file format; default <see cref="ImportFormat.Auto"/> (from the file name: CSV, .xlsx, JSON or JSON Lines).</summary>
    public ImportFormat Format { get; set; } = ImportFormat.Auto;

    /// <summary>The CSV encoding's web name (for example <c>gb18030</c>); null to detect UTF-8, UTF-16 or GB18030.</summary>
    public string? Encoding { get; set; }

    /// <summary>The language of the reasons in the report; null for the current UI culture.</summary>
    public CultureInfo? Culture { get; set; }

    /// <summary>Read, validate and report without writing; default false.</summary>
    public bool DryRun { get; set; }

    /// <summary>The ticket types the host defined (<see cref="TicketType"/>'s constructor) that an article may name besides the built-in
    /// ones, by code, compared ignoring case (the stored type is spelt as here). Default none: only the built-in types; any other name is
    /// rejected with its line, column and the types allowed.</summary>
    public ICollection<TicketType> TicketTypes { get; } = new List<TicketType>();

    /// <summary>How many rows above the header (a title, a date) are allowed; default 10, range 0–1000.</summary>
    public int MaxTitleRows { get; set; } = 10;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxTitleRows"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><see cref="TicketTypes"/> holds the default (empty) ticket type.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxTitleRows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxTitleRows, 1000);
        if (TicketTypes.Any(t => t.Code.Length == 0))
        {
            throw new ArgumentException("ArticleImportOptions.TicketTypes holds an empty ticket type: create each with new TicketType(code).", nameof(TicketTypes));
        }
    }
}
