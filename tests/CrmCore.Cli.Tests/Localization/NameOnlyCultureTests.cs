using System.Globalization;
using CrmCore.Cli.Localization;
using CrmCore.Localization;

namespace CrmCore.Cli.Tests.Localization;

/// <summary>
/// Cultures known only by their name, as crm makes them without culture data (invariant globalization mode; the process runs are in
/// <see cref="EndToEnd.InvariantGlobalizationTests"/>): read by their name as the library reads a culture with data.
/// </summary>
public sealed class NameOnlyCultureTests
{
    [Theory]
    [InlineData("zh-Hans", "zh-Hans", "zh")]
    [InlineData("ZH-hans-hk", "zh-Hans-HK", "zh")]
    [InlineData("zh_CN", "zh-CN", "zh")]
    [InlineData("en-gb", "en-GB", "en")]
    [InlineData("EN", "en", "en")]
    [InlineData("es-419", "es-419", "es")]
    [InlineData("klingon", "klingon", "klingon")]
    public void Name_AnySpelling_UsualSpellingAndLanguage(string name, string spelled, string language)
    {
        var culture = new NameOnlyCulture(name);

        Assert.Equal(spelled, culture.Name);
        Assert.Equal(language, culture.TwoLetterISOLanguageName);
    }

    [Fact]
    public void Parent_DropsTheLastPart_DownToTheInvariantCulture()
    {
        var chain = new List<string>();
        for (CultureInfo c = new NameOnlyCulture("zh-Hant-TW"); c.Name.Length > 0; c = c.Parent)
        {
            chain.Add(c.Name);
        }

        Assert.Equal(["zh-Hant-TW", "zh-Hant", "zh"], chain);
        Assert.Same(CultureInfo.InvariantCulture, new NameOnlyCulture("zh").Parent);
    }

    // The same languages as for cultures with data (CliLanguageTests.FromCulture_SimplifiedChineseCulturesGiveChinese).
    [Theory]
    [InlineData("zh", true)]
    [InlineData("zh-CN", true)]
    [InlineData("zh-sg", true)]
    [InlineData("zh-Hans", true)]
    [InlineData("zh-Hans-HK", true)]
    [InlineData("zh-TW", false)]
    [InlineData("zh-Hant", false)]
    [InlineData("zh-Hant-TW", false)]
    [InlineData("en-US", false)]
    [InlineData("klingon", false)]
    public void FromCulture_ByName_SimplifiedChineseGivesChinese(string name, bool chinese)
    {
        Assert.Equal(chinese, CliLanguage.FromCulture(new NameOnlyCulture(name)).IsChinese);
    }

    // Without culture data a name that is not one of crm's languages cannot be checked: the note says so; English, Simplified and
    // Traditional Chinese are known by name.
    [Theory]
    [InlineData("en-GB", null)]
    [InlineData("zh-Hans-HK", null)]
    [InlineData("zh-MO", "note: --lang {0} is Traditional Chinese, which crm has no texts for; messages are in English")]
    [InlineData("fr", "note: .NET runs here without culture data (invariant globalization mode), so --lang {0} cannot be checked; crm has no texts in its language; messages are in English")]
    [InlineData("xx-YY", "note: .NET runs here without culture data (invariant globalization mode), so --lang {0} cannot be checked; crm has no texts in its language; messages are in English")]
    public void FallbackNote_NameOnly_SaysWhatCannotBeChecked(string name, string? note)
    {
        Assert.Equal(note, CliLanguage.FallbackNote(new NameOnlyCulture(name))?.En);
    }

    [Fact]
    public void Constructor_NameDotNetRefuses_Throws()
    {
        Assert.Throws<CultureNotFoundException>(() => new NameOnlyCulture("not a culture"));
    }

    // With culture data (this test process) --lang names are checked against the system's cultures, not read by name.
    [Fact]
    public void CultureOf_WithCultureData_PredefinedCulturesOnly()
    {
        Assert.True(CliLanguage.HasCultureData);
        Assert.IsNotType<NameOnlyCulture>(CliLanguage.CultureOf("zh-CN"));
        Assert.Null(CliLanguage.CultureOf("klingon"));
    }
}
