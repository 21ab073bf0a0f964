using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests;

/// <summary>
/// The report's row log spills rows to a temporary file past its memory rows. A file without a 首次接触时间 column gives every row the
/// same note (the date was defaulted): the log keeps such a note list once, not once per row, and reads every row back with it.
/// </summary>
public sealed class ImportRowLogNoteTests
{
    private static readonly string LongText = new('注', 200);

    [Fact]
    public void AddRange_ManySpilledRowsWithEqualNotes_KeepsTheNotesOnce_AndReadsThemBack()
    {
        var log = new ImportRowLog(memoryRows: 0);
        var rows = Enumerable.Range(2, 10_000).Select(line => new ImportRowResult
        {
            Line = line,
            Outcome = ImportOutcome.Inserted,
            CustomerId = $"KH{line:D5}",
            // Equal lists, not one instance: the log must not rely on the importer sharing them.
            Notes = ImportRowNotes.Of([new ImportRowNote("首次接触时间", 12, "FirstContactDefaulted", LongText)]),
        }).ToList();

        log.AddRange(rows);

        Assert.True(log.SpilledBytes < 10_000 * 100, $"{log.SpilledBytes} bytes spilled for 10000 rows");
        Assert.Equal(rows, log.ToList());
        Assert.Equal(rows[7_777], log[7_777]);
    }

    [Fact]
    public void AddRange_SpilledRowsWithNotesOfTheirOwn_ReadBackEach()
    {
        var log = new ImportRowLog(memoryRows: 1);
        var rows = Enumerable.Range(2, 3_000).Select(line => new ImportRowResult
        {
            Line = line,
            Outcome = ImportOutcome.Inserted,
            Notes = line % 3 == 0 ? null : ImportRowNotes.Of([new ImportRowNote("联系电话", 7, "Remark", $"QQ {line}"), new ImportRowNote(null, 0, "SecondPhone", "x")]),
        }).ToList();

        log.AddRange(rows);

        Assert.Equal(rows, log.ToList());
        Assert.Equal(rows[2_999], log[2_999]);
    }
}
