using System.Reflection;
using System.Text.RegularExpressions;

namespace CrmCore.Storage;

/// <summary>One numbered migration script embedded in a provider assembly (<c>V001__name.sql</c>).</summary>
internal sealed partial record SchemaScript(int Version, string Name, string Sql)
{
    /// <summary>Reads every <c>V###__name.sql</c> resource of <paramref name="assembly"/>, ordered by version; versions must be 1, 2, 3, ...</summary>
    public static IReadOnlyList<SchemaScript> Load(Assembly assembly)
    {
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema scripts of {assembly.GetName().Name} must be numbered 1, 2, 3, ... without gaps; found V{scripts[i].Version:000} at position {i + 1}.");
            }
        }

        return scripts;
    }

    [GeneratedRegex(@"V(\d{3})__([A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
