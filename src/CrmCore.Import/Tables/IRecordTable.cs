using CrmCore.Import.Reports;

namespace CrmCore.Import.Tables;

/// <summary>
/// What one entity adds to <see cref="TableImport{TField}"/>: how a row becomes a record, how it compares with what is stored, and how the
/// staged records of a batch are written. The engine does the rest (header, skipped rows, batches, transactions, ledger, report).
/// </summary>
/// <typeparam name="TField">The entity's field enum.</typeparam>
internal interface IRecordTable<TField>
    where TField : struct, Enum
{
    /// <summary>The entity's name in the report and the ledger (<c>tickets</c>).</summary>
    string Entity { get; }

    /// <summary>A few headers to name when no header row is found.</summary>
    string HeaderHint { get; }

    /// <summary>Reads what the rows are checked against (customers, stored keys) before the first row.</summary>
    ValueTask LoadAsync(CancellationToken cancellationToken);

    /// <summary>Reads and checks one row: a rejection (<see cref="FieldReader{TField}.Problem"/> or a rule), or the outcome it will have
    /// when its batch is written (inserted and updated rows are staged for <see cref="WriteAsync"/>).</summary>
    ValueTask<ImportRowResult> StageAsync(FieldReader<TField> row, CancellationToken cancellationToken);

    /// <summary>Writes the staged records (inside the batch's transaction).</summary>
    /// <exception cref="Desk.ConcurrencyConflictException">Someone else wrote one of them meanwhile.</exception>
    ValueTask WriteAsync(CancellationToken cancellationToken);

    /// <summary>The batch was written (or a dry run pretends it was): the staged records become what later rows are checked against.</summary>
    void Commit();

    /// <summary>The batch was not written: the staged records are dropped.</summary>
    void Abort();
}
