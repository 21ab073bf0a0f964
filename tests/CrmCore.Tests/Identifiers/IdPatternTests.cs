using CrmCore.Identifiers;
using NodaTime;

namespace CrmCore.Tests.Identifiers;

public class IdPatternTests
{
    private static readonly LocalDate May17 = new(2024, 5, 17);

    [Theory]
    [InlineData("C{yyyyMM}{seq:3}", 1, "C202405001")]
    [InlineData("KH{seq:4}", 1, "KH0001")]
    [InlineData("WT{yyyyMM}{seq:3}", 42, "WT202405042")]
    [InlineData("T-{yyyyMMdd}-{seq:5}", 7, "T-20240517-00007")]
    [InlineData("{yyyy}{seq:2}X", 99, "202499X")]
    public void Format_ValidPattern_GivesExpectedId(string pattern, long sequence, string expected) =>
        Assert.Equal(expected, IdPattern.Parse(pattern).Format(May17, sequence));

    [Theory]
    [InlineData("C{yyyyMM}{seq:3}", "202405")]
    [InlineData("KH{seq:4}", "")]
    [InlineData("{yyyy}-{yyyyMMdd}{seq:1}", "202420240517")]
    public void PeriodOf_Date_IsTheDateTokens(string pattern, string expected) => Assert.Equal(expected, IdPattern.Parse(pattern).PeriodOf(May17));

    [Theory]
    [InlineData("", 0, "needs a {seq:N}")]
    [InlineData("C{yyyyMM}", 9, "needs a {seq:N}")]
    [InlineData("C{yyyyMM{seq:3}", 1, "not closed")]
    [InlineData("C}{seq:3}", 1, "without a matching")]
    [InlineData("C{yyMM}{seq:3}", 2, "unknown token '{yyMM}'")]
    [InlineData("C{seq:0}", 6, "from 1 to 18")]
    [InlineData("C{seq:x}", 6, "from 1 to 18")]
    [InlineData("C{seq:19}", 6, "from 1 to 18")]
    [InlineData("{seq:2}{seq:3}", 7, "second one")]
    [InlineData("C {seq:3}", 1, "white space")]
    [InlineData("C{seq", 1, "not closed")]
    public void Parse_InvalidPattern_ThrowsNamingPosition(string pattern, int position, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => IdPattern.Parse(pattern));

        Assert.Contains($"at position {position}:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Equal("pattern", ex.ParamName);
        Assert.False(IdPattern.TryParse(pattern, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Parse_TooLongIds_Throws() => Assert.Throws<ArgumentException>(() => IdPattern.Parse(new string('X', 60) + "{seq:5}"));

    [Fact]
    public void MaxSequence_ThreeDigits_Is999() => Assert.Equal(999, IdPattern.Parse("C{seq:3}").MaxSequence);

    [Fact]
    public void Format_SequenceOutOfRange_Throws()
    {
        var pattern = IdPattern.Parse("C{seq:3}");

        Assert.Throws<ArgumentOutOfRangeException>(() => pattern.Format(May17, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => pattern.Format(May17, 1000));
    }

    [Theory]
    [InlineData("C202405017", true, "202405", 17)]
    [InlineData("C20240501", false, "", 0)]
    [InlineData("X202405017", false, "", 0)]
    [InlineData("C2024O5017", false, "", 0)]
    [InlineData("C202405000", false, "202405", 0)]
    public void TryMatch_Id_ReadsPeriodAndSequence(string id, bool matches, string period, long sequence)
    {
        var pattern = IdPattern.Parse("C{yyyyMM}{seq:3}");

        Assert.Equal(matches, pattern.TryMatch(id, out var p, out var s));
        if (matches)
        {
            Assert.Equal((period, sequence), (p, s));
        }
    }

    [Fact]
    public void TryMatch_FormattedId_RoundTrips()
    {
        var pattern = IdPattern.Parse("T-{yyyyMMdd}-{seq:5}");

        Assert.True(pattern.TryMatch(pattern.Format(May17, 12345), out var period, out var sequence));
        Assert.Equal(("20240517", 12345L), (period, sequence));
    }
}
