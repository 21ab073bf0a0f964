using System.Collections;
using System.Globalization;
using System.Resources;
using CrmCore.Import.Localization;

namespace CrmCore.Import.Tests;

/// <summary>
/// Every row note (a <c>Note_</c> resource; its code is the key without the prefix and without a wording's variant) has a row in the
/// table of note codes in docs/import.md giving its English text, and the table names no code the import does not give: an analyst
/// filtering the JSON report by code finds each one explained.
/// </summary>
public sealed class NoteCodeDocsTests
{
    [Fact]
    public void DocsTable_ListsEveryNoteCode_WithItsEnglishText()
    {
        var rows = DocsTable();
        var notes = NoteTexts();

        Assert.NotEmpty(notes);
        foreach (var (code, english) in notes)
        {
            Assert.True(rows.TryGetValue(code, out var row), $"docs/import.md has no row for the note code `{code}`");
            Assert.True(row.Contains(english, StringComparison.Ordinal), $"the row of `{code}` in docs/import.md does not give its text \"{english}\": {row}");
        }

        var codes = notes.Select(n => n.Code).ToHashSet(StringComparer.Ordinal);
        Assert.All(rows.Keys, code => Assert.Contains(code, codes));
    }

    private static List<(string Code, string English)> NoteTexts()
    {
        var set = ImportStrings.Resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!;
        var notes = new List<(string, string)>();
        foreach (DictionaryEntry entry in set)
        {
            if (entry.Key is string key && key.StartsWith("Note_", StringComparison.Ordinal))
            {
                var code = key["Note_".Length..];
                code = code.Contains('_', StringComparison.Ordinal) ? code[..code.IndexOf('_', StringComparison.Ordinal)] : code;
                notes.Add((code, (string)entry.Value!));
            }
        }

        return notes;
    }

    private static Dictionary<string, string> DocsTable()
    {
        var lines = File.ReadAllLines(Path.Combine(Samples.Folder, "..", "..", "..", "docs", "import.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("| note code |", StringComparison.Ordinal));
        Assert.True(start >= 0, "docs/import.md has no table of note codes (\"| note code |\")");
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var first = line.Split('|', StringSplitOptions.TrimEntries)[1];
            Assert.True(first.Length > 2 && first[0] == '`' && first[^1] == '`', $"a row of the note codes without a code: {line}");
            Assert.True(rows.TryAdd(first[1..^1], line), $"docs/import.md lists the note code {first} twice");
        }

        return rows;
    }
}
