using System.Globalization;
using CrmCore.Normalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Normalization;

/// <summary>
/// <see cref="DateNormalizer.TryParse"/> reads its numbers without <c>int.Parse</c> and tries a serial number only for digits and a point;
/// these properties hold every typed form of every date, serial numbers, and the texts a number parser would take (NaN, Infinity, signs,
/// exponents) to the answer they must give.
/// </summary>
public class DateFormsPropertyTests
{
    private static readonly string[] Forms = ["{0:D4}-{1:D2}-{2:D2}", "{0}/{1}/{2}", "{0}.{1}.{2}", "{0}年{1}月{2}日", "{0:D4}{1:D2}{2:D2}", "{0}-{1}-{2} 14:30", "{0}年{1}月{2}日 上午9:30"];

    [Property(MaxTest = 2000)]
    public Property EveryForm_GivesTheDate_OrNoneWhenTheDayDoesNotExist()
    {
        var gen = from year in Gen.Choose(1000, 9999)
                  from month in Gen.Choose(0, 13)
                  from day in Gen.Choose(0, 32)
                  from form in Gen.Elements(Forms)
                  select (year, month, day, form);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var text = string.Format(CultureInfo.InvariantCulture, t.form, t.year, t.month, t.day);
            var exists = t.month is >= 1 and <= 12 && t.day >= 1 && t.day <= CalendarSystem.Iso.GetDaysInMonth(t.year, t.month);
            var parsed = DateNormalizer.TryParse(text, out var date);
            return exists ? parsed && date == new LocalDate(t.year, t.month, t.day) : !parsed;
        });
    }

    [Property(MaxTest = 1000)]
    public Property SerialNumbers_CountDaysFrom18991230() =>
        Prop.ForAll(Gen.Choose(1, 2958465).ToArbitrary(), serial =>
            DateNormalizer.TryParse(serial.ToString(CultureInfo.InvariantCulture), out var date) && date == new LocalDate(1899, 12, 30).PlusDays(serial)
            && DateNormalizer.TryParse(serial.ToString(CultureInfo.InvariantCulture) + ".75", out var withTime) && withTime == date);

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    [InlineData("1e4")]
    [InlineData("+46082")]
    [InlineData("-46082")]
    [InlineData("46,082")]
    [InlineData(".")]
    [InlineData("0")]
    [InlineData("2958466")]
    [InlineData("46082.5.1")]
    public void NumberLikeTexts_AreNoDate(string text) => Assert.False(DateNormalizer.TryParse(text, out _));
}
