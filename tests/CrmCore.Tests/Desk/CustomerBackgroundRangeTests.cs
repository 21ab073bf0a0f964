using CrmCore.Desk;

namespace CrmCore.Tests.Desk;

/// <summary>
/// A host's <see cref="CustomerBackground"/> is checked where the host sets it: the rule facts built from it refuse a negative count or a
/// CSAT average outside 1 to 5 (the ranges CRM070 relies on), so a background holding one would otherwise fail later, inside a ticket's
/// intake, far from the host's code that made it.
/// </summary>
public sealed class CustomerBackgroundRangeTests
{
    [Theory]
    [InlineData(0.99)]
    [InlineData(0)]
    [InlineData(5.01)]
    [InlineData(-1)]
    public void CsatAverage_OutsideOneToFive_IsRefusedWhereItIsSet(double csat)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerBackground { CsatAverage = (decimal)csat });

        Assert.Equal(nameof(CustomerBackground.CsatAverage), error.ParamName);
    }

    [Fact]
    public void NegativeCounts_AreRefusedWhereTheyAreSet()
    {
        Assert.Equal(
            nameof(CustomerBackground.ComplaintsPrev60Days),
            Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerBackground { ComplaintsPrev60Days = -1 }).ParamName);
        Assert.Equal(
            nameof(CustomerBackground.ConsultationsPrev60Days),
            Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerBackground { ConsultationsPrev60Days = -1 }).ParamName);
    }

    [Fact]
    public void TheEndsOfTheRanges_AndNone_AreKept()
    {
        var low = new CustomerBackground { CsatAverage = 1m, ComplaintsPrev60Days = 0, ConsultationsPrev60Days = 0 };
        var high = new CustomerBackground { CsatAverage = 5m, ComplaintsPrev60Days = int.MaxValue };

        Assert.Equal((1m, 0, 0), (low.CsatAverage, low.ComplaintsPrev60Days, low.ConsultationsPrev60Days));
        Assert.Equal((5m, int.MaxValue), (high.CsatAverage, high.ComplaintsPrev60Days));
        Assert.Null(new CustomerBackground().CsatAverage);
    }
}
