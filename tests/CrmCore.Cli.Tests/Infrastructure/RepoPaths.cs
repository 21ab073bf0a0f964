namespace CrmCore.Cli.Tests.Infrastructure;

/// <summary>Locates the repository (the folder holding CrmCore.sln) and its sample data.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleData => Path.Combine(Root, "samples", "data");

    public static string Sample(string name) => Path.Combine("samples", "data", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmCore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CrmCore.sln not found above " + AppContext.BaseDirectory);
    }
}
