namespace CrmCore.Desk;

/// <summary>
/// Receives the desk's events after each command and each <see cref="ServiceDesk.AdvanceAsync"/>, after the stores were written
/// (notifications, webhooks, an outbox). Register any number in DI. A subscriber that throws does not undo the command; the exception
/// reaches the caller of the command. A command run inside a host's own store transaction (<see cref="IJoinedStoreTransaction"/>)
/// hands its events over when that transaction commits, on the host's flow, and never when it rolls back; an exception then reaches
/// the caller of the host's commit, after the commit. The desk calls its subscribers one command at a time, those a host's commit hands
/// over included (they wait for the desk's running command), so a subscriber is never called concurrently by one desk; for the same
/// reason it must not call the desk's commands itself (they would wait for it).
/// </summary>
public interface IDeskEventSubscriber
{
    /// <summary>Handles events.</summary>
    /// <param name="events">The events of one command, oldest first.</param>
    /// <param name="cancellationToken">Cancels the handling.</param>
    /// <returns>A task that completes when handled.</returns>
    ValueTask OnEventsAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken);
}
