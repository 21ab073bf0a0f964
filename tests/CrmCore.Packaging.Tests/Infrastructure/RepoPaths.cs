namespace CrmCore.Packaging.Tests.Infrastructure;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the nearest folder above the test binaries that holds CrmCore.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The folder of the approved public API files.</summary>
    public static string ApprovedApi => Path.Combine(Root, "tests", "CrmCore.Packaging.Tests", "PublicApi");

    /// <summary>The library projects under src/ (the crm tool aside), as the packaging rules see them.</summary>
    public static IReadOnlyList<string> LibraryProjects() =>
        Directory.GetDirectories(Path.Combine(Root, "src"))
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".csproj"))
            .Where(File.Exists)
            .Where(p => Path.GetFileNameWithoutExtension(p) != "CrmCore.Cli")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmCore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CrmCore.sln above {AppContext.BaseDirectory}.");
    }
}
