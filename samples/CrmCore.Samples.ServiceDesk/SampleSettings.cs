using System.Globalization;
using CrmCore.Localization;
using CrmCore.Rules.Desk;
using NodaTime;

namespace CrmCore.Samples.ServiceDesk;

/// <summary>What the sample month runs on. The defaults are the showcase: February 2026 in Shanghai, with Spring Festival.</summary>
internal sealed record SampleSettings
{
    public int Seed { get; init; } = 20260201;

    public YearMonth Month { get; init; } = new(2026, 2);

    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public int Customers { get; init; } = 3000;

    public int Tickets { get; init; } = 10_000;

    /// <summary>Which executor runs the rule pack behind the desk's priority and routing ports.</summary>
    public RuleBackend RuleBackend { get; init; } = RuleBackend.Compiled;

    public CultureInfo Culture { get; init; } = TextCultures.English;

    /// <summary>Where the desk keeps its state: by default a fresh temporary SQLite file of this run's own, deleted at the end.</summary>
    public SampleStore Store { get; init; } = SampleStore.TemporarySqlite();

    /// <summary>Reads <c>--seed N</c>, <c>--customers N</c>, <c>--tickets N</c>, <c>--lang en|zh-Hans</c>, <c>--store sqlite[:path]|memory|postgresql:&lt;connection string&gt;</c>.</summary>
    public static SampleSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new SampleSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value.");
            settings = args[i] switch
            {
                "--seed" => settings with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--customers" => settings with { Customers = int.Parse(value, CultureInfo.InvariantCulture) },
                "--tickets" => settings with { Tickets = int.Parse(value, CultureInfo.InvariantCulture) },
                "--lang" => settings with { Culture = Language(value) },
                "--store" => settings with { Store = SampleStore.Parse(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --seed N, --customers N, --tickets N, --lang en|zh-Hans."),
            };
            i++;
        }

        return settings;
    }

    // en and zh-Hans through the library's own instances, which exist even where .NET makes no culture by name (no ICU); any other
    // name as .NET knows it.
    private static CultureInfo Language(string name) =>
        string.Equals(name, "en", StringComparison.OrdinalIgnoreCase) ? TextCultures.English
        : string.Equals(name, "zh-Hans", StringComparison.OrdinalIgnoreCase) ? TextCultures.SimplifiedChinese
        : CultureInfo.GetCultureInfo(name);
}
