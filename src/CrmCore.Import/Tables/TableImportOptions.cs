using System.Globalization;
using CrmCore.Audit;
using CrmCore.Desk;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Imports;
using NodaTime;

namespace CrmCore.Import.Tables;

/// <summary>
/// Settings for the importers of tickets, contact plans and survey results (<see cref="Tickets.TicketImporter"/>,
/// <see cref="Plans.PlanImporter"/>, <see cref="Surveys.SurveyImporter"/>), and the engine's settings behind the asset and article importers. Immutable once built; validated by the importer.
/// </summary>
/// <typeparam name="TField">The entity's field enum.</typeparam>
public sealed class TableImportOptions<TField>
    where TField : struct, Enum
{
    /// <summary>The column mapping; null (default) for the entity's built-in mapping in <see cref="ImportMappings"/>.</summary>
    public ImportMapping<TField>? Mapping { get; init; }

    /// <summary>The mapping's name in the import ledger; default <c>built-in</c>.</summary>
    public string MappingName { get; init; } = "built-in";

    /// <summary>The file format; default <see cref="ImportFormat.Auto"/> (from the file name).</summary>
    public ImportFormat Format { get; init; } = ImportFormat.Auto;

    /// <summary>The CSV encoding's web name (for example <c>gb18030</c>); null to detect UTF-8, UTF-16 or GB18030.</summary>
    public string? Encoding { get; init; }

    /// <summary>The language of the reasons in the report; null for the current UI culture.</summary>
    public CultureInfo? Culture { get; init; }

    /// <summary>Read, validate and report without writing (and without a ledger record); default false.</summary>
    public bool DryRun { get; init; }

    /// <summary>How many rows above the header (a title, a date) are allowed; default 20, range 0–1000.</summary>
    public int MaxTitleRows { get; init; } = 20;

    /// <summary>Rows per batch: a batch is validated, then written in one transaction of <see cref="Transactions"/>; default 500, range 1–100,000.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>The zone of dates and times written without an offset; default Asia/Shanghai.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>Groups each batch's writes into one transaction (a database storage's <c>Transactions</c>); default none (the in-memory stores,
    /// where a batch is validated whole before its first write).</summary>
    public IStoreTransactions Transactions { get; init; } = NoStoreTransactions.Instance;

    /// <summary>Where each run is recorded (file hash, mapping, batches, counts); null for none. Not used for a dry run.</summary>
    public IImportLedger? Ledger { get; init; }

    /// <summary>Where the run's audit record goes (who, when, the file's name and SHA-256, the row counts by outcome, and whether it was a
    /// dry run: a dry run is recorded too, marked as one); null (default) for none.</summary>
    public IAuditStore? Audit { get; init; }

    /// <summary>Who imports, for the audit trail; default <c>import</c>; not blank, at most <see cref="AuditEntry.MaxNameLength"/> characters.</summary>
    public string Actor { get; init; } = "import";

    /// <summary>How many report rows stay in memory before the rest go to a temporary file (tests lower it).</summary>
    internal int ReportMemoryRows { get; init; } = ImportRowLog.DefaultMemoryRows;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range.</exception>
    /// <exception cref="ArgumentException"><see cref="MappingName"/> or <see cref="Actor"/> is blank, or <see cref="Actor"/> is too long.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Zone"/> or <see cref="Transactions"/> is null.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxTitleRows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxTitleRows, 1000);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BatchSize, 100_000);
        ArgumentException.ThrowIfNullOrWhiteSpace(MappingName);
        ArgumentException.ThrowIfNullOrWhiteSpace(Actor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Actor.Trim().Length, AuditEntry.MaxNameLength, nameof(Actor));
        ArgumentNullException.ThrowIfNull(Zone);
        ArgumentNullException.ThrowIfNull(Transactions);
    }
}
