using System.Reflection;
using System.Runtime.Loader;

namespace CrmCore.Localization;

/// <summary>
/// Finds satellite resource assemblies (<c>zh-Hans/CrmCore.resources.dll</c> ...) when .NET asks for them under a culture name spelled
/// differently from their folder. In invariant globalization mode (no ICU), with cultures made by name allowed
/// (<c>PredefinedCulturesOnly</c> off), a culture is renamed (<c>zh-Hans</c> becomes <c>zh-HANS</c>); on a case-sensitive file system
/// the runtime then misses the <c>zh-Hans</c> folder and every text falls back to English. <see cref="TextCultures"/> registers this for
/// the library's own assemblies; <c>crm</c> (which compiles this file in) for everything beside it. Thread-safe.
/// </summary>
internal static class SatelliteAssemblies
{
    private const string ResourcesSuffix = ".resources";

    /// <summary>Resolves, in <paramref name="context"/>, satellite assemblies it failed to find, from the culture folders under
    /// <paramref name="baseDirectory"/>: those of every assembly, or with <paramref name="namePrefix"/> only those whose name starts
    /// with it.</summary>
    public static void Register(AssemblyLoadContext context, string baseDirectory, string? namePrefix = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Resolving += (loader, name) =>
            (namePrefix is null || name.Name?.StartsWith(namePrefix, StringComparison.Ordinal) == true) && PathFor(name, baseDirectory) is { } path
                ? loader.LoadFromAssemblyPath(path)
                : null;
    }

    /// <summary>
    /// The file of a satellite assembly (a <c>*.resources</c> assembly with a culture) in the folder under <paramref name="baseDirectory"/>
    /// whose name is its culture's, compared ignoring case; <see langword="null"/> for another assembly or when there is no such file.
    /// </summary>
    public static string? PathFor(AssemblyName name, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrEmpty(name.CultureName) || name.Name is not { } simple
            || !simple.EndsWith(ResourcesSuffix, StringComparison.OrdinalIgnoreCase) || !Directory.Exists(baseDirectory))
        {
            return null;
        }

        foreach (var folder in Directory.EnumerateDirectories(baseDirectory))
        {
            if (string.Equals(Path.GetFileName(folder), name.CultureName, StringComparison.OrdinalIgnoreCase)
                && Path.Combine(folder, simple + ".dll") is var file && File.Exists(file))
            {
                return file;
            }
        }

        return null;
    }
}
