using System.Globalization;
using System.Reflection;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Hosting;

/// <summary>The satellite assemblies crm finds when a culture's name is spelled unlike its folder (zh-HANS for zh-Hans).</summary>
public sealed class SatelliteAssembliesTests
{
    private static AssemblyName Satellite(string name, string culture) => new(name) { CultureName = culture };

    [Theory]
    [InlineData("zh-HANS")]
    [InlineData("zh-hans")]
    [InlineData("zh-Hans")]
    public void PathFor_CultureFolderInAnyCase_FindsTheFile(string culture)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("zh-Hans"));
        var file = dir.Write(Path.Combine("zh-Hans", "CrmCore.resources.dll"), "x");

        Assert.Equal(file, SatelliteAssemblies.PathFor(Satellite("CrmCore.resources", culture), dir.FullName));
    }

    [Fact]
    public void PathFor_NoSuchFileOrNotASatellite_Null()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("zh-Hans"));
        dir.Write(Path.Combine("zh-Hans", "CrmCore.resources.dll"), "x");
        dir.Write(Path.Combine("zh-Hans", "CrmCore.dll"), "x");

        Assert.Null(SatelliteAssemblies.PathFor(Satellite("CrmCore.Import.resources", "zh-HANS"), dir.FullName));
        Assert.Null(SatelliteAssemblies.PathFor(Satellite("CrmCore.resources", "zh-HANT"), dir.FullName));
        Assert.Null(SatelliteAssemblies.PathFor(Satellite("CrmCore", "zh-HANS"), dir.FullName));
        Assert.Null(SatelliteAssemblies.PathFor(new AssemblyName("CrmCore.resources"), dir.FullName));
        Assert.Null(SatelliteAssemblies.PathFor(Satellite("CrmCore.resources", "zh-HANS"), dir.File("missing")));
    }

    // The folders beside crm in the build: the zh-Hans texts of the library under the name invariant mode gives them.
    [Fact]
    public void PathFor_BuildOutput_FindsTheLibraryTexts()
    {
        var path = SatelliteAssemblies.PathFor(Satellite("CrmCore.resources", "zh-HANS"), AppContext.BaseDirectory);

        Assert.NotNull(path);
        Assert.Equal("zh-Hans", Path.GetFileName(Path.GetDirectoryName(path)));
        Assert.Equal(CultureInfo.GetCultureInfo("zh-Hans"), AssemblyName.GetAssemblyName(path!).CultureInfo);
    }
}
