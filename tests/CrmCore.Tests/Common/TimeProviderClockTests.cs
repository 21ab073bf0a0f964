using NodaTime;

namespace CrmCore.Tests.Common;

public class TimeProviderClockTests
{
    [Fact]
    public void GetCurrentInstant_ReadsProvider()
    {
        var provider = new FixedTimeProvider(new DateTimeOffset(2024, 3, 4, 9, 30, 0, TimeSpan.FromHours(8)));

        Assert.Equal(Instant.FromUtc(2024, 3, 4, 1, 30), new TimeProviderClock(provider).GetCurrentInstant());
    }

    [Fact]
    public void Constructor_NullProvider_Throws() => Assert.Throws<ArgumentNullException>(() => new TimeProviderClock(null!));

    internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
