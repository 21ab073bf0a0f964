using CrmCore.Identifiers;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Identifiers;

public class IdPatternPropertyTests
{
    private static readonly string[] Patterns = ["C{yyyyMM}{seq:3}", "KH{seq:4}", "WT{yyyyMM}{seq:3}", "T-{yyyyMMdd}-{seq:6}", "{yyyy}{seq:1}"];

    [Property(MaxTest = 300)]
    public void Format_ThenTryMatch_GivesBackPeriodAndSequence(byte patternPick, ushort dayOffset, uint sequenceSeed)
    {
        var pattern = IdPattern.Parse(Patterns[patternPick % Patterns.Length]);
        var date = new LocalDate(2000, 1, 1).PlusDays(dayOffset);
        var sequence = 1 + (sequenceSeed % pattern.MaxSequence);

        var id = pattern.Format(date, sequence);

        Assert.Equal(pattern.Length, id.Length);
        Assert.True(pattern.TryMatch(id, out var period, out var matched));
        Assert.Equal((pattern.PeriodOf(date), sequence), (period, matched));
    }
}
