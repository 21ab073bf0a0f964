using System.Globalization;
using CrmCore.Audit;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;

namespace CrmCore.Import.Tables;

/// <summary>
/// The settings the asset and article imports share (<see cref="Assets.AssetImportOptions"/>, <see cref="Articles.ArticleImportOptions"/>):
/// how the file is read, the language of the report, dry run, and the audit record. Mutable until handed to the importer; validated there.
/// </summary>
public abstract class FileImportOptions
{
    /// <summary>Only this assembly derives from it.</summary>
    private protected FileImportOptions()
    {
    }

    /// <summary>The file format; default <see cref="ImportFormat.Auto"/> (from the file name: CSV, .xlsx, JSON or JSON Lines).</summary>
    public ImportFormat Format { get; set; } = ImportFormat.Auto;

    /// <summary>The CSV encoding's web name (for example <c>gb18030</c>); null to detect UTF-8, UTF-16 or GB18030.</summary>
    public string? Encoding { get; set; }

    /// <summary>The language of the reasons in the report; null for the current UI culture.</summary>
    public CultureInfo? Culture { get; set; }

    /// <summary>Read, validate and report without writing; default false. With <see cref="Audit"/> the dry run is still recorded, as one.</summary>
    public bool DryRun { get; set; }

    /// <summary>How many rows above the header (a title, a date) are allowed; default 10, range 0–1000.</summary>
    public int MaxTitleRows { get; set; } = 10;

    /// <summary>Where the run's audit record goes (who, when, the file's name and SHA-256, the row counts, and whether it was a dry run;
    /// a dry run is recorded too); null (default) for none. Needs the importer's constructor with a clock.</summary>
    public IAuditStore? Audit { get; set; }

    /// <summary>Who imports, for the audit trail; default <c>import</c>.</summary>
    public string Actor { get; set; } = "import";

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxTitleRows"/> is out of range, or <see cref="Actor"/> is too long.</exception>
    /// <exception cref="ArgumentException"><see cref="Actor"/> is blank.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxTitleRows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxTitleRows, 1000);
        ArgumentException.ThrowIfNullOrWhiteSpace(Actor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Actor.Trim().Length, AuditEntry.MaxNameLength, nameof(Actor));
    }

    /// <summary>The engine's options with these settings, checked.</summary>
    internal TableImportOptions<TField> ToTableOptions<TField>(ImportMapping<TField>? mapping)
        where TField : struct, Enum
    {
        Validate();
        return new TableImportOptions<TField>
        {
            Mapping = mapping,
            Format = Format,
            Encoding = Encoding,
            Culture = Culture,
            DryRun = DryRun,
            MaxTitleRows = MaxTitleRows,
            Audit = Audit,
            Actor = Actor,
        };
    }
}
