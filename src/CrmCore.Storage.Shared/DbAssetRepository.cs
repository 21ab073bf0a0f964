using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>The installed base in a database: one versioned row per asset, the maintenance history as JSON text. Thread-safe.</summary>
internal sealed class DbAssetRepository(DeskSql sql) : IAssetRepository
{
    private const string Columns = "id, version, name, serial_number, model, owner, installed_on, warranty_ends_on, custodian, parent_id, maintenance";

    private static readonly string Values = string.Join(", ", Columns.Split(", ").Select(c => "@" + c));

    /// <inheritdoc />
    public async ValueTask<AssetState?> FindAsync(AssetId id, CancellationToken cancellationToken = default)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.Transaction = lease.Transaction;
        command.CommandText = sql.Sql($"SELECT {Columns} FROM {{t}}asset WHERE id = @id");
        DeskSql.Add(command, "@id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Row(reader) : null;
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(AssetState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        await sql.SaveVersionedAsync("asset", Columns, Values, state.Id.Value, state.Version, expectedVersion, command => Bind(command, state), $"asset {state.Id}", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AssetState> ListAsync(CustomerId? owner = null, CancellationToken cancellationToken = default) => sql.Source.Rows(StreamListAsync(owner, cancellationToken));

    private async IAsyncEnumerable<AssetState> StreamListAsync(CustomerId? owner, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand();
        command.Transaction = lease.Transaction;
        var filter = string.Empty;
        if (owner is { } o)
        {
            filter = " WHERE owner = @owner";
            DeskSql.Add(command, "@owner", o.Value);
        }

        command.CommandText = sql.Sql($"SELECT {Columns} FROM {{t}}asset{filter} ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Row(reader);
        }
    }

    private static void Bind(DbCommand command, AssetState s)
    {
        DeskSql.Add(command, "@id", s.Id.Value);
        DeskSql.Add(command, "@version", s.Version);
        DeskSql.Add(command, "@name", s.Name);
        DeskSql.Add(command, "@serial_number", s.SerialNumber);
        DeskSql.Add(command, "@model", s.Model);
        DeskSql.Add(command, "@owner", s.Owner.Value);
        DeskSql.Add(command, "@installed_on", DeskJson.Date(s.InstalledOn));
        DeskSql.Add(command, "@warranty_ends_on", s.WarrantyEndsOn is { } end ? DeskJson.Date(end) : null);
        DeskSql.Add(command, "@custodian", s.Custodian);
        DeskSql.Add(command, "@parent_id", s.Parent?.Value);
        DeskSql.Add(command, "@maintenance", JsonSerializer.Serialize(s.Maintenance.Select(m => new MaintenanceRow(m.At.ToUnixTimeTicks(), m.Kind.ToString(), m.Summary, m.By, m.Ticket?.Value)).ToList()));
    }

    private static AssetState Row(DbDataReader r) => new()
    {
        Id = new AssetId(r.GetString(0)),
        Version = DeskSql.Long(r, 1),
        Name = r.GetString(2),
        SerialNumber = r.GetString(3),
        Model = r.GetString(4),
        Owner = new CustomerId(r.GetString(5)),
        InstalledOn = DeskJson.Date(r.GetString(6)),
        WarrantyEndsOn = DeskSql.StringOrNull(r, 7) is { } end ? DeskJson.Date(end) : null,
        Custodian = DeskSql.StringOrNull(r, 8),
        Parent = DeskSql.StringOrNull(r, 9) is { } parent ? new AssetId(parent) : null,
        Maintenance = [.. JsonSerializer.Deserialize<List<MaintenanceRow>>(r.GetString(10))!.Select(m =>
            new MaintenanceRecord(Instant.FromUnixTimeTicks(m.At), Enum.Parse<MaintenanceKind>(m.Kind), m.Summary, m.By, m.Ticket is { } t ? new TicketId(t) : null))],
    };

    private sealed record MaintenanceRow(long At, string Kind, string Summary, string By, string? Ticket);
}
