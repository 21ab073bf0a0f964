using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Tests.Localization;

public sealed class PosixLocaleTests
{
    // LC_ALL, then LC_MESSAGES, then LANG; empty ones are skipped; C and POSIX name no language.
    [Theory]
    [InlineData(null, null, "zh_CN.UTF-8", "zh-CN")]
    [InlineData(null, "zh_CN.GB18030", "en_US.UTF-8", "zh-CN")]
    [InlineData("en_GB.UTF-8", "zh_CN.UTF-8", "zh_CN.UTF-8", "en-GB")]
    [InlineData("", "", "zh_SG.UTF-8@pinyin", "zh-SG")]
    [InlineData("C", null, "zh_CN.UTF-8", null)]
    [InlineData(null, "POSIX", "zh_CN.UTF-8", null)]
    [InlineData(null, null, "C.UTF-8", null)]
    [InlineData(null, null, "zh", "zh")]
    [InlineData(null, null, ".UTF-8", null)]
    [InlineData(null, null, null, null)]
    public void CultureName_FirstSetVariable(string? lcAll, string? lcMessages, string? lang, string? expected)
    {
        var variables = new Dictionary<string, string?> { ["LC_ALL"] = lcAll, ["LC_MESSAGES"] = lcMessages, ["LANG"] = lang };

        Assert.Equal(expected, PosixLocale.CultureName(name => variables.GetValueOrDefault(name)));
    }

    // With culture data (this test process) the UI culture is .NET's own, whatever the variables say.
    [Fact]
    public void UiCulture_WithCultureData_IsTheCurrentUiCulture()
    {
        Assert.Same(System.Globalization.CultureInfo.CurrentUICulture, CliLanguage.UiCulture(_ => "zh_CN.UTF-8"));
    }
}
