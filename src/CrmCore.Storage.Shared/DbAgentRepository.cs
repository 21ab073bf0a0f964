using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using CrmCore.Agents;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Storage;

/// <summary>Agents and teams in a database: one versioned row per agent, one row per team (replaced on save). Thread-safe.</summary>
internal sealed class DbAgentRepository(DeskSql sql) : IAgentRepository
{
    private const string Columns = "id, version, name, team, skills, capacity, shift, availability, joined_teams";

    private const string TeamColumns = "id, name, fallback, is_temporary";

    private static readonly string Values = string.Join(", ", Columns.Split(", ").Select(c => "@" + c));

    private static readonly LocalTimePattern TimeOfDay = LocalTimePattern.ExtendedIso;

    private readonly string _find = sql.Sql($"SELECT {Columns} FROM {{t}}agent WHERE id = @id");

    private readonly string _saveTeam = sql.Sql(
        $"INSERT INTO {{t}}team ({TeamColumns}) VALUES (@id, @name, @fallback, @is_temporary) "
        + "ON CONFLICT (id) DO UPDATE SET name = excluded.name, fallback = excluded.fallback, is_temporary = excluded.is_temporary");

    /// <inheritdoc />
    public async ValueTask<AgentState?> FindAsync(AgentId id, CancellationToken cancellationToken = default)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_find);
        DeskSql.Add(command, "@id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Row(reader) : null;
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(AgentState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        await sql.SaveVersionedAsync("agent", Columns, Values, state.Id.Value, state.Version, expectedVersion, command => Bind(command, state), $"agent {state.Id}", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AgentState> ListAsync(CancellationToken cancellationToken = default) =>
        sql.Source.Rows(StreamAsync($"SELECT {Columns} FROM {{t}}agent ORDER BY id", Row, cancellationToken));

    /// <inheritdoc />
    public async ValueTask SaveTeamAsync(Team team, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(team);
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(_saveTeam);
        DeskSql.Add(command, "@id", team.Id.Value);
        DeskSql.Add(command, "@name", team.Name);
        DeskSql.Add(command, "@fallback", team.Fallback?.Value);
        DeskSql.Add(command, "@is_temporary", sql.Bool(team.IsTemporary));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Team> ListTeamsAsync(CancellationToken cancellationToken = default) =>
        sql.Source.Rows(StreamAsync($"SELECT {TeamColumns} FROM {{t}}team ORDER BY id", TeamRow, cancellationToken));

    private async IAsyncEnumerable<T> StreamAsync<T>(string text, Func<DbDataReader, T> row, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var command = lease.Command(sql.Sql(text));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return row(reader);
        }
    }

    private static void Bind(DbCommand command, AgentState s)
    {
        DeskSql.Add(command, "@id", s.Id.Value);
        DeskSql.Add(command, "@version", s.Version);
        DeskSql.Add(command, "@name", s.Name);
        DeskSql.Add(command, "@team", s.Team.Value);
        DeskSql.Add(command, "@skills", SkillCodec.Encode(s.Skills));
        DeskSql.Add(command, "@capacity", s.Capacity);
        DeskSql.Add(command, "@shift", s.Shift is { } shift ? ShiftText(shift) : null);
        DeskSql.Add(command, "@availability", s.Availability.ToString());
        DeskSql.Add(command, "@joined_teams", string.Join(',', s.JoinedTeams.Select(t => t.Value)));
    }

    private static AgentState Row(DbDataReader r) => new()
    {
        Id = new AgentId(r.GetString(0)),
        Version = DeskSql.Long(r, 1),
        Name = r.GetString(2),
        Team = new TeamId(r.GetString(3)),
        Skills = SkillCodec.Decode(r.GetString(4)),
        Capacity = DeskSql.Int(r, 5),
        Shift = DeskSql.StringOrNull(r, 6) is { } shift ? ParseShift(shift) : null,
        Availability = Enum.Parse<Availability>(r.GetString(7)),
        JoinedTeams = r.GetString(8) is { Length: > 0 } teams ? [.. teams.Split(',').Select(t => new TeamId(t))] : [],
    };

    private static Team TeamRow(DbDataReader r) =>
        new(new TeamId(r.GetString(0)), r.GetString(1), DeskSql.StringOrNull(r, 2) is { } fallback ? new TeamId(fallback) : null, r.GetValue(3) is bool b ? b : DeskSql.Long(r, 3) != 0);

    // 'HH:mm:ss|HH:mm:ss|1234567': start, end and the ISO numbers of the days it starts on.
    private static string ShiftText(Shift shift) =>
        TimeOfDay.Format(shift.Start) + "|" + TimeOfDay.Format(shift.End) + "|"
        + string.Concat(Enumerable.Range(1, 7).Where(d => shift.StartsOn((IsoDayOfWeek)d)).Select(d => d.ToString(CultureInfo.InvariantCulture)));

    private static Shift ParseShift(string text)
    {
        var parts = text.Split('|');
        return new Shift(TimeOfDay.Parse(parts[0]).Value, TimeOfDay.Parse(parts[1]).Value, parts[2].Select(c => (IsoDayOfWeek)(c - '0')));
    }
}
