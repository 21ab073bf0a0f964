using System.Globalization;
using CrmCore.Customers;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using NodaTime;

namespace CrmCore.Import.Customers;

/// <summary>How <see cref="CustomerImporter"/> reads, matches and writes. Defaults are stated per property.</summary>
public sealed record CustomerImportOptions
{
    /// <summary>The column mapping; default <see cref="ImportMapping.Customers"/>.</summary>
    public ImportMapping Mapping { get; init; } = ImportMapping.Customers;

    /// <summary>The file format; default <see cref="ImportFormat.Auto"/> (from the file name).</summary>
    public ImportFormat Format { get; init; } = ImportFormat.Auto;

    /// <summary>The text encoding of a CSV file by name (<c>utf-8</c>, <c>gb18030</c>, <c>utf-16</c> ...); default null, detected.</summary>
    public string? Encoding { get; init; }

    /// <summary>What to do with duplicates; default <see cref="MergePolicy.KeepNewest"/>.</summary>
    public MergePolicy MergePolicy { get; init; } = MergePolicy.KeepNewest;

    /// <summary>Match duplicates by phone number and e-mail; default true.</summary>
    public bool MatchByContact { get; init; } = true;

    /// <summary>How alike two company names must be to count as one customer, 0.5 to 1 (1 = the same name once legal forms, width,
    /// case and punctuation are set aside; see <c>CompanyNameNormalizer</c>), or null not to match by name. Default 1.</summary>
    public double? NameSimilarity { get; init; } = 1.0;

    /// <summary>Rows per batch: a batch is validated and matched as a whole, then written; 1 to 100000, default 500.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>True to read, validate, match and report without writing anything; default false.</summary>
    public bool DryRun { get; init; }

    /// <summary>The role given to a contact whose role column is absent or blank; default <c>Contact</c> (a host-defined code).</summary>
    public ContactRole DefaultContactRole { get; init; } = new("Contact");

    /// <summary>The prefix of ids derived for rows without a customer id (prefix + 12 hex digits of a hash of the company name, so an
    /// import run again derives the same id); default <c>IMP</c>.</summary>
    public string DerivedIdPrefix { get; init; } = "IMP";

    /// <summary>The time zone whose date is used when a row has no first-contact date; default Asia/Shanghai.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>The language of the report's reasons; default <see cref="CultureInfo.CurrentUICulture"/>.</summary>
    public CultureInfo? Culture { get; init; }

    /// <summary>How many rows before the header row may hold titles; default 20.</summary>
    public int MaxTitleRows { get; init; } = 20;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Mapping);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 100_000, nameof(BatchSize));
        if (NameSimilarity is { } s && (double.IsNaN(s) || s < 0.5 || s > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(NameSimilarity), s, "The name similarity is between 0.5 and 1.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(DerivedIdPrefix, nameof(DerivedIdPrefix));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DerivedIdPrefix.Length, 40, nameof(DerivedIdPrefix));
        if (DefaultContactRole.Code.Length == 0)
        {
            throw new ArgumentException("The default contact role is empty.", nameof(DefaultContactRole));
        }
    }
}
