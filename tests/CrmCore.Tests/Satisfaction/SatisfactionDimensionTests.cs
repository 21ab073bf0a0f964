using CrmCore.Satisfaction;

namespace CrmCore.Tests.Satisfaction;

public class SatisfactionDimensionTests
{
    [Fact]
    public void Equality_SameCode_AreEqual()
    {
        Assert.Equal(SatisfactionDimension.Price, new SatisfactionDimension("Price"));
        Assert.NotEqual(SatisfactionDimension.Price, new SatisfactionDimension("price"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Constructor_EmptyCode_Throws(string code)
    {
        Assert.Throws<ArgumentException>(() => new SatisfactionDimension(code));
    }

    [Fact]
    public void Constructor_TooLongCode_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SatisfactionDimension(new string('x', 65)));
    }

    [Fact]
    public void CompareTo_OrdersByCodeOrdinally()
    {
        Assert.True(SatisfactionDimension.Communication < SatisfactionDimension.Price);
        Assert.Equal("ResponseSpeed", SatisfactionDimension.ResponseSpeed.ToString());
    }
}
