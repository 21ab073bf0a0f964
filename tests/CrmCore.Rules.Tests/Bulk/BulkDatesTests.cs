using CrmCore.Rules.Bulk;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Rules.Tests.Bulk;

/// <summary>
/// The bulk kernels' date arithmetic gives exactly the values of <see cref="Facts.CustomerFacts"/> (the days since the last interaction:
/// <see cref="CustomerFactsDaysSinceTests"/>).
/// </summary>
public class BulkDatesTests
{
    [Property(MaxTest = 500)]
    public Property DayNumber_AnyIsoDate_SameAsPeriodDaysBetween() => Prop.ForAll(
        Gen.Choose(-3_600_000, 2_900_000).ToArbitrary(),
        days =>
        {
            var epoch = new LocalDate(1970, 1, 1);
            var date = epoch.PlusDays(days);
            Assert.Equal(Period.DaysBetween(epoch, date), BulkDates.DayNumber(date));
        });
}
