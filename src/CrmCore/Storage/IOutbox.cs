using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// The outbox of domain events: stores write events in the same transaction as the change that raised them, and a host's
/// publisher reads the unpublished ones in order and marks them published once delivered (at-least-once delivery: a publisher
/// that dies between delivering and marking delivers again). Thread-safe.
/// </summary>
public interface IOutbox
{
    /// <summary>The oldest unpublished messages, in sequence order.</summary>
    /// <param name="max">At most this many, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The messages; empty when everything is published.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is out of range.</exception>
    Task<IReadOnlyList<OutboxMessage>> ReadUnpublishedAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Marks messages published; marking one twice changes nothing.</summary>
    /// <param name="sequences">The messages' <see cref="OutboxMessage.Sequence"/> numbers.</param>
    /// <param name="at">When they were published.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were newly marked.</returns>
    Task<int> MarkPublishedAsync(IReadOnlyCollection<long> sequences, Instant at, CancellationToken cancellationToken = default);
}
