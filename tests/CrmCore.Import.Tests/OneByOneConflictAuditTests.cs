using System.Text;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using NodaTime;

namespace CrmCore.Import.Tests;

/// <summary>A store that saves customer by customer, where another writer changed one customer of the batch: that customer's rows
/// are rejected, and the audit names exactly the customers that were saved, before and after the one that conflicted.</summary>
public class OneByOneConflictAuditTests
{
    private const string Header = "客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n";

    [Theory]
    [InlineData("KH1", "KH2", "KH3")]
    [InlineData("KH2", "KH1", "KH3")]
    [InlineData("KH2", "KH3", "KH1")]
    public async Task AConflictInTheBatch_TheAuditNamesEveryCustomerSaved_AndOnlyThose(string first, string second, string third)
    {
        var inner = new InMemoryCustomerRepository();
        var stored = Customer.Create(new CustomerId("KH1"), new CustomerProfile { Name = "甲公司", FirstContactOn = new LocalDate(2020, 1, 1) }, Instant.FromUtc(2020, 1, 1, 0, 0)).ToState();
        await inner.SaveAsync(stored, 0);
        var audit = new InMemoryAuditStore();
        var names = new Dictionary<string, string> { ["KH1"] = "甲公司", ["KH2"] = "乙公司", ["KH3"] = "丙公司" };
        var csv = Header + string.Concat(new[] { first, second, third }.Select(id => $"{id},{names[id]},零售业,,,10万,\n"));

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var report = await Samples.Importer(new ChangedByAnother(inner, stored), new CustomerImportOptions { Audit = audit })
            .ImportAsync(stream, "one-by-one.csv");
        var entries = (await audit.QueryAsync(new AuditQuery { Limit = AuditQuery.MaxLimit })).Select(r => r.Entry).ToList();

        var rejected = Assert.Single(report.Rows, r => r.Outcome == ImportOutcome.Rejected);
        Assert.Equal(("KH1", "Conflict"), (rejected.CustomerId, rejected.ReasonCode));
        Assert.Equal(2, report.Totals.Inserted);
        Assert.Equal(["KH2", "KH3"], entries.Where(e => e.EntityType == AuditEntityTypes.Customer).Select(e => e.EntityId).Order(StringComparer.Ordinal));
        Assert.All(entries.Where(e => e.EntityType == AuditEntityTypes.Customer), e => Assert.Equal(AuditAction.Create, e.Action));
        Assert.StartsWith("2 customers written", Assert.Single(entries, e => e is { Action: AuditAction.Import, Field: "batch 1" }).NewValue, StringComparison.Ordinal);
    }

    /// <summary>Saves one by one (no batch writes, no key index); just before the import saves <paramref name="changed"/>'s customer,
    /// another writer saves it first.</summary>
    private sealed class ChangedByAnother(InMemoryCustomerRepository inner, CustomerState changed) : ICustomerRepository
    {
        public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public async ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default)
        {
            if (state.Id == changed.Id)
            {
                await inner.SaveAsync(changed with { Name = "甲公司（他人改过）", Version = changed.Version + 1 }, changed.Version, cancellationToken);
            }

            await inner.SaveAsync(state, expectedVersion, cancellationToken);
        }

        public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);
    }
}
