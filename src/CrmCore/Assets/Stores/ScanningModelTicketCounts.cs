using CrmCore.Desk;
using NodaTime;

namespace CrmCore.Assets;

/// <summary>
/// Counts a model's installed assets and tickets by reading every stored asset and ticket: right for the in-memory stores (what
/// <c>AddCrmCore()</c> registers) and for a host's own stores; the database storages register a query instead. Thread-safe when the
/// stores are.
/// </summary>
public sealed class ScanningModelTicketCounts : IModelTicketCounts
{
    private readonly IAssetRepository _assets;
    private readonly ITicketRepository _tickets;

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
    }

    /// <inheritdoc />
    public async ValueTask<ModelTicketCount> CountAsync(string model, LocalDate installedBy, Instant ticketsFrom, Instant ticketsBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(ticketsBefore, ticketsFrom);
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
