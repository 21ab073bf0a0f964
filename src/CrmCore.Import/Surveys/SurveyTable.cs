using CrmCore.Desk;
using CrmCore.Import.Export;
using CrmCore.Import.Localization;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Normalization;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Import.Surveys;

/// <summary>The rows of a survey table as survey answers on their stored tickets: read, checked, compared, staged and written with the ticket.</summary>
internal sealed class SurveyTable(ITicketRepository tickets, DateTimeZone zone) : IRecordTable<SurveyField>
{
    private const int MaxId = 64;

    private static readonly (SurveyField Field, SatisfactionDimension Dimension)[] Dimensions =
    [
        (SurveyField.ResponseSpeed, SatisfactionDimension.ResponseSpeed),
        (SurveyField.Resolution, SatisfactionDimension.Resolution),
        (SurveyField.SolutionQuality, SatisfactionDimension.SolutionQuality),
        (SurveyField.Communication, SatisfactionDimension.Communication),
        (SurveyField.Price, SatisfactionDimension.Price),
    ];

    private readonly BatchStage<TicketId, TicketState, (TicketId, Instant)> _stage = new();

    public string Entity => "surveys";

    public string HeaderHint => "问题编号, 评价时间, 满意度, 推荐意愿 / TicketId, AnsweredAt, Csat, Nps";

    public ValueTask LoadAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask<ImportRowResult> StageAsync(FieldReader<SurveyField> row, CancellationToken cancellationToken)
    {
        // Every row names its ticket (问题编号) in the report, a rejected one too when its id cell is readable.
        var result = await StageRowAsync(row, cancellationToken).ConfigureAwait(false);
        return result.TicketId is null && TextNormalizer.Clean(row.Raw(SurveyField.TicketId)) is { Length: <= MaxId } ticketId
            ? result with { TicketId = CellGuard.Unescape(ticketId) }
            : result;
    }

    private async ValueTask<ImportRowResult> StageRowAsync(FieldReader<SurveyField> row, CancellationToken cancellationToken)
    {
        var ticketText = row.Required(SurveyField.TicketId, MaxId);
        var customerText = row.Optional(SurveyField.CustomerId, 64);
        var answeredAt = row.Instant(SurveyField.AnsweredAt, zone, required: true);
        var csat = row.Score(SurveyField.Csat, required: true);
        var nps = row.Score(SurveyField.Nps, required: false);
        var scores = new Dictionary<SatisfactionDimension, int>();
        foreach (var (field, dimension) in Dimensions)
        {
            if (row.Score(field, required: false) is { } score)
            {
                scores[dimension] = score;
            }
        }

        var comment = row.Optional(SurveyField.Comment, 4000);
        if (row.Problem is { } problem)
        {
            return problem;
        }

        var ticketId = new TicketId(ticketText!);
        var key = (ticketId, answeredAt!.Value);
        if (_stage.TryGetLine(key, out var earlier))
        {
            return row.Reject(SurveyField.AnsweredAt, ImportReasons.DuplicateKey.Format(row.Culture, $"{ticketText} @ {row.Text(SurveyField.AnsweredAt)}", earlier));
        }

        var (ticket, expected) = _stage.TryGetStaged(ticketId, out var staged) ? staged
            : _stage.Committed(ticketId) is { } known ? (known, known.Version)
            : await tickets.FindAsync(ticketId, cancellationToken).ConfigureAwait(false) is { } found ? (found, found.Version) : (null, 0);
        if (ticket is null)
        {
            return row.Reject(SurveyField.TicketId, ImportReasons.TicketUnknown.Format(row.Culture, ticketText));
        }

        if (customerText is not null && customerText != ticket.CustomerId.Value)
        {
            return row.Reject(SurveyField.CustomerId, ImportReasons.CustomerChanged.Format(row.Culture, ticketText, ticket.CustomerId.Value));
        }

        var answer = new SurveyResponse(ticketId, ticket.CustomerId, answeredAt.Value, new CsatScore(csat!.Value), nps is { } n ? new NpsScore(n) : null, scores, comment);
        _stage.Seen(key, row.Source.Line);
        var existing = ticket.Surveys.FirstOrDefault(s => s.AnsweredAt == answeredAt.Value);
        if (existing is not null && Same(existing, answer))
        {
            return Accepted(row, ticket, ImportOutcome.Unchanged);
        }

        // The answers stay in the order they were given: the last one is the one that counts.
        var surveys = ticket.Surveys.Where(s => s.AnsweredAt != answeredAt.Value).Append(answer).OrderBy(s => s.AnsweredAt).ToList();
        var changed = ticket with { Surveys = surveys, Version = expected + 1, LastChangeAt = ticket.LastChangeAt > answeredAt.Value ? ticket.LastChangeAt : answeredAt.Value };
        _stage.Stage(key, ticketId, changed, expected);
        return Accepted(row, ticket, existing is null ? ImportOutcome.Inserted : ImportOutcome.Updated);
    }

    public ValueTask WriteAsync(CancellationToken cancellationToken) =>
        _stage.WriteAsync((state, expected, token) => tickets.SaveAsync(state, expected, token), cancellationToken);

    public void Commit() => _stage.Commit();

    public void Abort() => _stage.Abort();

    private static bool Same(SurveyResponse a, SurveyResponse b) =>
        a.Csat == b.Csat && a.Nps == b.Nps && a.Comment == b.Comment && a.Customer == b.Customer
        && a.DimensionScores.Count == b.DimensionScores.Count && a.DimensionScores.All(p => b.DimensionScores.TryGetValue(p.Key, out var v) && v == p.Value);

    private static ImportRowResult Accepted(FieldReader<SurveyField> row, TicketState ticket, ImportOutcome outcome) =>
        new() { Line = row.Source.Line, Outcome = outcome, CustomerId = ticket.CustomerId.Value, AssetId = ticket.RelatedAssetId, TicketId = ticket.Id.Value };
}
