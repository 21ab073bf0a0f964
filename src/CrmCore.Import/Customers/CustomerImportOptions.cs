using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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

    /// <summary>The mapping's name for the ledger (for example the mapping file's name and hash); default <c>built-in</c>. The ledger
    /// records it with the options that change outcomes (<see cref="ImportRun.Mapping"/>), so that a run of the same file with another
    /// mapping or other such options is a new import.</summary>
    public string MappingName { get; init; } = "built-in";

    /// <summary>
    /// True to apply every row even when an earlier run of the same file with the same mapping and options committed it (by default such
    /// rows are <see cref="ImportOutcome.Unchanged"/> with the reason code <c>AlreadyImported</c> and nothing is written for them); the
    /// earlier runs are still named in <see cref="ImportReport.PreviousRuns"/>. Rows name their customer by id (or the id derived from
    /// the name), so applying them again duplicates nothing. Default false.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>
    /// How long an unfinished run of the same file, mapping and options may still be running after it last showed activity
    /// (<see cref="ImportRun.LastActiveAt"/>: its start or its last batch): while that is less than the lease ago, an import of the file
    /// refuses to start (an <see cref="ImportFileException"/> naming the run and when it may be taken up) and writes nothing, rather than
    /// taking up a run that is still going; after it, the run counts as interrupted and is taken up where it stopped. Choose it longer than
    /// the longest pause between two batches. Default 10 minutes; zero takes up any unfinished run at once (as before the ledger kept
    /// activity). Not part of the ledger key.
    /// </summary>
    public Duration RunLease { get; init; } = Duration.FromMinutes(10);

    /// <summary>How the refusal of a run still within its lease names <see cref="RunLease"/> and a zero lease: the property by default,
    /// crm's option (<c>--run-lease</c>, <c>--run-lease 0</c>) in crm.</summary>
    internal (string Name, string Zero) RunLeaseText { get; init; } = ("CustomerImportOptions.RunLease", "RunLease = Duration.Zero");

    /// <summary>How many report rows stay in memory; the rest go to a temporary file (see <see cref="ImportRowLog"/>).</summary>
    internal int ReportMemoryRows { get; init; } = ImportRowLog.DefaultMemoryRows;

    /// <summary>
    /// The run's key in the ledger (<see cref="ImportRun.Mapping"/>): <see cref="MappingName"/> and every option that changes what a row
    /// becomes (the merge policy, the name similarity, contact matching, the derived-id prefix, the placeholder contact name, the default
    /// contact role, the zone, the title rows allowed, the format and encoding, and a hash of the mapping's contents). Only a run of the
    /// same content under the same key is taken up (its rows not applied again); the language, batch size, actor and stores are not
    /// part of it. At most <see cref="ImportRun.MaxTextLength"/> characters: a longer one keeps the start of the mapping name and a hash
    /// of the whole.
    /// </summary>
    internal string LedgerKey()
    {
        var options = string.Create(CultureInfo.InvariantCulture,
            $"merge={MergePolicy}, name-similarity={(NameSimilarity is { } s ? s.ToString("R", CultureInfo.InvariantCulture) : "off")}, match-by-contact={(MatchByContact ? "yes" : "no")}, derived-id-prefix={DerivedIdPrefix}, unnamed-contact={UnnamedContactName.Trim()}, default-role={DefaultContactRole.Code}, zone={Zone.Id}, title-rows={MaxTitleRows}, format={Format}, encoding={Encoding ?? "detected"}, mapping=sha256:{MappingHash(Mapping)}");
        var key = $"{MappingName}; options {options}";
        if (key.Length <= ImportRun.MaxTextLength)
        {
            return key;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)), 0, 16);
        var tail = $"…; options sha256:{hash}";
        return string.Concat(MappingName.AsSpan(0, Math.Min(MappingName.Length, ImportRun.MaxTextLength - tail.Length)), tail);
    }

    /// <summary>16 hex digits of the SHA-256 of a mapping's contents (columns, constants, value maps, each in ordinal order).</summary>
    private static string MappingHash(ImportMapping<CustomerField> mapping)
    {
        var text = new StringBuilder();
        foreach (var (header, field) in mapping.Columns.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            text.Append("c\0").Append(header).Append('\0').Append(field).Append('\n');
        }

        foreach (var (field, value) in mapping.Constants.OrderBy(c => c.Key))
        {
            text.Append("k\0").Append(field).Append('\0').Append(value).Append('\n');
        }

        foreach (var (field, values) in mapping.Values.OrderBy(v => v.Key))
        {
            foreach (var (from, to) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                text.Append("v\0").Append(field).Append('\0').Append(from).Append('\0').Append(to).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())), 0, 8);
    }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Actor, nameof(Actor));
        ArgumentException.ThrowIfNullOrWhiteSpace(MappingName, nameof(MappingName));
        ArgumentNullException.ThrowIfNull(Mapping);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 100_000, nameof(BatchSize));
        if (RunLease < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RunLease), RunLease, "The run lease is zero or more.");
        }

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
