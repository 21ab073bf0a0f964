using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using System.Xml.Linq;
using CrmCore.Packaging.Tests.Infrastructure;

namespace CrmCore.Packaging.Tests.Consumer;

/// <summary>
/// Takes the packages as a consuming team does: packs every project under src/ into a local folder, builds and runs a
/// small program that references the packages (not the projects) and runs the README's "Embedding it" code, and installs
/// the crm tool from the folder. This catches what project references hide: missing content, embedded resources,
/// dependencies and native assets. The consumer has its own NuGet cache and configuration, and the packages a version
/// no other run uses, so nothing stale can be picked up.
/// </summary>
public sealed class ConsumerTests : IDisposable
{
    // Hang guards, not speed limits: packing takes about a minute on a quiet 2-core machine, but more than 8 minutes when
    // the machine is shared by several builds (the guard fired at load average 85), and CI allows 90 minutes in all.
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(25);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(12);
    private const string Marker = "consumer: the README example ran";

    private readonly string _work = Path.Combine(Path.GetTempPath(), "crmcore-consumer-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _version = "0.0.0-consumer." + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public void Packages_FromALocalFolder_RunTheReadmeExampleAndInstallTheTool()
    {
        Directory.CreateDirectory(_work);
        Console.WriteLine($"consumer test folder: {_work}");
        // Stop the consumer from inheriting any Directory.Build.* or central package file above the temp folder.
        File.WriteAllText(Path.Combine(_work, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(_work, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(_work, "Directory.Packages.props"), "<Project />\n");
        var feed = Path.Combine(_work, "feed");

        var projects = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "src"))
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".csproj"))
            .Where(File.Exists)
            .ToList();
        Pack(projects, feed);

        var libraries = projects.Select(Path.GetFileNameWithoutExtension).Where(p => p != "CrmCore.Cli").Cast<string>().ToList();
        foreach (var id in projects.Select(Path.GetFileNameWithoutExtension).Cast<string>())
        {
            Assert.True(File.Exists(Path.Combine(feed, $"{id}.{_version}.nupkg")), $"{id}: no package in {feed}");
            Assert.True(File.Exists(Path.Combine(feed, $"{id}.{_version}.snupkg")), $"{id}: no symbol package in {feed}");
            AssertPackageContents(id, feed);
        }

        foreach (var id in libraries)
        {
            AssertSymbolsAreSourceLinkedWithoutLocalPaths(id, feed);
        }

        var config = WriteNuGetConfig(feed);
        var consumer = WriteConsumer(libraries);
        var env = IsolatedNuGet();

        var build = Dotnet(["build", consumer, "-c", "Release", "--configfile", config, "-nodeReuse:false"], _work, env, StepTimeout);
        Assert.True(build.ExitCode == 0, $"The consumer does not build against the packages:\n{build}");

        var bin = Path.Combine(Path.GetDirectoryName(consumer)!, "bin", "Release", "net10.0");
        var run = Dotnet([Path.Combine(bin, "Consumer.dll")], _work, env, StepTimeout);
        Assert.True(run.ExitCode == 0 && run.Output.Contains(Marker, StringComparison.Ordinal), $"The README example failed when run from the packages:\n{run}");
        AssertNativeSqliteForLinuxAndWindows(bin);

