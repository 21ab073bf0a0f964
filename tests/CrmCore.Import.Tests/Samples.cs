using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Import.Tests;

/// <summary>Paths of the dirty sample files in samples/data/import and a fresh importer.</summary>
internal static class Samples
{
    public static string Folder { get; } = System.IO.Path.Combine(FindRoot(), "samples", "data", "import");

    public static string Path(string name) => System.IO.Path.Combine(Folder, name);

    public static FakeClock Clock() => new(Instant.FromUtc(2026, 3, 10, 2, 0));

    public static CustomerImporter Importer(ICustomerRepository store, CustomerImportOptions? options = null) => new(store, Clock(), options);

    public static async Task<List<CustomerState>> AllAsync(ICustomerRepository store)
    {
        var all = new List<CustomerState>();
        await foreach (var state in store.ListAsync())
        {
            all.Add(state);
        }

        return all;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "CrmCore.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (CrmCore.sln) was not found above " + AppContext.BaseDirectory);
    }
}
