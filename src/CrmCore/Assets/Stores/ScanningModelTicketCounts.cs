using CrmCore.Desk;
using NodaTime;

namespace CrmCore.Assets;

/// <summary>
/// Counts a model's installed assets and tickets: over the in-memory stores (<see cref="InMemoryAssetRepository"/> and the in-memory
/// ticket stores, what <c>AddCrmCore()</c> registers) it reads their indexes, only the model's assets and their tickets; over a host's
/// own stores it reads every stored asset and ticket. The database storages register a query instead. Thread-safe when the stores are.
/// </summary>
public sealed class ScanningModelTicketCounts : IModelTicketCounts
{
    private readonly IAssetRepository _assets;
    private readonly ITicketRepository _tickets;
    private readonly InMemoryAssetRepository? _memoryAssets;
    private readonly InMemoryTicketRepository? _memoryTickets;

    /// <summary>Creates the counter.</summary>
    /// <param name="assets">The installed base.</param>
    /// <param name="tickets">The tickets.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ScanningModelTicketCounts(IAssetRepository assets, ITicketRepository tickets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(tickets);
        _assets = assets;
        _tickets = tickets;
        _memoryTickets = InMemoryTicketRepository.Of(tickets);
        _memoryAssets = _memoryTickets is null ? null : assets as InMemoryAssetRepository;
    }

    /// <inheritdoc />
    public async ValueTask<ModelTicketCount> CountAsync(string model, LocalDate installedBy, Instant ticketsFrom, Instant ticketsBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(ticketsBefore, ticketsFrom);
        if (_memoryAssets is not null && _memoryTickets is not null)
        {
            var (ids, count) = _memoryAssets.OfModel(model, installedBy);
            return new ModelTicketCount(count, ids.Count == 0 ? 0 : _memoryTickets.CountRaisedAbout(ids, ticketsFrom, ticketsBefore));
        }

        var ofModel = new HashSet<string>(StringComparer.Ordinal);
        var installed = 0;
        await foreach (var asset in _assets.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(asset.Model, model, StringComparison.Ordinal))
            {
                ofModel.Add(asset.Id.Value);
                installed += asset.InstalledOn <= installedBy ? 1 : 0;
            }
        }

        var tickets = 0;
        if (ofModel.Count > 0)
        {
            await foreach (var ticket in _tickets.ListAsync(TicketQuery.All, cancellationToken).ConfigureAwait(false))
            {
                if (ticket.RelatedAssetId is { } asset && ticket.RaisedAt >= ticketsFrom && ticket.RaisedAt < ticketsBefore && ofModel.Contains(asset))
                {
                    tickets++;
                }
            }
        }

        return new ModelTicketCount(installed, tickets);
    }
}
