using NodaTime;

namespace CrmCore.Storage;

/// <summary>The in-memory <see cref="IOutbox"/>: stores append through <see cref="Append"/>. Nothing survives the process. Thread-safe.</summary>
public sealed class InMemoryOutbox : IOutbox
{
    private readonly List<(OutboxMessage Message, Instant? PublishedAt)> _messages = [];
    private readonly Lock _gate = new();

    /// <summary>Appends a message (the in-memory stores call this as part of a change).</summary>
    /// <param name="aggregateId">The aggregate's id.</param>
    /// <param name="eventType">The event's type name.</param>
    /// <param name="payload">The event as JSON.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <returns>The stored message with its sequence number.</returns>
    public OutboxMessage Append(string aggregateId, string eventType, string payload, Instant occurredAt)
    {
        lock (_gate)
        {
            var message = new OutboxMessage(_messages.Count + 1, aggregateId, eventType, payload, occurredAt);
            _messages.Add((message, null));
            return message;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxMessage>> ReadUnpublishedAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 10_000);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxMessage>>([.. _messages.Where(m => m.PublishedAt is null).Take(max).Select(m => m.Message)]);
        }
    }

    /// <inheritdoc />
    public Task<int> MarkPublishedAsync(IReadOnlyCollection<long> sequences, Instant at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        lock (_gate)
        {
            var marked = 0;
            foreach (var sequence in sequences.Distinct())
            {
                var index = (int)sequence - 1;
                if (index >= 0 && index < _messages.Count && _messages[index].PublishedAt is null)
                {
                    _messages[index] = (_messages[index].Message, at);
                    marked++;
                }
            }

            return Task.FromResult(marked);
        }
    }
}
