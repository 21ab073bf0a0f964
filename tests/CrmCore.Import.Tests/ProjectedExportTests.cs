using CrmCore.Access;
using CrmCore.Agents;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Import.Export;
using MiniExcelLibs;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Import.Tests;

/// <summary>An export for a principal goes through the access projection and is audited.</summary>
public sealed class ProjectedExportTests
{
    private const string Phone = "13800138000";
    private const string Email = "zhang.wei@example.com";

    private static CustomerState Make(string id, string manager) => new()
    {
        Id = new CustomerId(id),
        Version = 1,
        Name = "科技互联网有限公司 " + id,
        Industry = Industry.Technology,
        FirstContactOn = new LocalDate(2024, 1, 5),
        CreatedAt = Instant.FromUtc(2024, 1, 5, 0, 0),
        AccountManager = new AgentId(manager),
        AnnualAmount = Money.Cny(654_321m),
        Contacts = [new Contact("张伟", ContactRole.DecisionMaker) { Phone = Phone, Email = Email, Address = "上海市浦东新区世纪大道100号" }],
    };

    private static readonly CustomerState[] Customers = [Make("KH0001", "li.na"), Make("KH0002", "wang.fang")];

    private static (List<IDictionary<string, object>> Rows, IReadOnlyList<AuditRecord> Trail, int Count) Export(Principal principal)
    {
        var audit = new InMemoryAuditStore();
        var access = new CustomerAccess(AccessPolicy.Documents000And001, audit, new FakeClock(Instant.FromUtc(2026, 3, 2, 1, 0)));
        using var file = new MemoryStream();
        var count = ProjectedCustomerExport.WriteXlsxAsync(access, principal, Customers, file, "customers.xlsx").GetAwaiter().GetResult();
        file.Position = 0;
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        return (rows, audit.QueryAsync(new AuditQuery()).GetAwaiter().GetResult(), count);
    }

    private static string? Cell(IDictionary<string, object> row, string header) => row.TryGetValue(header, out var v) ? v?.ToString() : null;

    [Fact]
    public void AnAgentsExport_HoldsOnlyTheirCustomers_ContactsMasked_AndNoAmount_AndIsAudited()
    {
        var (rows, trail, count) = Export(new Principal(new AgentId("li.na"), ["agent"]));

        Assert.Equal(1, count);
        var row = Assert.Single(rows);
        Assert.Equal("KH0001", Cell(row, "客户编号"));
        Assert.Equal("张伟", Cell(row, "联系人"));
        Assert.Equal(CustomerFields.Mask(CustomerField.ContactPhone, Phone), Cell(row, "联系电话"));
        Assert.Equal(CustomerFields.Mask(CustomerField.ContactEmail, Email), Cell(row, "邮箱"));
        Assert.True(string.IsNullOrEmpty(Cell(row, "年合作金额")));
        var record = Assert.Single(trail);
        Assert.Equal((AuditAction.Export, "li.na", "1 customers: customers.xlsx"), (record.Entry.Action, record.Entry.Actor, record.Entry.NewValue));
    }

    [Fact]
    public async Task AFileExport_IsRecordedWithTheFilesHash_AndTheSameRowsAsTheStreamExport()
    {
        var folder = Directory.CreateTempSubdirectory("crm-export-");
        try
        {
            var audit = new InMemoryAuditStore();
            var access = new CustomerAccess(AccessPolicy.Documents000And001, audit, new FakeClock(Instant.FromUtc(2026, 3, 2, 1, 0)));
            var path = Path.Combine(folder.FullName, "customers.xlsx");
            var principal = new Principal(new AgentId("li.na"), ["agent"]);

            var count = await ProjectedCustomerExport.WriteXlsxFileAsync(access, principal, Customers, path, "customers.xlsx");

            Assert.Equal(1, count);
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
            var record = Assert.Single(await audit.QueryAsync(new AuditQuery()));
            Assert.Equal("1 customers: customers.xlsx sha256:" + hash, record.Entry.NewValue);
            var rows = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(Export(principal).Rows.Select(r => string.Join("|", r.Values)), rows.Select(r => string.Join("|", r.Values)));
            Assert.Equal([path], Directory.GetFiles(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AFileExport_WhoseRecordCannotBeWritten_LeavesNoNewFile_AndTheOldOneUntouched()
    {
        var folder = Directory.CreateTempSubdirectory("crm-export-");
        try
        {
            var access = new CustomerAccess(AccessPolicy.Documents000And001, new FailingAuditStore(), new FakeClock(Instant.FromUtc(2026, 3, 2, 1, 0)));
            var path = Path.Combine(folder.FullName, "customers.xlsx");
            File.WriteAllText(path, "an older export");

            var error = await Assert.ThrowsAsync<IOException>(() =>
                ProjectedCustomerExport.WriteXlsxFileAsync(access, new Principal(new AgentId("li.na"), ["agent"]), Customers, path, "customers.xlsx"));

            Assert.Equal("audit store down", error.Message);
            Assert.Equal("an older export", File.ReadAllText(path));
            Assert.Equal([path], Directory.GetFiles(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed class FailingAuditStore : IAuditStore
    {
        public Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default) =>
            Task.FromException<IReadOnlyList<AuditRecord>>(new IOException("audit store down"));

        public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<AuditRecord>>([]);
    }

    [Fact]
    public void MarketingsExport_HasEveryCustomer_ButNoContactValueOrAmountInClear()
    {
        var (rows, trail, count) = Export(new Principal(new AgentId("zhou.min"), ["marketing"]));

        Assert.Equal(2, count);
        Assert.Equal(["KH0001", "KH0002"], rows.Select(r => Cell(r, "客户编号")));
        var text = string.Join("|", rows.SelectMany(r => r.Values).Select(v => v?.ToString()));
        Assert.DoesNotContain(Phone, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, text, StringComparison.Ordinal);
        Assert.DoesNotContain("世纪大道", text, StringComparison.Ordinal);
        Assert.DoesNotContain("654321", text, StringComparison.Ordinal);
        Assert.DoesNotContain("科技互联网有限公司 KH0002", text, StringComparison.Ordinal);
        Assert.Equal(AuditAction.Export, Assert.Single(trail).Entry.Action);
    }

    [Fact]
    public void AnAdminsExport_DiffersFromThePlainExportOnlyInThePersonalColumnsItMasks()
    {
        var (rows, _, _) = Export(new Principal(new AgentId("root"), ["admin"]));
        using var plain = new MemoryStream();
        CustomerExporter.WriteXlsx(Customers, plain);
        plain.Position = 0;
        var expected = plain.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();

        Assert.Equal(expected.Count, rows.Count);
        var differing = rows.SelectMany((r, i) => r.Keys.Where(k => Cell(r, k) != Cell(expected[i], k))).Distinct().Order().ToList();
        Assert.Equal(["地址", "年合作金额", "联系电话", "邮箱"], differing);
        Assert.Equal("654321", Cell(expected[0], "年合作金额"));
        Assert.Equal(CustomerFields.Mask(CustomerField.AnnualAmount, "654321 CNY"), Cell(rows[0], "年合作金额"));
    }
}
