namespace CrmCore.Desk;

/// <summary>
/// Read-only questions a customer store with an <see cref="ICustomerKeyIndex"/> answers about that index, so that a caller that must not
/// write (an import's dry run) knows whether a lookup would build something first: the keys of customers stored before the key table
/// (written by the first lookup), and the name grams (turned on and built by the first <see cref="CustomerKeyKind.NameBlock"/> lookup).
/// Answering writes nothing. Once a store has said yes to a question it stays yes (keys and grams are kept from then on). The memory,
/// SQLite and PostgreSQL stores implement it; a store that does not is taken to look up without writing.
/// </summary>
internal interface ICustomerKeyIndexState
{
    /// <summary>Whether every stored customer has its keys, so that a lookup of non-name-block keys writes nothing.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>True when no customer is waiting for its keys.</returns>
    ValueTask<bool> KeysCompleteAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the name grams are on and built for every stored customer, so that a <see cref="CustomerKeyKind.NameBlock"/>
    /// lookup only reads.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>True when a similar-name lookup writes nothing.</returns>
    ValueTask<bool> SimilarNamesReadyAsync(CancellationToken cancellationToken = default);
}
