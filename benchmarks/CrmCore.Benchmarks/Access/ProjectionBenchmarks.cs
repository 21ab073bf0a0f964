using System.Globalization;
using BenchmarkDotNet.Attributes;
using CrmCore.Access;
using CrmCore.Agents;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Benchmarks.Access;

/// <summary>
/// Projecting 100,000 customers (two contacts each) into <see cref="CustomerView"/>s. The baseline builds the same views with every
/// field readable and nothing masked (what a store without field security hands out); the others mask as the policy says: the
/// default agent role of documents 000/001 (contacts masked, amount hidden), and a worst case where every field is masked.
/// Goal (issue 16): masked at most 2x the baseline.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ProjectionBenchmarks
{
    private const int Count = 100_000;
    private CustomerState[] _customers = null!;
    private RolePolicy _readAll = null!;
    private RolePolicy _agent = null!;
    private RolePolicy _maskAll = null!;

    [GlobalSetup]
    public void Setup()
    {
        var at = Instant.FromUtc(2026, 3, 1, 0, 0);
        _customers = new CustomerState[Count];
        for (var i = 0; i < Count; i++)
        {
            var n = i.ToString("D6", CultureInfo.InvariantCulture);
            var customer = Customer.Create(
                new CustomerId("KH" + n),
                new CustomerProfile
                {
                    Name = "上海某某制造有限公司" + n,
                    ShortName = "某某" + n,
                    Industry = Industry.Manufacturing,
                    FirstContactOn = new LocalDate(2024, 1, 1).PlusDays(i % 700),
                    AccountManager = new AgentId("agent" + (i % 50).ToString(CultureInfo.InvariantCulture)),
                    Transactions = new TransactionSummary(new LocalDate(2023, 1, 1), Money.Cny(10_000 + i), ["ERP", "MES"], 12),
                    Contacts =
                    [
                        new Contact("张伟" + n, ContactRole.DecisionMaker) { Phone = "138" + n + "00", Email = "zw" + n + "@example.com", Address = "上海市浦东新区世纪大道" + n + "号", Birthday = new AnnualDate(5, 20) },
                        new Contact("李娜" + n, ContactRole.TechnicalLead) { Phone = "139" + n + "11", Email = "ln" + n + "@example.com" },
                    ],
                },
                at);
            customer.Tag(at, "高价值");
            customer.AssignTier(at, "A");
            _customers[i] = customer.ToState();
        }

        _readAll = new RolePolicy("read-all", RecordScope.All, null, FieldAccess.Read);
        var agent = AccessPolicy.Documents000And001.Roles["agent"];
        _agent = new RolePolicy("agent-all", RecordScope.All, CustomerFields.All.ToDictionary(f => f, agent.AccessTo));
        _maskAll = new RolePolicy("mask-all", RecordScope.All, null, FieldAccess.Masked);
    }

    [Benchmark(Baseline = true)]
    public int Unmasked() => Run(_readAll, mask: false);

    [Benchmark]
    public int MaskedAgent() => Run(_agent, mask: true);

    [Benchmark]
    public int MaskedEveryField() => Run(_maskAll, mask: true);

    private int Run(RolePolicy role, bool mask)
    {
        var total = 0;
        foreach (var customer in _customers)
        {
            total += CustomerAccess.Build(role, customer, mask).Contacts.Count;
        }

        return total;
    }
}
