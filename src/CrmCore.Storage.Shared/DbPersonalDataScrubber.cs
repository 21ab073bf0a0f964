using CrmCore.Privacy;

namespace CrmCore.Storage;

/// <summary>Removes personal values from the outbox's event payloads (published or not), from the comments of earlier survey
/// answers (append-only rows the ticket save never rewrites) and from the ticket texts kept with knowledge solution marks, in one
/// transaction. Payloads keep non-ASCII text unescaped, so a value
/// is found as it was written.</summary>
internal sealed class DbPersonalDataScrubber(DeskSql sql) : IPersonalDataScrubber
{
    public async Task<int> ScrubAsync(IReadOnlyCollection<string> values, string replacement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(replacement);
        await using var lease = await sql.LeaseAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        var transaction = await lease.BeginAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql.Sql(
            "UPDATE {t}outbox SET payload = " + sql.Json("replace(CAST(payload AS text), @v, @r)") + " WHERE replace(CAST(payload AS text), @v, @r) <> CAST(payload AS text)");
        await using var surveys = connection.CreateCommand();
        surveys.Transaction = transaction;
        surveys.CommandText = sql.Sql("UPDATE {t}ticket_survey_earlier SET comment = replace(comment, @v, @r) WHERE replace(comment, @v, @r) <> comment");
        await using var solutions = connection.CreateCommand();
        solutions.Transaction = transaction;
        solutions.CommandText = sql.Sql("UPDATE {t}knowledge_solution SET ticket_text = replace(ticket_text, @v, @r) WHERE replace(ticket_text, @v, @r) <> ticket_text");
        var changed = 0;
        foreach (var value in values.Where(v => v.Length >= 2))
        {
            DeskSql.Add(command, "@v", value);
            DeskSql.Add(command, "@r", replacement);
            changed += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            DeskSql.Add(surveys, "@v", value);
            DeskSql.Add(surveys, "@r", replacement);
            changed += await surveys.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            DeskSql.Add(solutions, "@v", value);
            DeskSql.Add(solutions, "@r", replacement);
            changed += await solutions.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await lease.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }
}
