using NodaTime;

namespace CrmCore;

/// <summary>
/// A NodaTime <see cref="IClock"/> that reads a <see cref="TimeProvider"/>, so a host that already uses <see cref="TimeProvider"/>
/// (or its <c>FakeTimeProvider</c> in tests) drives CrmCore with the same time. <c>AddCrmCore()</c> uses it when a
/// <see cref="TimeProvider"/> is registered. Thread-safe when the provider is.
/// </summary>
public sealed class TimeProviderClock : IClock
{
    private readonly TimeProvider provider;

    /// <summary>Creates a clock over a time provider.</summary>
    /// <param name="provider">The provider; its <see cref="TimeProvider.GetUtcNow"/> gives the instant.</param>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is null.</exception>
    public TimeProviderClock(TimeProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        this.provider = provider;
    }

    /// <summary>The current instant of the provider.</summary>
    /// <returns>The provider's <see cref="TimeProvider.GetUtcNow"/> as an <see cref="Instant"/>.</returns>
    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(provider.GetUtcNow());
}
