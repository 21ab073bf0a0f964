using NodaTime;

namespace CrmCore.Storage;

/// <summary>The in-memory <see cref="IOutbox"/>: stores append through <see cref="Append"/>. Nothing survives the process. Thread-safe.</summary>
public sealed class InMemoryOutbox : IOutbox, Privacy.IPersonalDataScrubber
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

    /// <summary>Removes an erased person's values from every message's payload (published or not), for
    /// <see cref="Privacy.PersonalDataRequests.EraseAsync"/>.</summary>
    /// <param name="values">The clear values to remove.</param>
    /// <param name="replacement">What to put instead.</param>
    /// <param name="cancellationToken">Not used.</param>
    /// <returns>How many messages changed.</returns>
    public Task<int> ScrubAsync(IReadOnlyCollection<string> values, string replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(replacement);
        var changed = 0;
        lock (_gate)
        {
            for (var i = 0; i < _messages.Count; i++)
            {
                var payload = _messages[i].Message.Payload;
                foreach (var value in values.Where(v => v.Length >= 2))
                {
                    payload = payload.Replace(value, replacement, StringComparison.Ordinal);
                }

                if (!string.Equals(payload, _messages[i].Message.Payload, StringComparison.Ordinal))
                {
                    _messages[i] = (_messages[i].Message with { Payload = payload }, _messages[i].PublishedAt);
                    changed++;
                }
            }
        }

        return Task.FromResult(changed);
    }
}
