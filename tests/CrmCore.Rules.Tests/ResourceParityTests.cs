using System.Collections;
using System.Globalization;
using System.Resources;
using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Tests;

/// <summary>
/// Every English resource table of CrmCore.Rules has a zh-Hans table with the same keys, each in Chinese: a key missing from the zh-Hans
/// resx falls back to English at run time without a word, so only a test can see it (wave 19 review: deleting two sandbox entries from
/// DiagnosticStrings.zh-Hans.resx passed every test).
/// </summary>
public sealed class ResourceParityTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    /// <summary>The base names of the assembly's resource tables (<c>CrmCore.Rules.Diagnostics.DiagnosticStrings</c>).</summary>
    public static TheoryData<string> Tables => [.. TableNames()];

    [Fact]
    public void TheAssembly_HasItsDiagnosticTable()
    {
        Assert.Contains("CrmCore.Rules.Diagnostics.DiagnosticStrings", TableNames());
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void ZhHansTable_HasTheEnglishKeys_EachInChinese(string table)
    {
        var resources = new ResourceManager(table, typeof(RuleDiagnostic).Assembly);
        var english = Entries(resources, CultureInfo.InvariantCulture);
        var chinese = Entries(resources, Chinese);

        var missing = english.Keys.Except(chinese.Keys).Order(StringComparer.Ordinal).ToList();
        var extra = chinese.Keys.Except(english.Keys).Order(StringComparer.Ordinal).ToList();
        var untranslated = chinese.Where(e => english.TryGetValue(e.Key, out var en) && (e.Value == en || !e.Value.Any(IsHan)))
            .Select(e => e.Key).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"{table}: keys with no zh-Hans entry: {string.Join(", ", missing)}");
        Assert.True(extra.Count == 0, $"{table}: zh-Hans keys with no English entry: {string.Join(", ", extra)}");
        Assert.True(untranslated.Count == 0, $"{table}: zh-Hans entries that are not Chinese: {string.Join(", ", untranslated)}");
    }

    private static List<string> TableNames() =>
    [
        .. typeof(RuleDiagnostic).Assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".resources", StringComparison.Ordinal))
            .Select(n => n[..^".resources".Length]),
    ];

    /// <summary>The entries of one culture's own table (no fallback to the parent culture).</summary>
    private static Dictionary<string, string> Entries(ResourceManager resources, CultureInfo culture)
    {
        // Owned by the resource manager's cache: not disposed here.
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.True(set is not null, $"{resources.BaseName}: no table for '{culture.Name}'");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
}
