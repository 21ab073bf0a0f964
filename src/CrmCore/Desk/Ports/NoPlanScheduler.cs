using NodaTime;

namespace CrmCore.Desk;

/// <summary>The desk's plan port when no plans are registered: raises nothing. Thread-safe (stateless).</summary>
public sealed class NoPlanScheduler : IPlanScheduler
{
    private NoPlanScheduler()
    {
    }

    /// <summary>The one instance.</summary>
    public static NoPlanScheduler Instance { get; } = new();

    /// <inheritdoc />
    public Task<IReadOnlyList<IDomainEvent>> AdvanceAsync(Instant now, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IDomainEvent>>([]);
}
