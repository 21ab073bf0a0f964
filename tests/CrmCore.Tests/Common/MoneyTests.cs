namespace CrmCore.Tests.Common;

public class MoneyTests
{
    [Fact]
    public void Constructor_NoCurrency_IsCny() => Assert.Equal("CNY", new Money(10m).Currency);

    [Fact]
    public void Default_Instance_IsZeroCny() => Assert.Equal(Money.Cny(0), default(Money));

    [Fact]
    public void Constructor_LowerCaseCurrency_IsUpperCased() => Assert.Equal(new Money(5m, "USD"), new Money(5m, "usd"));

    [Theory]
    [InlineData("")]
    [InlineData("CN")]
    [InlineData("CNYX")]
    [InlineData("C1Y")]
    [InlineData("人民币")]
    public void Constructor_BadCurrency_Throws(string currency) => Assert.Throws<ArgumentException>(() => new Money(1m, currency));

    [Fact]
    public void Add_SameCurrency_Sums() => Assert.Equal(Money.Cny(150_000.50m), Money.Cny(100_000m) + Money.Cny(50_000.50m));

    [Fact]
    public void Subtract_SameCurrency_Subtracts() => Assert.Equal(Money.Cny(-1m), Money.Cny(1m) - Money.Cny(2m));

    [Fact]
    public void Add_OtherCurrency_Throws() => Assert.Throws<ArgumentException>(() => Money.Cny(1m) + new Money(1m, "USD"));

    [Fact]
    public void Compare_OtherCurrency_Throws() => Assert.Throws<ArgumentException>(() => Money.Cny(1m) < new Money(2m, "USD"));

    [Fact]
    public void Compare_SameCurrency_OrdersByAmount()
    {
        Assert.True(Money.Cny(500_000m) >= Money.Cny(100_000m));
        Assert.True(Money.Cny(99_999.99m) < Money.Cny(100_000m));
    }

    [Fact]
    public void ToString_Formats_Invariant() => Assert.Equal("1234.5 CNY", Money.Cny(1234.5m).ToString());
}
