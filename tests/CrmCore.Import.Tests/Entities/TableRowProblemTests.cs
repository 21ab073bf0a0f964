using System.Text;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests.Entities;

/// <summary>row18 items 1 and 2 in the table engine (tickets, plans, surveys, assets, articles): a JSON object that gives a name twice,
/// or two names of one column, rejects that row only; names that clean alike in different objects are one column, so no value of the
/// second spelling is dropped (the engine reads a field's first column only).</summary>
public sealed class TableRowProblemTests
{
    [Fact]
    public async Task Plans_JsonLines_RepeatedKeyRejectsItsRow_CleanedAliasIsOneColumn()
    {
        var desk = await EntityDesk.CreateAsync();
        var jsonl =
            "{\"客户编号\":\"KH001\",\"沟通方式\":\"电话\",\"沟通内容要点\":\"续约\",\"计划执行时间\":\"2024-03-20\",\"沟通方式\":\"拜访\"}\n" +
            "{\"客户编号\":\"KH002\",\"沟通方式\":\"电话\",\"沟通内容要点\":\"回访\",\"计划执行时间\":\"2024-03-21\"}\n" +
            "{\"客户编号\":\"KH001\",\" 沟通方式 \":\"拜访\",\"沟通内容要点\":\"拜访\",\"计划执行时间\":\"2024-03-22\"}\n";

        var report = await desk.PlanImporter().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), "plans.jsonl");

        Assert.Equal([ImportOutcome.Rejected, ImportOutcome.Inserted, ImportOutcome.Inserted], report.Rows.Select(r => r.Outcome));
        Assert.Equal(("沟通方式", 2, "RepeatedKey"), (report.Rows[0].Column, report.Rows[0].ColumnNumber, report.Rows[0].ReasonCode));
        Assert.StartsWith("'沟通方式' is given twice in this object (again at line 1, column ", report.Rows[0].Reason, StringComparison.Ordinal);
        Assert.Equal(["客户编号", "沟通方式", "沟通内容要点", "计划执行时间"], report.Headers);
        EntityDesk.AssertAddsUp(report);
    }

    // review18 item 1: a name given twice in a column the table does not read rejected the row though nothing of it is read.
    [Fact]
    public async Task Plans_RepeatedKeyInAColumnNotRead_IsImported()
    {
        var desk = await EntityDesk.CreateAsync();
        var jsonl = "{\"客户编号\":\"KH001\",\"沟通方式\":\"电话\",\"沟通内容要点\":\"续约\",\"计划执行时间\":\"2024-03-20\",\"草稿\":\"a\",\"草稿\":\"b\"}\n";

        var report = await desk.PlanImporter().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(jsonl)), "plans.jsonl");

        Assert.Equal(ImportOutcome.Inserted, Assert.Single(report.Rows).Outcome);
    }
}
