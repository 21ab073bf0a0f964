using CrmCore.Assets;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>A model's installed assets and tickets in a window, counted by one query over the asset and ticket tables (their model and
/// related-asset indexes). Thread-safe.</summary>
internal sealed class DbModelTicketCounts(DeskSql sql) : IModelTicketCounts
{
    private readonly string _count = sql.Sql(
        "SELECT (SELECT count(*) FROM {t}asset WHERE model = @model AND installed_on <= @installed_by), " +
        "(SELECT count(*) FROM {t}ticket t JOIN {t}asset a ON a.id = t.related_asset_id " +
        "WHERE a.model = @model AND t.raised_at >= @from AND t.raised_at < @before)");

    /// <inheritdoc />
    public async ValueTask<ModelTicketCount> CountAsync(string model, LocalDate installedBy, Instant ticketsFrom, Instant ticketsBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(ticketsBefore, ticketsFrom);
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_count);
        DeskSql.Add(command, "@model", model);
        DeskSql.Add(command, "@installed_by", DeskJson.Date(installedBy));
        DeskSql.Add(command, "@from", sql.Time(ticketsFrom));
        DeskSql.Add(command, "@before", sql.Time(ticketsBefore));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new ModelTicketCount(DeskSql.Int(reader, 0), DeskSql.Int(reader, 1));
    }
}
