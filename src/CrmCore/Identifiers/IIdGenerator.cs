namespace CrmCore.Identifiers;

/// <summary>
/// Issues new ids of type <typeparamref name="TId"/>. The library's default is <see cref="PatternIdGenerator{TId}"/>;
/// a host that brings its own ids registers its own implementation (the DI registration uses <c>TryAdd</c>, so it wins when registered first).
/// Implementations must be thread-safe and must never issue the same id twice.
/// </summary>
/// <typeparam name="TId">The id type, for example <c>CustomerId</c> or <c>TicketId</c>.</typeparam>
public interface IIdGenerator<out TId>
{
    /// <summary>Issues the next id.</summary>
    /// <returns>A new id, never issued before by this generator.</returns>
    /// <exception cref="IdSequenceExhaustedException">No sequence number is left in the current period.</exception>
    TId Next();
}
