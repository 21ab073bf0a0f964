using System.Globalization;
using CrmCore.Churn;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Tests.Churn;

/// <summary>
/// The churn model's rules stated exactly: when an assessment counts as entering the high band, what the trend is, which
/// factors are refused (with the parameter and message), which culture reads the Chinese reason, and how the in-memory
/// history orders entries (an equal time replaces, an older one is ignored).
/// </summary>
public sealed class ChurnModelTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 1, 0);
    private static readonly CustomerId Customer = new("C1");

    [Theory]
    [InlineData(ChurnBand.High, null, false, true)]
    [InlineData(ChurnBand.High, ChurnBand.Medium, false, true)]
    [InlineData(ChurnBand.High, ChurnBand.Low, false, true)]
    [InlineData(ChurnBand.High, ChurnBand.High, false, false)]
    [InlineData(ChurnBand.Medium, null, false, false)]
    [InlineData(ChurnBand.Low, ChurnBand.High, false, false)]
    [InlineData(ChurnBand.High, ChurnBand.Medium, true, false)]
    public void EnteredHighBand_OnlyACurrentMoveIntoHigh(ChurnBand band, ChurnBand? previous, bool outOfDate, bool expected) =>
        Assert.Equal(expected, (Assessment(band) with { PreviousBand = previous, IsOutOfDate = outOfDate }).EnteredHighBand);

    [Fact]
    public void Trend_IsScoreMinusPrevious_OrNullWithoutOne()
    {
        Assert.Null(Assessment(ChurnBand.High).Trend);
        Assert.Equal(-12, (Assessment(ChurnBand.High) with { PreviousScore = 82 }).Trend);
        Assert.Equal(0, (Assessment(ChurnBand.High) with { PreviousScore = 70 }).Trend);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Factor_NonFinitePoints_IsRefusedWithParameterAndMessage(double points)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ChurnFactor("X", points, "reason"));

        Assert.Equal("points", e.ParamName);
        Assert.StartsWith("Churn factor points must be a finite number.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factor_BlankNameOrReason_IsRefusedByName_NegativeAndZeroPointsAreKept()
    {
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new ChurnFactor(" ", 1, "r")).ParamName);
        Assert.Equal("reason", Assert.Throws<ArgumentException>(() => new ChurnFactor("X", 1, " ")).ParamName);
        Assert.Equal(-5.5, new ChurnFactor("X", -5.5, "r").Points);
        Assert.Equal(0, new ChurnFactor("X", 0, "r").Points);
        Assert.Equal(("X", "r"), (new ChurnFactor("X", 0, "r").Name, new ChurnFactor("X", 0, "r").Reason));
    }

    [Fact]
    public void Factor_ChineseReason_ForSimplifiedChineseCultures_BlankMeansNone()
    {
        var factor = new ChurnFactor("csat", 10, "Low CSAT", "满意度低");

        Assert.Equal("Low CSAT", factor.ReasonFor(CultureInfo.GetCultureInfo("zh-TW")));
        Assert.Equal("满意度低", factor.ReasonFor(CultureInfo.GetCultureInfo("zh")));
        Assert.Equal("Low CSAT", factor.ReasonFor(CultureInfo.InvariantCulture));
        Assert.Null(new ChurnFactor("csat", 10, "Low CSAT", "  ").ReasonZhHans);
        Assert.Equal("Low CSAT", new ChurnFactor("csat", 10, "Low CSAT", "  ").ReasonFor(CultureInfo.GetCultureInfo("zh-Hans")));

        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal("满意度低", factor.ReasonFor());
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal("Low CSAT", factor.ReasonFor());
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void History_ExchangeAtTheSameInstant_ReplacesTheEntry()
    {
        var history = new InMemoryChurnHistory();
        var first = new ChurnHistoryEntry(T0, 40, ChurnBand.Medium);
        var again = new ChurnHistoryEntry(T0, 75, ChurnBand.High);

        history.Exchange(Customer, first);

        Assert.Equal(new ChurnHistoryExchange(first, Stored: true), history.Exchange(Customer, again));
        Assert.Same(again, history.GetLatest(Customer));
    }

    [Fact]
    public void History_Save_OverwritesEvenWithAnOlderEntry()
    {
        var history = new InMemoryChurnHistory();
        var older = new ChurnHistoryEntry(T0 - Duration.FromDays(1), 10, ChurnBand.Low);

        history.Save(Customer, new ChurnHistoryEntry(T0, 40, ChurnBand.Medium));
        history.Save(Customer, older);

        Assert.Same(older, history.GetLatest(Customer));
    }

    [Fact]
    public void History_EmptyCustomerOrNullEntry_IsRefusedWithParameterAndMessage()
    {
        var history = new InMemoryChurnHistory();
        var entry = new ChurnHistoryEntry(T0, 1, ChurnBand.Low);

        var save = Assert.Throws<ArgumentException>(() => history.Save(default, entry));
        var exchange = Assert.Throws<ArgumentException>(() => history.Exchange(default, entry));

        Assert.All([save, exchange], e =>
        {
            Assert.Equal("customer", e.ParamName);
            Assert.StartsWith("The customer id must not be empty.", e.Message, StringComparison.Ordinal);
        });
        Assert.Equal("entry", Assert.Throws<ArgumentNullException>(() => history.Save(Customer, null!)).ParamName);
        Assert.Equal("entry", Assert.Throws<ArgumentNullException>(() => history.Exchange(Customer, null!)).ParamName);
        Assert.Null(history.GetLatest(Customer));
    }

    private static ChurnAssessment Assessment(ChurnBand band) => new()
    {
        Customer = Customer,
        EvaluatedAt = T0,
        Score = 70,
        Band = band,
        Factors = [],
    };
}
