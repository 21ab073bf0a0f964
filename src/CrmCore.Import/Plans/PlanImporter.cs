using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Relationships;
using NodaTime;

namespace CrmCore.Import.Plans;

/// <summary>
/// Imports document 001's contact plan table (客户沟通计划表: 客户编号, 客户名称, 客户等级, 计划沟通周期, 沟通方式, 沟通内容要点, 负责人,
/// 计划执行时间, 实际执行时间, 客户反馈, 后续行动项, 完成状态; Chinese or English headers, a mapping file for others) into the desk's
/// <see cref="IContactPlanRepository"/> (memory, SQLite or PostgreSQL). Every row read gets exactly one outcome: inserted, updated,
/// unchanged, skipped (blank, repeated header, totals) or rejected with the line, the column and the reason (a missing or invalid cell, an
/// unknown customer, a completed entry without its actual time, an entry twice in the file). An entry is named by 计划编号 or, without one,
/// by an id derived from the customer, the planned time and the channel (the same on every run), so running an import again changes
/// nothing and an interrupted one finishes without duplicates. Batches are written in one transaction each. 客户等级 and 计划沟通周期 are
/// known and ignored (they follow from the customer). Not thread-safe: one import at a time per instance.
/// </summary>
public sealed class PlanImporter : TableImporter<PlanField>
{
    private readonly IContactPlanRepository _plans;
    private readonly ICustomerRepository _customers;

    /// <summary>Creates an importer.</summary>
    /// <param name="plans">The store to write to.</param>
    /// <param name="customers">The stored customers the rows name.</param>
    /// <param name="clock">The clock for the ledger's and the audit trail's times.</param>
    /// <param name="options">The options; default <see cref="TableImportOptions{TField}"/>' defaults.</param>
    /// <exception cref="ArgumentNullException">A store or the clock is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public PlanImporter(IContactPlanRepository plans, ICustomerRepository customers, IClock clock, TableImportOptions<PlanField>? options = null)
        : base(clock, options, ImportMappings.Plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(customers);
        _plans = plans;
        _customers = customers;
    }

    /// <inheritdoc/>
    private protected override IRecordTable<PlanField> CreateTable() => new PlanTable(_plans, _customers, Options.Zone);
}