        var tools = Path.Combine(_work, "tools");
        var install = Dotnet(["tool", "install", "CrmCore.Cli", "--version", _version, "--tool-path", tools, "--configfile", config], _work, env, StepTimeout);
        Assert.True(install.ExitCode == 0, $"dotnet tool install of crm from the local folder failed:\n{install}");
        var help = ProcessRunner.Run(Path.Combine(tools, OperatingSystem.IsWindows() ? "crm.exe" : "crm"), ["--help"], _work, env, StepTimeout);
        Assert.True(help.ExitCode == 0 && help.Output.Contains("rules", StringComparison.Ordinal), $"The installed crm does not answer --help:\n{help}");
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("CRMCORE_KEEP_CONSUMER") == "1")
        {
            return; // kept for a look at the packages and the consumer: the path is in the test output
        }

        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the next run uses a new one.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private void Pack(IReadOnlyList<string> projects, string feed)
    {
        // One solution with only the shipped projects, built in its own artifacts folder so the repository's bin/obj
        // are not touched; ContinuousIntegrationBuild as in a release, so the PDB paths are normalised.
        var solution = Path.Combine(_work, "pack.slnx");
        var xml = new XElement("Solution", projects.Select(p => new XElement("Project", new XAttribute("Path", Path.GetRelativePath(_work, p).Replace('\\', '/')))));
        File.WriteAllText(solution, xml.ToString());
        var pack = Dotnet(
            [
                "pack", solution, "-c", "Release", "--artifacts-path", Path.Combine(_work, "artifacts"), "-nodeReuse:false",
                $"-p:PackageOutputPath={feed}", $"-p:MinVerVersionOverride={_version}", "-p:ContinuousIntegrationBuild=true",
            ],
            _work,
            new Dictionary<string, string>(),
            PackTimeout);
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed:\n{pack}");
        Assert.DoesNotContain(": warning ", pack.Output, StringComparison.OrdinalIgnoreCase);
    }

    private void AssertPackageContents(string id, string feed)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{_version}.nupkg"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("README.md", entries);
        using var nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("README.md", (string?)metadata.Element(ns + "readme"));
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "description")), $"{id}: no description");
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "tags")), $"{id}: no tags");
        var repository = metadata.Element(ns + "repository");
        Assert.NotNull(repository);
        Assert.False(string.IsNullOrEmpty((string?)repository.Attribute("commit")), $"{id}: the repository element has no commit");
        if (id == "CrmCore.Cli")
        {
            Assert.Contains(metadata.Element(ns + "packageTypes")?.Elements().Select(e => (string?)e.Attribute("name")) ?? [], n => n == "DotnetTool");
        }
        else
        {
            Assert.Contains($"lib/net10.0/{id}.dll", entries);
            Assert.Contains($"lib/net10.0/{id}.xml", entries);
        }
    }

    private void AssertSymbolsAreSourceLinkedWithoutLocalPaths(string id, string feed)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(feed, $"{id}.{_version}.snupkg"));
        var entry = zip.GetEntry($"lib/net10.0/{id}.pdb");
        Assert.NotNull(entry);
        using var copy = new MemoryStream();
        using (var s = entry.Open())
        {
            s.CopyTo(copy);
        }

        copy.Position = 0;
        using var provider = MetadataReaderProvider.FromPortablePdbStream(copy);
        var reader = provider.GetMetadataReader();
        var root = RepoPaths.Root.Replace('\\', '/');
        var documents = reader.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name)).ToList();
        Assert.NotEmpty(documents);
        var local = documents.Where(d => d.Replace('\\', '/').StartsWith(root, StringComparison.Ordinal)).ToList();
        Assert.True(local.Count == 0, $"{id}.pdb names build-machine paths: {string.Join(", ", local.Take(5))}");

        // Every source is reachable: under the SourceLink root (/_/), or embedded in the PDB (generated files in obj/).
        var embeddedSourceKind = new Guid("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
        var unreachable = reader.Documents
            .Where(h => !reader.GetString(reader.GetDocument(h).Name).StartsWith("/_/", StringComparison.Ordinal))
            .Where(h => !reader.GetCustomDebugInformation(h).Select(reader.GetCustomDebugInformation).Any(c => reader.GetGuid(c.Kind) == embeddedSourceKind))
            .Select(h => reader.GetString(reader.GetDocument(h).Name))
            .ToList();
        Assert.True(unreachable.Count == 0, $"{id}.pdb has sources neither source-linked nor embedded: {string.Join(", ", unreachable.Take(5))}");

        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        var sourceLink = reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
            .Select(reader.GetCustomDebugInformation)
            .Where(c => reader.GetGuid(c.Kind) == sourceLinkKind)
            .Select(c => Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value)))
            .SingleOrDefault();
        Assert.True(sourceLink is not null, $"{id}.pdb has no SourceLink");
        Assert.Contains("\"/_/*\"", sourceLink, StringComparison.Ordinal);
        Assert.Contains("https://", sourceLink, StringComparison.Ordinal);
    }

    private string WriteNuGetConfig(string feed)
    {
        // Our packages only from the local folder; their dependencies from the machine's NuGet cache (already filled by
        // this repository's restore), read as a plain folder feed: no network, nothing else.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var config = new XElement(
            "configuration",
            new XElement("packageSources", new XElement("clear"), Source("local", feed), Source("cache", cache)),
            new XElement(
                "packageSourceMapping",
                new XElement("packageSource", new XAttribute("key", "local"), Pattern("CrmCore"), Pattern("CrmCore.*")),
                new XElement("packageSource", new XAttribute("key", "cache"), Pattern("*"))));
        var path = Path.Combine(_work, "nuget.config");
        File.WriteAllText(path, config.ToString());
        return path;

        static XElement Source(string key, string value) => new("add", new XAttribute("key", key), new XAttribute("value", value));
        static XElement Pattern(string pattern) => new("package", new XAttribute("pattern", pattern));
    }

    private string WriteConsumer(IReadOnlyList<string> libraries)
    {
        var dir = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(dir);
        var references = libraries.Select(id => new XElement("PackageReference", new XAttribute("Include", id), new XAttribute("Version", _version))).ToList();
        // The README's code builds a ServiceCollection, which a host brings itself.
        references.Add(new XElement(
            "PackageReference",
            new XAttribute("Include", "Microsoft.Extensions.DependencyInjection"),
            new XAttribute("Version", CentralVersion("Microsoft.Extensions.DependencyInjection"))));
        var project = new XElement(
            "Project",
            new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement(
                "PropertyGroup",
                new XElement("OutputType", "Exe"),
                new XElement("TargetFramework", "net10.0"),
                new XElement("ImplicitUsings", "enable"),
                new XElement("Nullable", "enable"),
                new XElement("AssemblyName", "Consumer")),
            new XElement("ItemGroup", references));
        var path = Path.Combine(dir, "Consumer.csproj");
        File.WriteAllText(path, project.ToString());
        File.WriteAllText(Path.Combine(dir, "Program.cs"), ReadmeExample.Code() + $"System.Console.WriteLine(\"{Marker}\");\n");
        return path;
    }

    private Dictionary<string, string> IsolatedNuGet() => new()
    {
        ["NUGET_PACKAGES"] = Path.Combine(_work, "packages"),
        ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(_work, "http-cache"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_UI_LANGUAGE"] = "en",
    };

    private static void AssertNativeSqliteForLinuxAndWindows(string bin)
    {
        // A package that brings Microsoft.Data.Sqlite must bring the native SQLite too, for every RID a consumer runs on.
        if (!File.Exists(Path.Combine(bin, "Microsoft.Data.Sqlite.dll")))
        {
            return;
        }

        Assert.True(File.Exists(Path.Combine(bin, "runtimes", "linux-x64", "native", "libe_sqlite3.so")), "No native SQLite for linux-x64 in the consumer's output");
        Assert.True(File.Exists(Path.Combine(bin, "runtimes", "win-x64", "native", "e_sqlite3.dll")), "No native SQLite for win-x64 in the consumer's output");
    }

    private static string CentralVersion(string id)
    {
        var props = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Packages.props"));
        return props.Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == id).Attribute("Version")!.Value;
    }

    private static ProcessResult Dotnet(IEnumerable<string> args, string dir, IReadOnlyDictionary<string, string> env, TimeSpan timeout) =>
        ProcessRunner.Run(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", args, dir, env, timeout);
}
