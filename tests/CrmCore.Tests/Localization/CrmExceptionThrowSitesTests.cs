using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrmCore.Calendars;
using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tests.Calendars;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Localization;

/// <summary>
/// A plain <see cref="CrmException"/> (no subclass of its own) thrown anywhere under src/ must speak zh-Hans too, as the exception types
/// of <see cref="CrmExceptionTextsTests"/> do (wave 19: <c>CRM-QUEUE-DUPLICATE</c>, "No rule set is loaded." and the other throw sites
/// were English only). The source is read to find every throw site, so a new one written as <c>new CrmException("...")</c> fails here;
/// each site's resource must have an English and a Chinese text, and each code a line in docs/error-codes.md.
/// </summary>
public sealed partial class CrmExceptionThrowSitesTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void NoPlainCrmException_IsThrownWithAnEnglishTextOnly()
    {
        var plain = SourceFiles()
            .SelectMany(file => PlainConstruction().Matches(File.ReadAllText(file)).Select(m => $"{Relative(file)}: {m.Value}"))
            .ToList();

        Assert.True(plain.Count == 0, "Plain CrmExceptions with an English text only (use CrmException.Worded):" + Environment.NewLine + string.Join(Environment.NewLine, plain));
    }

    [Fact]
    public void EveryWordedThrowSite_HasAnEnglishAndAChineseText_AndADocumentedCode()
    {
        var english = Resources("Strings.resx");
        var chinese = Resources("Strings.zh-Hans.resx");
        var documented = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "error-codes.md"));
        var sites = new List<(string Site, string Code, string Key)>();
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            var calls = WordedCall().Matches(text);
            var literal = WordedCallWithLiterals().Matches(text);
            Assert.True(calls.Count == literal.Count, $"{Relative(file)}: every CrmException.Worded call names its code and key as literals");
            sites.AddRange(literal.Select(m => (Relative(file), m.Groups["code"].Value, m.Groups["key"].Value)));
        }

        Assert.True(sites.Count >= 8, $"only {sites.Count} throw sites found");
        foreach (var (site, code, key) in sites)
        {
            Assert.True(english.TryGetValue(key, out var en) && !en.Any(IsHan), $"{site}: {key} has no English text");
            Assert.True(chinese.TryGetValue(key, out var zh) && zh.Any(IsHan), $"{site}: {key} has no Chinese text");
            Assert.True(documented.Contains($"`{code}`", StringComparison.Ordinal), $"{site}: {code} is not in docs/error-codes.md");
        }
    }

    [Fact]
    public void EveryCrmExceptionTypesCode_IsSetAndDocumented()
    {
        var documented = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "error-codes.md"));
        foreach (var row in CrmExceptionTextsTests.Examples)
        {
            var (why, exception) = ((string)row[0], (CrmException)row[1]);
            Assert.False(string.IsNullOrEmpty(exception.Code), $"{why}: no Code");
            Assert.True(documented.Contains($"`{exception.Code}`", StringComparison.Ordinal), $"{why}: {exception.Code} is not in docs/error-codes.md");
        }
    }

    [Fact]
    public void QueueDuplicate_IsWordedInZhHans()
    {
        var queue = new TicketQueue();
        queue.Enqueue(new QueuedTicket(new TicketId("WT1"), new TeamId("tech"), 10, null, null, Instant.FromUtc(2026, 3, 2, 9, 0)));
        var error = Assert.Throws<CrmException>(() => queue.Enqueue(new QueuedTicket(new TicketId("WT1"), new TeamId("tech"), 99, null, null, Instant.FromUtc(2026, 3, 2, 9, 0))));

        Assert.Equal("CRM-QUEUE-DUPLICATE", error.Code);
        Assert.Equal("Ticket WT1 is already queued; use Update to change it.", error.Message);
        Assert.Equal(error.Message, error.LocalizedMessage(English));
        Assert.Equal("工单 WT1 已在队列中；如需修改，请用 Update。", error.LocalizedMessage(Chinese));
    }

    [Fact]
    public void UnknownCalendar_IsWordedInZhHans_FromTheRegistryAndAProvider()
    {
        var registry = new CalendarRegistry();
        var fromRegistry = Assert.Throws<CrmException>(() => registry.Get("nowhere"));
        var fromProvider = Assert.Throws<CrmException>(() => ((ICalendarProvider)registry).Get("nowhere"));

        foreach (var error in new[] { fromRegistry, fromProvider })
        {
            Assert.Equal("CRM-CALENDAR-UNKNOWN", error.Code);
            Assert.Equal("No business calendar is named 'nowhere'.", error.Message);
            Assert.Equal("没有名为“nowhere”的工作日历。", error.LocalizedMessage(Chinese));
        }
    }

    [Fact]
    public void InvalidConfiguration_ListsEveryProblemInTheCulturesLanguage()
    {
        var loaded = CalendarJson.Load("""{ "name": "cn", "timeZone": "Nowhere/Atlantis" }""");
        Assert.False(loaded.Success);
        var problem = loaded.Problems[0];
        Assert.NotNull(problem.MessageZhHans);

        var error = Assert.Throws<CrmException>(() => loaded.GetValueOrThrow());

        Assert.Equal("CRM-CONFIG-INVALID", error.Code);
        Assert.Contains($"{problem.Where}: {problem.Message}", error.Message, StringComparison.Ordinal);
        var chinese = error.LocalizedMessage(Chinese);
        Assert.StartsWith("BusinessCalendar 配置无效：", chinese, StringComparison.Ordinal);
        Assert.Contains($"{problem.Where}: {problem.MessageZhHans}", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain(problem.Message, chinese, StringComparison.Ordinal);
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');

    private static Dictionary<string, string> Resources(string name) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "src", "CrmCore", "Localization", name)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty, StringComparer.Ordinal);

    [GeneratedRegex(@"new\s+CrmException\s*\(")]
    private static partial Regex PlainConstruction();

    [GeneratedRegex(@"CrmException\.Worded\(")]
    private static partial Regex WordedCall();

    [GeneratedRegex(@"CrmException\.Worded\(\s*""(?<code>CRM-[A-Z-]+)"",\s*""(?<key>\w+)""")]
    private static partial Regex WordedCallWithLiterals();
}
