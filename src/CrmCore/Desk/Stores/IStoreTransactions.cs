namespace CrmCore.Desk;

/// <summary>
/// Groups the store reads and writes of one desk command into one database transaction on one connection: the ticket with its history,
/// outbox and audit records, the escalation state, the queue entry and the id number commit together or not at all. The desk begins one
/// around every ticket command (raise, pull, assign, the status moves, notes) and commits it before it publishes the events.
/// The default, <see cref="NoStoreTransactions"/>, groups nothing: the in-memory stores write at once and cannot roll back.
/// Implementations must be thread-safe; a transaction belongs to the asynchronous flow that began it.
/// </summary>
public interface IStoreTransactions
{
    /// <summary>
    /// Begins a transaction for the current asynchronous flow. Stores of the same storage called from this flow join it until it is
    /// committed or disposed; a transaction begun while one is open on the same flow joins the open one: the database stores return an
    /// <see cref="IJoinedStoreTransaction"/>, whose commit keeps its work in the open one, whose dispose without a commit undoes only its
    /// own work (a savepoint), and which reports the open one's outcome.
    /// Nothing is opened until a store first needs the database.
    /// </summary>
    /// <returns>The transaction: commit it, then dispose it (disposing without a commit rolls everything back).</returns>
    IStoreTransaction Begin();
}
