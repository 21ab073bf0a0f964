using System.Globalization;
using CrmCore.Import.Reading;

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

    /// <summary>How many rows above the header (a title, a date) are allowed; default 10, range 0–1000.</summary>
    public int MaxTitleRows { get; set; } = 10;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxTitleRows"/> is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxTitleRows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxTitleRows, 1000);
    }
}
