using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using NodaTime;

namespace CrmCore.Import.Tickets;

/// <summary>
/// Imports document 001's issue-tracking table (服务质量问题跟踪表: 问题编号, 客户名称, 问题描述, 提出时间, 紧急程度, 期望解决时间, 责任部门,
/// 负责人, 处理进度, 解决方案, 客户满意度, 解决时间, 状态; Chinese or English headers, a mapping file for others) into the desk's
/// <see cref="ITicketRepository"/>, so the same import lands in memory, SQLite or PostgreSQL. Every row read gets exactly one outcome:
/// inserted, updated, unchanged, skipped (blank, repeated header, totals) or rejected with the line, the column and the reason (a missing or
/// invalid cell, an unknown customer, a time before the raise, a status the lifecycle cannot reach from the stored one, an id twice in
/// the file). The customer is named by 客户编号 or found by 客户名称 among the stored customers. An imported ticket's status history is the
/// shortest chain of lifecycle moves to its status, stamped with the row's times; 处理进度 becomes an internal progress note and 客户满意度 the
/// ticket's survey answer. Batches are written in one transaction each (<see cref="TableImportOptions{TField}.Transactions"/>). Rows name
/// their ticket by id, so running an import again changes nothing (all unchanged) and an interrupted one finishes without duplicates.
/// Not thread-safe: one import at a time per instance.
/// </summary>
public sealed class TicketImporter : TableImporter<TicketField>
{
    private readonly ITicketRepository _tickets;
    private readonly ICustomerRepository _customers;

    /// <summary>Creates an importer.</summary>
    /// <param name="tickets">The store to write to.</param>
    /// <param name="customers">The stored customers the rows name.</param>
    /// <param name="clock">The clock for the ledger's and the audit trail's times.</param>
    /// <param name="options">The options; default <see cref="TableImportOptions{TField}"/>' defaults.</param>
    /// <exception cref="ArgumentNullException">A store or the clock is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public TicketImporter(ITicketRepository tickets, ICustomerRepository customers, IClock clock, TableImportOptions<TicketField>? options = null)
        : base(clock, options, ImportMappings.Tickets)
    {
        ArgumentNullException.ThrowIfNull(tickets);
        ArgumentNullException.ThrowIfNull(customers);
        _tickets = tickets;
        _customers = customers;
    }

    /// <inheritdoc/>
    private protected override IRecordTable<TicketField> CreateTable() => new TicketTable(_tickets, _customers, Options.Zone);
}
