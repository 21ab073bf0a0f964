using System.Reflection;
using CrmCore.Packaging.Tests.Infrastructure;

namespace CrmCore.Packaging.Tests.Localization;

/// <summary>
/// <see cref="CrmException.LocalizedMessage"/> promises that CrmCore's own exceptions give English and zh-Hans texts (QA, wave 18: four
/// only gave the English <see cref="Exception.Message"/>). Every concrete subclass in every library package must override it; the Chinese
/// texts themselves are checked per exception in CrmCore.Tests (<c>CrmExceptionTextsTests</c>).
/// </summary>
public class CrmExceptionOverrideTests
{
    [Fact]
    public void EveryCrmExceptionInEveryPackage_OverridesLocalizedMessage()
    {
        var exceptions = RepoPaths.LibraryProjects()
            .Select(project => Assembly.Load(new AssemblyName(Path.GetFileNameWithoutExtension(project))))
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(CrmException)) && !t.IsAbstract)
            .ToList();
        var missing = exceptions
            .Where(t => t.GetMethod(nameof(CrmException.LocalizedMessage))!.DeclaringType == typeof(CrmException))
            .Select(t => t.FullName);

        Assert.True(exceptions.Count >= 12, $"only {exceptions.Count} exceptions found");
        Assert.Empty(missing);
    }
}
