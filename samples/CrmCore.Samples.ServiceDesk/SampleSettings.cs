using System.Globalization;
using CrmCore.Localization;
using CrmCore.Rules.Desk;
using NodaTime;

namespace CrmCore.Samples.ServiceDesk;

/// <summary>What the sample month runs on. The defaults are the showcase: February 2026 in Shanghai, with Spring Festival.</summary>
internal sealed record SampleSettings
{
    /// <summary>The fewest customers the month can run with (one, so that every ticket has a customer to raise it).</summary>
    public const int MinCustomers = 1;

    /// <summary>The most customers <c>--customers</c> accepts.</summary>
    public const int MaxCustomers = 100_000;

    /// <summary>The fewest tickets <c>--tickets</c> accepts.</summary>
    public const int MinTickets = 1;

    /// <summary>The most tickets <c>--tickets</c> accepts.</summary>
    public const int MaxTickets = 1_000_000;

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

    /// <summary>
    /// Reads <c>--seed N</c>, <c>--customers N</c> (1–100,000), <c>--tickets N</c> (1–1,000,000), <c>--lang en|zh-Hans</c>,
    /// <c>--store sqlite[:path]|memory|postgresql:&lt;connection string&gt;</c>.
    /// </summary>
    /// <exception cref="SampleUsageException">An option is unknown, lacks its value or has a value out of its range; the message names the
    /// option and what it accepts, in the language of <c>--lang</c> (English when that is missing or itself wrong).</exception>
    public static SampleSettings Parse(IReadOnlyList<string> args)
    {
        // The language first, wherever it stands, so that every other mistake is reported in it.
        var culture = TextCultures.English;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (args[i] == "--lang")
            {
                culture = Language(args[i + 1]);
            }
        }

        var settings = new SampleSettings { Culture = culture };
        for (var i = 0; i < args.Count; i += 2)
        {
            var option = args[i];
            if (option is not ("--seed" or "--customers" or "--tickets" or "--lang" or "--store"))
            {
                throw Usage(culture, $"unknown option '{option}'", $"未知选项“{option}”");
            }

            if (i + 1 >= args.Count)
            {
                throw Usage(culture, $"option {option} needs a value", $"选项 {option} 需要一个值");
            }

            var value = args[i + 1];
            settings = option switch
            {
                "--seed" => settings with { Seed = Number(culture, option, value, int.MinValue, int.MaxValue) },
                "--customers" => settings with { Customers = Number(culture, option, value, MinCustomers, MaxCustomers) },
                "--tickets" => settings with { Tickets = Number(culture, option, value, MinTickets, MaxTickets) },
                "--lang" => settings,
                _ => settings with { Store = ParseStore(culture, value) },
            };
        }

        return settings;
    }

    /// <summary>The options and their ranges, for the end of every usage error.</summary>
    public static string Options(CultureInfo culture) => TextCultures.IsSimplifiedChinese(culture)
        ? "选项：--seed 整数，--customers 1–100000，--tickets 1–1000000，--lang en|zh-Hans，--store sqlite[:路径]|memory|postgresql:<连接字符串>"
        : "Options: --seed N (any whole number), --customers 1-100000, --tickets 1-1000000, --lang en|zh-Hans, --store sqlite[:path]|memory|postgresql:<connection string>";

    private static int Number(CultureInfo culture, string option, string value, int min, int max)
    {
        var range = min == int.MinValue
            ? (En: "a whole number", Zh: "整数")
            : (En: string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}"), Zh: string.Create(CultureInfo.InvariantCulture, $"{min} 到 {max} 之间的整数"));
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            throw Usage(culture, $"{option} '{value}' is not valid: expected {range.En}", $"{option}“{value}”无效：应为{range.Zh}");
        }

        return (int)number;
    }

    private static SampleStore ParseStore(CultureInfo culture, string value)
    {
        try
        {
            return SampleStore.Parse(value, culture);
        }
        catch (ArgumentException e)
        {
            throw new SampleUsageException(e.Message + Environment.NewLine + Options(culture));
        }
    }

    private static SampleUsageException Usage(CultureInfo culture, string en, string zhHans) =>
        new((TextCultures.IsSimplifiedChinese(culture) ? "错误：" + zhHans + "。" : "error: " + en + ".") + Environment.NewLine + Options(culture));

    // en and zh-Hans through the library's own instances, which exist even where .NET makes no culture by name (no ICU); the sample has
    // texts in no other language, so any other name is a usage error (in English: there is no language to say it in).
    private static CultureInfo Language(string name) =>
        name.ToLowerInvariant() is "en" or "en-us" or "en-gb" ? TextCultures.English
        : name.ToLowerInvariant() is "zh" or "zh-hans" or "zh-cn" or "zh-sg" or "zh-hans-cn" ? TextCultures.SimplifiedChinese
        : throw Usage(TextCultures.English, $"--lang '{name}' is not valid: expected en or zh-Hans (zh, zh-CN)", $"--lang“{name}”无效：应为 en 或 zh-Hans（zh、zh-CN）");
}
