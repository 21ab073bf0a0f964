using System.Globalization;
using CrmCore.Normalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Normalization;

public class NormalizerTests
{
    [Theory]
    [InlineData("  上海　某某  ", "上海 某某")]
    [InlineData("ＡＢＣ１２３", "ABC123")]
    [InlineData("a\t\r\nb", "a b")]
    [InlineData("   ", null)]
    [InlineData("", null)]
    [InlineData("plain", "plain")]
    public void TextNormalizer_Clean_TrimsAndWidens(string raw, string? expected) => Assert.Equal(expected, TextNormalizer.Clean(raw));

    [Theory]
    [InlineData("客户反馈：系统很慢！请尽快处理（紧急）；谢谢。", "客户反馈：系统很慢！请尽快处理（紧急）；谢谢。", "客户反馈:系统很慢!请尽快处理(紧急);谢谢。")]
    [InlineData("𠮷野家（中国）", "𠮷野家（中国）", "𠮷野家(中国)")]
    [InlineData("型号ＡＢ－１２　［新］", "型号AB－12 ［新］", "型号AB-12 [新]")]
    [InlineData("１，２００万", "1，200万", "1,200万")]
    [InlineData("ｌｉ＠ｅｘａｍｐｌｅ．ｃｎ", "li＠example．cn", "li@example.cn")]
    public void TextNormalizer_Clean_KeepsFullWidthPunctuation_FoldMakesItAscii(string raw, string clean, string folded)
    {
        Assert.Equal(clean, TextNormalizer.Clean(raw));
        Assert.Equal(folded, TextNormalizer.Fold(raw));
        Assert.Equal(folded, TextNormalizer.Fold(TextNormalizer.Clean(raw)));
    }

