using System.Globalization;
using CrmCore.Agents;
using CrmCore.Churn;
using CrmCore.Localization;
using CrmCore.Tickets;

namespace CrmCore.Tests.Localization;

/// <summary>
/// The one mapping from a UI culture to the library's texts: Simplified Chinese cultures (<c>zh</c>, <c>zh-CN</c>, <c>zh-SG</c>,
/// <c>zh-Hans</c> and below it) read zh-Hans; Traditional Chinese ones (no zh-Hant texts) and every other culture read English.
/// </summary>
public sealed class TextCulturesTests
{
    public static TheoryData<string, bool> Cultures => new()
    {
        { "zh", true },
        { "zh-CN", true },
        { "zh-SG", true },
        { "zh-Hans", true },
        { "zh-Hans-CN", true },
        { "zh-Hans-HK", true },
        { "zh-TW", false },
        { "zh-HK", false },
        { "zh-MO", false },
        { "zh-Hant", false },
        { "zh-Hant-TW", false },
        { "en", false },
        { "en-US", false },
        { "fr-FR", false },
        { "", false },
    };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void For_CultureName_IsZhHansOrEnglish(string name, bool simplifiedChinese)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        Assert.Equal(simplifiedChinese, TextCultures.IsSimplifiedChinese(culture));
        Assert.Equal(simplifiedChinese ? "zh-Hans" : "en", TextCultures.For(culture).Name);
    }

    // A resource lookup of the library (the zh-Hans resx): .NET's own fallback goes zh -> invariant, skipping zh-Hans.
    [Theory]
    [MemberData(nameof(Cultures))]
    public void DisplayNames_Of_CultureName_ZhHansTextOrEnglish(string name, bool simplifiedChinese)
    {
        Assert.Equal(simplifiedChinese ? "已关闭" : "Closed", DisplayNames.Of(TicketStatus.Closed, CultureInfo.GetCultureInfo(name)));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void DisplayNames_Of_CurrentUICulture_ZhHansTextOrEnglish(string name, bool simplifiedChinese)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            Assert.Equal(simplifiedChinese ? "已关闭" : "Closed", DisplayNames.Of(TicketStatus.Closed));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    // The library's other language choices ask the same question.
    [Theory]
    [MemberData(nameof(Cultures))]
    public void OtherTexts_CultureName_FollowTheSameMapping(string name, bool simplifiedChinese)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        Assert.Equal(simplifiedChinese ? "离线" : "Offline", Availability.Offline.DisplayName(culture));
        Assert.Equal(simplifiedChinese ? "满意度低" : "Low CSAT", new ChurnFactor("csat", 10, "Low CSAT", "满意度低").ReasonFor(culture));
        Assert.Equal(simplifiedChinese, CrmCore.Metrics.ReportLabels.For(culture).IsChinese);
    }
}
