using System.Globalization;
using CrmCore.Churn;

namespace CrmCore.Tests.Churn;

public class ChurnFactorTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_NonFinitePoints_Throws(double points)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChurnFactor("X", points, "reason"));
    }

    [Fact]
    public void Constructor_EmptyNameOrReason_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ChurnFactor(" ", 1, "reason"));
        Assert.Throws<ArgumentException>(() => new ChurnFactor("X", 1, ""));
    }

    [Fact]
    public void ReasonFor_PicksChineseForZhCulturesWhenGiven()
    {
        var both = new ChurnFactor("LowCsat", 20, "Low CSAT", "满意度低");
        var englishOnly = new ChurnFactor("LowCsat", 20, "Low CSAT", " ");

        Assert.Equal("满意度低", both.ReasonFor(CultureInfo.GetCultureInfo("zh-Hans")));
        Assert.Equal("Low CSAT", both.ReasonFor(CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("Low CSAT", englishOnly.ReasonFor(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Null(englishOnly.ReasonZhHans);
    }
}
