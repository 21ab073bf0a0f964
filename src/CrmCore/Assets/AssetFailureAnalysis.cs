using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Assets;

/// <summary>
/// Counts tickets per asset and per model, failures per 100 installed and the mean time between failures over a period. By default a
/// ticket of type <see cref="TicketType.Fault"/> counts as a failure. Thread-safe (stateless).
/// </summary>
public static class AssetFailureAnalysis
{
    /// <summary>Analyses a period.</summary>
    /// <param name="assets">The installed base.</param>
    /// <param name="links">The tickets linked to assets; links to unknown assets and tickets raised outside [<paramref name="from"/>, <paramref name="to"/>) are ignored.</param>
    /// <param name="from">The start of the period.</param>
    /// <param name="to">The end of the period (exclusive).</param>
    /// <param name="zone">The zone install dates are in (an asset is in service from the start of its install date).</param>
    /// <param name="isFailure">Which tickets are failures; default: faults.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public static AssetFailureReport Analyze(
        IEnumerable<Asset> assets, IEnumerable<TicketAssetLink> links, Instant from, Instant to, DateTimeZone zone, Func<TicketAssetLink, bool>? isFailure = null)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(zone);
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"The period must end after it starts ({from} .. {to}).");
        }

        isFailure ??= l => l.Type == TicketType.Fault;
        var byId = assets.ToDictionary(a => a.Id);
        var inPeriod = links.Where(l => l.RaisedAt >= from && l.RaisedAt < to && byId.ContainsKey(l.Asset)).ToList();

        var perAsset = inPeriod.GroupBy(l => l.Asset)
            .Select(g => new AssetTicketCount(g.Key, byId[g.Key].Model, g.Count(), g.Count(isFailure)))
            .OrderByDescending(c => c.Failures).ThenByDescending(c => c.Tickets).ThenBy(c => c.Asset)
            .ToList();

        var ticketsByAsset = perAsset.ToDictionary(c => c.Asset);
        var perModel = byId.Values
            .Select(a => (Asset: a, Start: a.InstalledOn.AtStartOfDayInZone(zone).ToInstant()))
            .Where(x => x.Start < to)
            .GroupBy(x => x.Asset.Model, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var counts = g.Select(x => ticketsByAsset.GetValueOrDefault(x.Asset.Id)).Where(c => c is not null).ToList();
                var operating = g.Aggregate(Duration.Zero, (sum, x) => sum + (to - (x.Start > from ? x.Start : from)));
                return new ModelFailureStats(g.First().Asset.Model, g.Count(), counts.Sum(c => c!.Tickets), counts.Sum(c => c!.Failures), operating);
            })
            .OrderByDescending(m => m.FailuresPer100Installed).ThenByDescending(m => m.Failures).ThenBy(m => m.Model, StringComparer.Ordinal)
            .ToList();

        return new AssetFailureReport(perAsset, perModel);
    }
}
