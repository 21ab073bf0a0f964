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

    /// <summary>
    /// Begins a transaction that its caller commits whole or rolls back whole: on any failure inside it, the caller disposes it without
    /// a commit (the desk's own per-command transactions, an import's batch). Within it, a store call that fails need not undo its own
    /// statements apart from the rest (the whole transaction is rolled back), so the database stores set no savepoint around each write:
    /// on PostgreSQL that saves a <c>SAVEPOINT</c> and a <c>RELEASE</c> round trip per write. Do not catch a store's failure inside it and
    /// go on to commit: what the failed call wrote before it failed could be committed with the rest (begin a nested transaction with
    /// <see cref="Begin"/> around such a call instead: it gets a savepoint of its own). Begun while a transaction is open on the flow, it
    /// joins that one exactly as <see cref="Begin"/> does (with a savepoint of its own), because the open one's owner may go on after
    /// it fails.
    /// </summary>
    /// <returns>The transaction: commit it, then dispose it (disposing without a commit rolls everything back). The default
    /// implementation returns <see cref="Begin"/>'s.</returns>
    IStoreTransaction BeginAllOrNothing() => Begin();
}
