using System.Reflection;
using System.Runtime.CompilerServices;
using CrmCore.Cli.Hosting;
using CrmCore.Decoding;

namespace CrmCore.Cli.Tests.Hosting;

public sealed class AssemblyBoundaryTests
{
    // crm is a user of the library like any other: it compiles its own copy of the line index instead of seeing CrmCore's internals.
    [Fact]
    public void CrmCore_GrantsNoInternalsToCrm()
    {
        var granted = typeof(CrmCore.Customers.CustomerId).Assembly.GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName)
            .ToList();

        Assert.NotEmpty(granted);
        Assert.DoesNotContain(typeof(CliApplication).Assembly.GetName().Name, granted);
    }

    [Fact]
    public void LineIndex_IsCompiledIntoCrm()
    {
        Assert.Equal(typeof(CliApplication).Assembly, typeof(LineIndex).Assembly);
    }
}
