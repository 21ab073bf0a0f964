namespace CrmCore.Desk;

/// <summary>
/// Implemented by an <see cref="IStoreTransactions"/> that can tell, without beginning anything, whether one of its transactions is
/// open on the current flow: <see cref="OpenTransaction"/> asks it first, so that work outside a transaction (a customer save, a desk
/// command's events) does not begin and dispose a transaction only to learn that none was open.
/// </summary>
internal interface IOpenTransactionProbe
{
    /// <summary>True when a transaction of these transactions is open on the current flow (a <see cref="IStoreTransactions.Begin"/>
    /// now would join it). Allocates nothing.</summary>
    bool IsOpenOnFlow { get; }
}
