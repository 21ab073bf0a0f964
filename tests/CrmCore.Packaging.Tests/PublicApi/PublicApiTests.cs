using System.Reflection;
using CrmCore.Packaging.Tests.Infrastructure;
using PublicApiGenerator;

namespace CrmCore.Packaging.Tests.PublicApi;

/// <summary>
/// The public API of every library package, as text, against the approved file committed next to this test
/// (<c>PublicApi/&lt;Assembly&gt;.approved.txt</c>). A change that is not recorded fails with the diff; record it with
/// <c>eng/update-public-api.sh</c> and review it with the rest of the change.
/// </summary>
public class PublicApiTests
{
    /// <summary>Set to 1 by eng/update-public-api.sh: the tests write the approved files instead of comparing.</summary>
    private const string UpdateVariable = "CRMCORE_UPDATE_PUBLIC_API";

    private static readonly string[] ExcludedAttributes =
    [
        "System.Runtime.Versioning.TargetFrameworkAttribute",
        // Compiler-generated state-machine names (<X>d__17) change when an unrelated private member is added.
        "System.Runtime.CompilerServices.AsyncStateMachineAttribute",
        "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute",
        "System.Runtime.CompilerServices.IteratorStateMachineAttribute",
        "System.Reflection.AssemblyMetadataAttribute",
        "System.Reflection.AssemblyInformationalVersionAttribute",
        "System.Reflection.AssemblyFileVersionAttribute",
        "System.Reflection.AssemblyConfigurationAttribute",
        "System.Reflection.AssemblyCompanyAttribute",
        "System.Reflection.AssemblyProductAttribute",
        "System.Reflection.AssemblyTitleAttribute",
        "System.Reflection.AssemblyDescriptionAttribute",
    ];

    /// <summary>The library assemblies this test project references: every project under src/ but the crm tool.</summary>
    public static TheoryData<string> Packages()
    {
        var data = new TheoryData<string>();
        foreach (var project in RepoPaths.LibraryProjects())
        {
            data.Add(Path.GetFileNameWithoutExtension(project));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void PublicApi_MatchesApprovedFile(string package)
    {
        var assembly = Assembly.Load(new AssemblyName(package));
        var api = Normalize(assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ExcludedAttributes }));
        var approvedPath = Path.Combine(RepoPaths.ApprovedApi, package + ".approved.txt");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(approvedPath, api);
            return;
        }

        Assert.True(
            File.Exists(approvedPath),
            $"{package} has no approved public API file ({approvedPath}). Run eng/update-public-api.sh and commit the file.");
        var approved = Normalize(File.ReadAllText(approvedPath));
        var diff = TextDiff.Lines(approved, api);
        Assert.True(
            diff.Length == 0,
            $"The public API of {package} changed and the change is not recorded in {approvedPath}.\n" +
            $"If it is intended, run eng/update-public-api.sh and commit the file (a removal or signature change breaks consumers: see docs/packaging.md).\n" +
            $"- approved, + now:\n{diff}");
    }

    [Fact]
    public void ApprovedFiles_EachBelongsToALibraryProject()
    {
        var packages = RepoPaths.LibraryProjects().Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        var orphans = Directory.GetFiles(RepoPaths.ApprovedApi, "*.approved.txt")
            .Select(f => Path.GetFileName(f)[..^".approved.txt".Length])
            .Where(p => !packages.Contains(p))
            .ToList();
        Assert.True(orphans.Count == 0, $"Approved API files without a project under src/: {string.Join(", ", orphans)}. Delete them or restore the project.");
    }

    [Fact]
    public void TestOnlyTypes_AreNotPublic()
    {
        // Types that only tests and benchmarks use stay internal (they see them through InternalsVisibleTo).
        string[] internalOnly =
        [
            "CrmCore.Rules.Bulk.InternTable", "CrmCore.Rules.Explain.ExplainLabels",
            "CrmCore.CrmOptionsValidator", "CrmCore.Routing.RoutingOptionsValidator",
        ];
        var exported = new[] { "CrmCore", "CrmCore.Rules" }
            .SelectMany(a => Assembly.Load(new AssemblyName(a)).GetExportedTypes())
            .Select(t => t.FullName)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var type in internalOnly)
        {
            Assert.DoesNotContain(type, exported);
        }
    }

    private static string Normalize(string text) => string.Join('\n', TextDiff.Split(text)) + "\n";
}
