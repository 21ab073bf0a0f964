using CrmCore.Desk;
using CrmCore.Tickets;

namespace CrmCore.Storage;

/// <summary>Escalation state in a database: one versioned row per ticket with its marks as JSON text. Thread-safe.</summary>
internal sealed class DbEscalationRepository(DeskSql sql) : IEscalationRepository
{
    private readonly string _find = sql.Sql("SELECT version, escalations, warnings, reminders FROM {t}escalation_state WHERE ticket_id = @id");

    private readonly string _insert = sql.Sql("INSERT INTO {t}escalation_state (ticket_id, version, escalations, warnings, reminders) VALUES (@id, @version, @e, @w, @r) ON CONFLICT (ticket_id) DO NOTHING");

    private readonly string _update = sql.Sql("UPDATE {t}escalation_state SET version = @version, escalations = @e, warnings = @w, reminders = @r WHERE ticket_id = @id AND version = @expected");

    /// <inheritdoc />
    public async ValueTask<EscalationState?> FindAsync(TicketId id, CancellationToken cancellationToken = default)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_find);
        DeskSql.Add(command, "@id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new EscalationState
        {
            TicketId = id,
            Version = DeskSql.Long(reader, 0),
            Escalations = DeskJson.Escalations(reader.GetString(1)),
            Warnings = DeskJson.Warnings(reader.GetString(2)),
            Reminders = DeskJson.Reminders(reader.GetString(3)),
        };
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(EscalationState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (state.Version <= expectedVersion)
        {
            throw new ArgumentException($"The new version {state.Version} of the escalation state of ticket {state.TicketId} must be above the expected version {expectedVersion}.", nameof(state));
        }

        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(expectedVersion == 0 ? _insert : _update);
        DeskSql.Add(command, "@id", state.TicketId.Value);
        DeskSql.Add(command, "@version", state.Version);
        DeskSql.Add(command, "@e", DeskJson.Escalations(state.Escalations));
        DeskSql.Add(command, "@w", DeskJson.Warnings(state.Warnings));
        DeskSql.Add(command, "@r", DeskJson.Reminders(state.Reminders));
        if (expectedVersion != 0)
        {
            DeskSql.Add(command, "@expected", expectedVersion);
        }

        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            var read = lease.Command(sql.Sql("SELECT version FROM {t}escalation_state WHERE ticket_id = @id"));
            DeskSql.Add(read, "@id", state.TicketId.Value);
            var stored = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } v and not DBNull ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
            lease.FailsWithoutWrite(); // nothing written, no statement failed: a caller may go on past the conflict
            throw new ConcurrencyConflictException($"escalation state of ticket {state.TicketId}", expectedVersion, stored);
        }

        lease.Wrote();

        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
