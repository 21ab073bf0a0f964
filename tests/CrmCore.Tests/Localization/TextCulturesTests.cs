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

    /// <summary>
    /// Wave 20 review: without culture data .NET renames a culture a host makes by name (zh-Hans-CN becomes zh-HANS-CN) and gives it the
    /// invariant culture as parent; it read English. Such a culture (imitated here: its name in capitals, no parent) is read by its name
    /// less its last part, and a Traditional Chinese one stays English.
    /// </summary>
    [Theory]
    [InlineData("ZH-HANS-CN", true)]
    [InlineData("zh-HANS-HK", true)]
    [InlineData("ZH-CN", true)]
    [InlineData("zh-HANT-TW", false)]
    [InlineData("ZH-HK", false)]
    [InlineData("EN-GB", false)]
    public void IsSimplifiedChinese_ARenamedCultureWithoutParent_IsReadByItsName(string name, bool simplifiedChinese)
    {
        Assert.Equal(simplifiedChinese, TextCultures.IsSimplifiedChinese(new Orphan(name)));
    }

    /// <summary>
    /// Wave 20 review: with ICU the library's cultures are .NET's own, with their data (a culture known by name only would format dates
    /// and numbers as the invariant culture does, and no other test would notice).
    /// </summary>
    [Fact]
    public void Cultures_WithIcu_AreDotnetsOwnWithTheirData()
    {
        Assert.Same(CultureInfo.GetCultureInfo("zh-Hans"), TextCultures.SimplifiedChinese);
        Assert.Same(CultureInfo.GetCultureInfo("en"), TextCultures.English);
        Assert.Equal("zh", TextCultures.SimplifiedChinese.Parent.Name);
        Assert.True(TextCultures.SimplifiedChinese.IsNeutralCulture);
        Assert.Equal("2026年3月1日星期日", new DateTime(2026, 3, 1).ToString("D", TextCultures.SimplifiedChinese));
    }

    /// <summary>A culture as .NET makes one by name without culture data: the name as given, the invariant culture as parent.</summary>
    private sealed class Orphan(string name) : CultureInfo(string.Empty)
    {
        public override string Name => name;

        public override CultureInfo Parent => InvariantCulture;
    }
}
