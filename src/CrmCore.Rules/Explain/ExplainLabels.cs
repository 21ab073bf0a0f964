using System.Globalization;

namespace CrmCore.Rules.Explain;

/// <summary>The words of explanation text in English and Simplified Chinese (zh-Hans). Thread-safe.</summary>
internal static class ExplainLabels
{
    private static readonly Dictionary<string, (string En, string Zh)> Labels = new(StringComparer.Ordinal)
    {
        ["true"] = ("is true", "为真"),
        ["false"] = ("is false", "为假"),
        ["held"] = ("held", "成立"),
        ["notHeld"] = ("did not hold", "不成立"),
        ["failed"] = ("failed: ", "执行失败："),
        ["failedEnd"] = (" (counts as not held)", "（视为不成立）"),
        ["skipped"] = ("not evaluated (an earlier rule already won)", "未评估（前面的规则已命中）"),
        ["facts"] = ("facts read", "读取的事实"),
        ["null"] = ("(no value)", "（无值）"),
        ["yes"] = ("True", "是"),
        ["no"] = ("False", "否"),
    };

    /// <summary>Gets a label in the given culture: zh-Hans (and zh-CN, zh-SG, zh) give Chinese; every other culture English.</summary>
    /// <param name="key">One of <c>true</c>, <c>false</c>, <c>held</c>, <c>notHeld</c>, <c>failed</c>, <c>failedEnd</c>, <c>skipped</c>, <c>facts</c>, <c>null</c>.</param>
    /// <param name="culture">The culture; the current UI culture when null.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is unknown.</exception>
    public static string Get(string key, CultureInfo? culture = null)
    {
        if (!Labels.TryGetValue(key, out var label))
        {
            throw new ArgumentException($"Unknown label `{key}`.", nameof(key));
        }

        culture ??= CultureInfo.CurrentUICulture;
        return IsChinese(culture) ? label.Zh : label.En;
    }

    internal static bool IsChinese(CultureInfo c) => CrmCore.Localization.TextCultures.IsSimplifiedChinese(c);
}
