namespace CrmCore.Privacy;

/// <summary>
/// Removes given personal values from the places a store keeps copies of them outside the customer and ticket records (the outbox's
/// event payloads). The SQLite and PostgreSQL storages implement it; <see cref="PersonalDataRequests.EraseAsync"/> calls it.
/// </summary>
public interface IPersonalDataScrubber
{
    /// <summary>Replaces every occurrence of each value by <paramref name="replacement"/>.</summary>
    /// <param name="values">The clear values to remove (each at least 2 characters).</param>
    /// <param name="replacement">What to put instead.</param>
    /// <param name="cancellationToken">Cancels before the change commits.</param>
    /// <returns>How many stored items (rows or messages) changed.</returns>
    Task<int> ScrubAsync(IReadOnlyCollection<string> values, string replacement, CancellationToken cancellationToken = default);
}
