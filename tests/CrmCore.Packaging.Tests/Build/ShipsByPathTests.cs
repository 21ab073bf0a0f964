using CrmCore.Packaging.Tests.Infrastructure;

namespace CrmCore.Packaging.Tests.Build;

/// <summary>
/// Which projects ship (packable, documented, banned-API checked) is decided by their path below the repository, never by the
/// folder the repository is cloned into: a clone in <c>~/src/crmcore</c> made the samples and the tests packages whose missing XML
/// docs failed the README's main command (QA wave 16, item 1).
/// </summary>
public sealed class ShipsByPathTests
{
    [Theory]
    [InlineData("src/Lib", "true")]
    [InlineData("samples/Sample", "")]
    [InlineData("tests/Lib.Tests", "")]
    public void AProjectShipsOnlyWhenItIsUnderTheRepositorysSrcFolder_WhereverTheRepositoryIs(string project, string ships)
    {
        // A clone whose own path holds a src folder: .../src/clone/.
        var clone = Directory.CreateTempSubdirectory("crm-ships-").CreateSubdirectory("src").CreateSubdirectory("clone").FullName;
        try
        {
            foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
            {
                File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(clone, file));
            }

            var folder = Directory.CreateDirectory(Path.Combine(clone, project)).FullName;
            var csproj = Path.Combine(folder, Path.GetFileName(project) + ".csproj");
            File.WriteAllText(csproj, "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");

            var result = ProcessRunner.Run("dotnet", ["msbuild", csproj, "-getProperty:CrmCoreShips"], folder, new Dictionary<string, string>(), TimeSpan.FromMinutes(2));

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(ships, result.Output.Trim());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(clone))!, recursive: true);
        }
    }
}
