using System.Reflection;
using System.Runtime.Loader;

namespace CrmCore.Cli.Hosting;

/// <summary>
/// Finds the satellite resource assemblies beside <c>crm</c> (<c>zh-Hans/CrmCore.resources.dll</c> ...) when .NET asks for them under a
/// culture name spelled differently from their folder. In invariant globalization mode (no ICU) a culture created by name is renamed
/// (<c>zh-Hans</c> becomes <c>zh-HANS</c>); on a case-sensitive file system the runtime then misses the <c>zh-Hans</c> folder and every
/// library text falls back to English. Registered once, by <see cref="Program"/>; thread-safe.
/// </summary>
internal static class SatelliteAssemblies
{
    private const string ResourcesSuffix = ".resources";

    /// <summary>Resolves, in <paramref name="context"/>, satellite assemblies it failed to find, from the culture folders under <paramref name="baseDirectory"/>.</summary>
    public static void Register(AssemblyLoadContext context, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Resolving += (loader, name) => PathFor(name, baseDirectory) is { } path ? loader.LoadFromAssemblyPath(path) : null;
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