    [Theory]
    [InlineData("2026-03-01")]
    [InlineData("2026/3/1")]
    [InlineData("2026.3.1")]
    [InlineData("2026年3月1日")]
    [InlineData("２０２６年３月１日")]
    [InlineData("２０２６／３／１")]
    [InlineData("２０２６－０３－０１　１４：００")]
    [InlineData("20260301")]
    [InlineData("2026-03-01 14:00")]
    [InlineData("2026/3/1 9:30:00")]
    [InlineData("46082")]
    [InlineData("46082.75")]
    public void DateNormalizer_TryParse_AcceptsAnalystForms(string raw)
    {
        Assert.True(DateNormalizer.TryParse(raw, out var date), raw);
        Assert.Equal(new LocalDate(2026, 3, 1), date);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026/13/1")]
    [InlineData("明天")]
    [InlineData("3/1")]
    [InlineData("2026-03-01 中午")]
    [InlineData("0")]
    [InlineData("")]
    public void DateNormalizer_TryParse_RejectsNonDates(string raw) => Assert.False(DateNormalizer.TryParse(raw, out _), raw);

    [Property]
    public Property DateNormalizer_ExcelSerial_RoundTrips() => Prop.ForAll(Gen.Choose(1, 2_900_000).ToArbitrary(), days =>
        DateNormalizer.TryFromExcelSerial(days, out var date) && DateNormalizer.ToExcelSerial(date) == days);

    [Theory]
    [InlineData("1,250,000", 1_250_000)]
    [InlineData("１，２５０，０００", 1_250_000)]
    [InlineData("１，２００万", 12_000_000)]
    [InlineData("￥１２．５万", 125_000)]
    [InlineData("－３００", -300)]
    [InlineData("50万", 500_000)]
    [InlineData("50万元", 500_000)]
    [InlineData("¥12.5万", 125_000)]
    [InlineData("1.2亿", 120_000_000)]
    [InlineData("8000元", 8000)]
    [InlineData("8000 RMB", 8000)]
    [InlineData("-300", -300)]
    [InlineData("0.5", 0.5)]
    public void AmountNormalizer_TryParse_ReadsUnits(string raw, double expected)
    {
        Assert.True(AmountNormalizer.TryParse(raw, out var amount), raw);
        Assert.Equal((decimal)expected, amount);
    }

    [Theory]
    [InlineData("五十万")]
    [InlineData("50万5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1.2.3")]
    public void AmountNormalizer_TryParse_RejectsNonAmounts(string raw) => Assert.False(AmountNormalizer.TryParse(raw, out _), raw);

    [Theory]
    [InlineData("13812345678", "+8613812345678")]
    [InlineData("138 1234 5678", "+8613812345678")]
    [InlineData("138-1234-5678", "+8613812345678")]
    [InlineData("+86 138 1234 5678", "+8613812345678")]
    [InlineData("+86-138-1234-5678", "+8613812345678")]
    [InlineData("008613812345678", "+8613812345678")]
    [InlineData("8613812345678", "+8613812345678")]
    [InlineData("１３８１２３４５６７８", "+8613812345678")]
    [InlineData("１３８－１２３４－５６７８", "+8613812345678")]
    [InlineData("（０２１）１２３４　５６７８", "+862112345678")]
    [InlineData("021-12345678", "+862112345678")]
    [InlineData("(021) 1234 5678", "+862112345678")]
    [InlineData("+86 21 1234 5678", "+862112345678")]
    [InlineData("0755-8765432", "+867558765432")]
    [InlineData("010-12345678转808", "+861012345678")]
    [InlineData("+86 10 8888 9999", "+861088889999")]
    [InlineData("+861088889999", "+861088889999")]
    [InlineData("400-800-1234", "+864008001234")]
    [InlineData("+1 415 555 0100", "+14155550100")]
    public void PhoneNormalizer_TryNormalize_GivesOneCanonicalForm(string raw, string expected)
    {
        Assert.True(PhoneNormalizer.TryNormalize(raw, out var canonical), raw);
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("12345678")]
    [InlineData("1234")]
    [InlineData("12812345678")]
    [InlineData("电话")]
    [InlineData("")]
    public void PhoneNormalizer_TryNormalize_RejectsNumbersWithoutALine(string raw) => Assert.False(PhoneNormalizer.TryNormalize(raw, out _), raw);

    [Property]
    public Property PhoneNormalizer_CanonicalForm_IsAFixedPoint()
    {
        var mobiles = Gen.Choose(3, 9).SelectMany(second => Gen.Choose(0, 99_999_999).Select(rest => $"1{second}{rest:D9}"));
        return Prop.ForAll(mobiles.ToArbitrary(), mobile =>
            PhoneNormalizer.TryNormalize(mobile, out var canonical)
            && PhoneNormalizer.TryNormalize(canonical, out var again) && again == canonical
            && PhoneNormalizer.TryNormalize($"{mobile[..3]} {mobile[3..7]}-{mobile[7..]}", out var spaced) && spaced == canonical
            && PhoneNormalizer.TryNormalize($"+86-{mobile[..3]}-{mobile[3..7]}-{mobile[7..]}", out var dashed, out var none) && dashed == canonical
            && none.Length == 0
            && !PhoneNormalizer.TryGetKey($"+86-{mobile[..3]}-{mobile[3..7]}-{mobile[7..]}-{mobile[^3..]}", out _)
            && !PhoneNormalizer.TryGetKey($"{mobile[..3]}-{mobile[3..7]}-{mobile[7..]}-{mobile[^3..]}", out _)
            && canonical == "+86" + mobile);
    }

    [Property(MaxTest = 300)]
    public Property PhoneNormalizer_ADashExtensionAfterALandline_IsReadAlikeAtHomeAndWithTheCountryCode()
    {
        // An area code without its trunk 0 and a local number of 7 or 8 digits (a national number of 9 to 11 digits), and an extension
        // of 1 to 6 digits after a dash.
        var landlines =
            from area in Gen.Elements("10", "21", "22", "571", "755", "898")
            from local in Gen.Choose(7, 8).SelectMany(n => Gen.Choose(2, 9).SelectMany(first => Gen.Choose(0, 999_999)
                .Select(rest => first.ToString(CultureInfo.InvariantCulture) + rest.ToString(new string('0', n - 1), CultureInfo.InvariantCulture))))
            from extension in Gen.Choose(1, 6).SelectMany(n => Gen.Choose(0, (int)Math.Pow(10, n) - 1)
                .Select(e => e.ToString(new string('0', n), CultureInfo.InvariantCulture)))
            select (Area: area, Local: local, Extension: extension);
        return Prop.ForAll(landlines.ToArbitrary(), l =>
        {
            var home = $"0{l.Area}-{l.Local}-{l.Extension}";
            string[] forms =
            [
                $"+86-{l.Area}-{l.Local}-{l.Extension}",
                $"+86 {l.Area} {l.Local[..^4]} {l.Local[^4..]}-{l.Extension}",
                $"+86 (0{l.Area}) {l.Local}-{l.Extension}",
                $"86-{l.Area}-{l.Local}-{l.Extension}",
                $"0086-{l.Area}-{l.Local}-{l.Extension}",
                $"＋８６－{l.Area}－{l.Local}－{l.Extension}",
            ];
            Assert.True(PhoneNormalizer.TryNormalize(home, out var homeLine, out var homeExtension), home);
            foreach (var form in forms)
            {
                Assert.True(PhoneNormalizer.TryNormalize(form, out var line, out var extension), form);
                Assert.Equal((homeLine, homeExtension), (line, extension));
            }

            // The whole run of digits is read as a line first: only when it is too long for one is the part after the dash an extension.
            var national = l.Area + l.Local;
            if (national.Length + l.Extension.Length > 11)
            {
                Assert.Equal(("+86" + national, l.Extension), (homeLine, homeExtension));
                Assert.True(PhoneNormalizer.TryGetKey(forms[0], out var key));
                Assert.Equal("+86" + national, PhoneNormalizer.FromKey(key));
            }
            else
            {
                Assert.Equal(("+86" + national + l.Extension, string.Empty), (homeLine, homeExtension));
            }
        });
    }

    [Theory]
    [InlineData(" Zhang.San@Example.COM ", "zhang.san@example.com")]
    [InlineData("ｌｉ＠ｅｘａｍｐｌｅ．ｃｎ", "li@example.cn")]
    public void EmailNormalizer_TryNormalize_LowerCasesAndWidens(string raw, string expected)
    {
        Assert.True(EmailNormalizer.TryNormalize(raw, out var canonical));
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("a@b")]
    [InlineData("a b@example.com")]
    [InlineData("a@@example.com")]
    public void EmailNormalizer_TryNormalize_RejectsNonAddresses(string raw) => Assert.False(EmailNormalizer.TryNormalize(raw, out _));

    [Theory]
    [InlineData("上海某某制造有限公司", "上海某某制造")]
    [InlineData("上海某某制造股份有限公司", "上海某某制造")]
    [InlineData("上海某某制造（中国）有限公司", "上海某某制造")]
    [InlineData("上海某某制造［中国］有限公司", "上海某某制造")]
    [InlineData("𠮷野家（中国）", "𠮷野家")]
    [InlineData("𠮷野家(中国)", "𠮷野家")]
    [InlineData("Acme Trading Co., Ltd.", "acmetrading")]
    [InlineData("Tesco", "tesco")]
    [InlineData("ＡＣＭＥ Inc", "acme")]
    public void CompanyNameNormalizer_Key_DropsLegalForms(string raw, string expected) => Assert.Equal(expected, CompanyNameNormalizer.Key(raw));

    [Fact]
    public void CompanyNameNormalizer_Similarity_ScoresEditDistance()
    {
        Assert.Equal(1, CompanyNameNormalizer.Similarity("上海某某制造", "上海某某制造"));
        Assert.Equal(1 - (1.0 / 6), CompanyNameNormalizer.Similarity("上海某某制造", "上海某菜制造"), 6);
        Assert.Equal(0, CompanyNameNormalizer.Similarity("abc", "xyz"));
    }
}
