using System.Globalization;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Import.Reports;
using CrmCore.Imports;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using NodaTime;

namespace CrmCore.Import.Customers;

/// <summary>How <see cref="CustomerImporter"/> reads, matches and writes. Defaults are stated per property.</summary>
public sealed record CustomerImportOptions
{
    /// <summary>The column mapping; default <see cref="ImportMappings.Customers"/>.</summary>
    public ImportMapping<CustomerField> Mapping { get; init; } = ImportMappings.Customers;

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

    /// <summary>The name given to a contact whose row has a phone, e-mail or address but no contact name (a contact needs a name, and
    /// the import does not make one up from another cell); each such row's report says so. Default <c>(未提供姓名)</c>.</summary>
    public string UnnamedContactName { get; init; } = "(未提供姓名)";

    /// <summary>The prefix of ids derived for rows without a customer id (prefix + 12 hex digits of a hash of the company name, so an
    /// import run again derives the same id); default <c>IMP</c>.</summary>
    public string DerivedIdPrefix { get; init; } = "IMP";

    /// <summary>The time zone whose date is used when a row has no first-contact date; default Asia/Shanghai.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>The language of the report's reasons; default <see cref="CultureInfo.CurrentUICulture"/>.</summary>
    public CultureInfo? Culture { get; init; }

    /// <summary>How many rows before the header row may hold titles; default 20.</summary>
    public int MaxTitleRows { get; init; } = 20;

    /// <summary>
    /// Where runs are recorded (file hash, mapping, start and finish, outcome counts per committed batch), so that running the same file
    /// again is recognised (<see cref="ImportReport.PreviousRuns"/>); null records nothing. Dry runs are never recorded.
    /// </summary>
    public IImportLedger? Ledger { get; init; }

    /// <summary>Where audit records go: one per committed batch, one per run and one per customer created or changed; null writes none. A dry
    /// run writes only its run record (field <c>dry run</c>, as every importer's).</summary>
    public IAuditStore? Audit { get; init; }

    /// <summary>Who imports, for the audit trail; default <c>import</c>.</summary>
    public string Actor { get; init; } = "import";

    /// <summary>The mapping's name for the ledger (for example the mapping file's name and hash); default <c>built-in</c>.</summary>
    public string MappingName { get; init; } = "built-in";

    /// <summary>How many report rows stay in memory; the rest go to a temporary file (see <see cref="ImportRowLog"/>).</summary>
    internal int ReportMemoryRows { get; init; } = ImportRowLog.DefaultMemoryRows;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Actor, nameof(Actor));
        ArgumentException.ThrowIfNullOrWhiteSpace(MappingName, nameof(MappingName));
        ArgumentNullException.ThrowIfNull(Mapping);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 100_000, nameof(BatchSize));
        if (NameSimilarity is { } s && (double.IsNaN(s) || s < 0.5 || s > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(NameSimilarity), s, "The name similarity is between 0.5 and 1.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(UnnamedContactName, nameof(UnnamedContactName));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(UnnamedContactName.Trim().Length, 90, nameof(UnnamedContactName));
        ArgumentException.ThrowIfNullOrWhiteSpace(DerivedIdPrefix, nameof(DerivedIdPrefix));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DerivedIdPrefix.Length, 40, nameof(DerivedIdPrefix));
        if (DefaultContactRole.Code.Length == 0)
        {
            throw new ArgumentException("The default contact role is empty.", nameof(DefaultContactRole));
        }
    }
}
