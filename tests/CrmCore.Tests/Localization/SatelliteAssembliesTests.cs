using System.Globalization;
using System.Reflection;
using CrmCore.Localization;

namespace CrmCore.Tests.Localization;

/// <summary>The satellite assemblies the library (and crm) find when a culture's name is spelled unlike its folder (zh-HANS for zh-Hans).</summary>
public sealed class SatelliteAssembliesTests
{
    private static AssemblyName Satellite(string name, string culture) => new(name) { CultureName = culture };

    [Theory]
    [InlineData("zh-HANS")]
    [InlineData("zh-hans")]
    [InlineData("zh-Hans")]
    public void PathFor_CultureFolderInAnyCase_FindsTheFile(string culture)
    {
        var dir = Directory.CreateTempSubdirectory("crm-satellites-");
        try
        {
            var file = Write(dir, "zh-Hans", "CrmCore.resources.dll");

            Assert.Equal(file, SatelliteAssemblies.PathFor(Satellite("CrmCore.resources", culture), dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void PathFor_NoSuchFileOrNotASatellite_Null()
    {
        var dir = Directory.CreateTempSubdirectory("crm-satellites-");
        try
        {
            Write(dir, "zh-Hans", "CrmCore.resources.dll");
            Write(dir, "zh-Hans", "CrmCore.dll");

            Assert.Null(SatelliteAssemblies.PathFor(Satellite("CrmCore.Import.resources", "zh-HANS"), dir.FullName));
            Assert.Null(SatelliteAssemblies.PathFor(Satellite("CrmCore.resources", "zh-HANT"), dir.FullName));
            Assert.Null(SatelliteAssemblies.PathFor(Satellite("CrmCore", "zh-HANS"), dir.FullName));
            Assert.Null(SatelliteAssemblies.PathFor(new AssemblyName("CrmCore.resources"), dir.FullName));
            Assert.Null(SatelliteAssemblies.PathFor(Satellite("CrmCore.resources", "zh-HANS"), Path.Combine(dir.FullName, "missing")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // The folders beside the library in the build: the zh-Hans texts of the library under the name invariant mode gives them.
    [Fact]
    public void PathFor_BuildOutput_FindsTheLibraryTexts()
    {
        var path = SatelliteAssemblies.PathFor(Satellite("CrmCore.resources", "zh-HANS"), AppContext.BaseDirectory);

        Assert.NotNull(path);
        Assert.Equal("zh-Hans", Path.GetFileName(Path.GetDirectoryName(path)));
        Assert.Equal(CultureInfo.GetCultureInfo("zh-Hans"), AssemblyName.GetAssemblyName(path!).CultureInfo);
    }

    private static string Write(DirectoryInfo dir, string folder, string name)
    {
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(dir.FullName, folder)).FullName, name);
        File.WriteAllText(path, "x");
        return path;
    }
}
