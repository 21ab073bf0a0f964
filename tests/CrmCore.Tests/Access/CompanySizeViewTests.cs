using CrmCore.Access;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Tests.Support;
using static CrmCore.Tests.Access.AccessData;

namespace CrmCore.Tests.Access;

/// <summary>
/// QA, wave 18: the access view showed the company size as .NET's record text (<c>CompanySize { Employees = 120, AnnualRevenue = 5000000 CNY }</c>).
/// It reads as the export's two parts, under the policy's one field name <c>size</c>.
/// </summary>
public sealed class CompanySizeViewTests
{
    private readonly CustomerAccess _access = new(AccessPolicy.Documents000And001, new InMemoryAuditStore(), TestData.NewClock());

    [Theory]
    [InlineData(120, 5_000_000, "employees=120, annualRevenue=5000000 CNY")]
    [InlineData(120, null, "employees=120")]
    [InlineData(null, 5_000_000, "annualRevenue=5000000 CNY")]
    [InlineData(null, null, null)]
    public void Project_ShowsTheSizeInTheExportsParts(int? employees, int? revenue, string? expected)
    {
        var customer = C1 with { Size = new CompanySize(employees, revenue is { } r ? Money.Cny(r) : null) };

        Assert.Equal(expected, _access.Project(Analyst, customer)[CustomerField.Size]);
        Assert.Equal(expected, _access.Project(Supervisor, customer)[CustomerField.Size]);
        Assert.Equal("size", CustomerFields.NameOf(CustomerField.Size));
    }
}
