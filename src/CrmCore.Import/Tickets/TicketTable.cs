using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Export;
using CrmCore.Import.Localization;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Normalization;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Import.Tickets;

/// <summary>The rows of an issue-tracking table as tickets: read, checked against the lifecycle and the stored tickets, staged and written.</summary>
internal sealed class TicketTable(ITicketRepository tickets, ICustomerRepository customers, DateTimeZone zone) : IRecordTable<TicketField>
{
    private const int MaxText = 4000;
    private const int MaxId = 64;

    /// <summary>The code of the note on a row whose 客户名称 is not the name of the customer its 客户编号 names.</summary>
    internal const string NameDiffers = "CustomerNameDiffers";
    private readonly CustomerDirectory _customers = new(customers);
    private readonly BatchStage<TicketId, TicketState, TicketId> _stage = new();

    public string Entity => "tickets";

    public string HeaderHint => "问题编号, 客户名称, 问题描述, 提出时间, 紧急程度, 负责人, 状态 / Id, Customer, Description, RaisedAt, Urgency, Owner, Status";

    public ValueTask LoadAsync(CancellationToken cancellationToken) => _customers.LoadAsync(cancellationToken);

    public async ValueTask<ImportRowResult> StageAsync(FieldReader<TicketField> row, CancellationToken cancellationToken)
    {
        // Every row names its ticket (问题编号) in the report, a rejected one too when its id cell is readable.
        var result = await StageRowAsync(row, cancellationToken).ConfigureAwait(false);
        return result.TicketId is null && TextNormalizer.Clean(row.Raw(TicketField.Id)) is { Length: <= MaxId } ticketId
            ? result with { TicketId = CellGuard.Unescape(ticketId) }
            : result;
    }

    private async ValueTask<ImportRowResult> StageRowAsync(FieldReader<TicketField> row, CancellationToken cancellationToken)
    {
        var id = row.Required(TicketField.Id, MaxId);
        var customer = _customers.Resolve(row, TicketField.CustomerId, TicketField.CustomerName);
        var description = row.Required(TicketField.Description, MaxText);
        var raisedAt = row.Instant(TicketField.RaisedAt, zone, required: true);
        var urgency = row.Choice(TicketField.Urgency, Urgency.General);
        var type = row.Optional(TicketField.Type, 64) ?? TicketType.Consultation.Code;
        var channel = row.Optional(TicketField.Channel, 64) ?? Channel.Phone.Code;
        var expected = row.Instant(TicketField.ExpectedResolutionAt, zone, required: false);
        var department = row.Optional(TicketField.Department, 200);
        var owner = row.Required(TicketField.Owner, 64);
        var progress = row.Optional(TicketField.Progress, MaxText);
        var solution = row.Optional(TicketField.Solution, MaxText);
        var satisfaction = row.Score(TicketField.Satisfaction, required: false);
        var firstResponse = row.Instant(TicketField.FirstResponseAt, zone, required: false);
        var resolvedAt = row.Instant(TicketField.ResolvedAt, zone, required: false);
        var closedAt = row.Instant(TicketField.ClosedAt, zone, required: false);
        var status = row.Choice(TicketField.Status, TicketStatus.Pending);
        var asset = row.Optional(TicketField.AssetId, 64);
        if (row.Problem is { } problem)
        {
            return problem;
        }

        var culture = row.Culture;
        if (status is TicketStatus.Resolved or TicketStatus.AwaitingRevisit or TicketStatus.Closed && resolvedAt is null)
        {
            return row.Reject(TicketField.ResolvedAt, ImportReasons.Required.Format(culture, row.Header(TicketField.ResolvedAt)));
        }

        foreach (var (field, at) in new[] { (TicketField.FirstResponseAt, firstResponse), (TicketField.ResolvedAt, resolvedAt), (TicketField.ClosedAt, closedAt) })
        {
            if (at < raisedAt)
            {
                return row.Reject(field, ImportReasons.Before.Format(culture, row.Header(field), row.Header(TicketField.RaisedAt)));
            }
        }

        if (satisfaction is not null && resolvedAt is null)
        {
            return row.Reject(TicketField.Satisfaction, ImportReasons.Required.Format(culture, row.Header(TicketField.ResolvedAt)));
        }

        var ticketId = new TicketId(id!);
        if (_stage.TryGetLine(ticketId, out var earlier))
        {
            return row.Reject(TicketField.Id, ImportReasons.DuplicateKey.Format(culture, id, earlier));
        }

        var stored = _stage.Committed(ticketId) ?? await tickets.FindAsync(ticketId, cancellationToken).ConfigureAwait(false);
        var by = owner!;
        var candidate = (stored ?? New(ticketId, customer!.Value, raisedAt!.Value, by)) with
        {
            CustomerId = customer!.Value,
            Description = description!,
            Urgency = urgency,
            Type = new TicketType(type),
            Channel = new Channel(channel),
            ExpectedResolutionAt = expected,
            Department = department,
            RelatedAssetId = asset,
            RaisedAt = raisedAt!.Value,
            Owner = new AgentId(owner!),
            Solution = solution,
            FirstResponseAt = firstResponse,
            ResolvedAt = resolvedAt,
            ClosedAt = closedAt,
            CustomerConfirmedAt = status == TicketStatus.Closed ? closedAt ?? resolvedAt : stored?.CustomerConfirmedAt,
        };

        if (stored is not null && stored.CustomerId != candidate.CustomerId)
        {
            return row.Reject(TicketField.CustomerId, ImportReasons.CustomerChanged.Format(culture, id, stored.CustomerId.Value));
        }

        if (TicketPath.Find(candidate.Status, status) is not { } path)
        {
            return row.Reject(TicketField.Status, ImportReasons.StatusMove.Format(culture, id, candidate.Status, status));
        }

        candidate = TicketPath.Apply(candidate, path, by);
        if (progress is not null && (candidate.Timeline.Count == 0 || candidate.Timeline[^1].Text != progress))
        {
            candidate = candidate with { Timeline = [.. candidate.Timeline, new ProgressNote(Later(candidate.LastChangeAt, candidate.RaisedAt), by, progress, false)] };
        }

        // 客户满意度 is the answer given at the ticket's closing (or resolution) time; answers at other times come from the survey table.
        var closingAt = closedAt ?? resolvedAt;
        if (satisfaction is { } score && candidate.Surveys.FirstOrDefault(s => s.AnsweredAt == closingAt)?.Csat.Value != score)
        {
            var answeredAt = closingAt!.Value;
            candidate = candidate with
            {
                Surveys = [.. candidate.Surveys.Where(s => s.AnsweredAt != answeredAt), new SurveyResponse(ticketId, candidate.CustomerId, answeredAt, new CsatScore(score))],
            };
        }

        _stage.Seen(ticketId, row.Source.Line);
        if (stored is not null && Same(stored, candidate))
        {
            return Accepted(row, candidate, ImportOutcome.Unchanged) with { Notes = Notes(row, candidate.CustomerId) };
        }

        candidate = candidate with { Version = (stored?.Version ?? 0) + 1, LastChangeAt = Later(candidate.LastChangeAt, candidate.RaisedAt) };
        try
        {
            _ = Ticket.Restore(candidate);
        }
        catch (ArgumentException broken)
        {
            return row.Reject(TicketField.Status, ImportReasons.Invalid.Format(culture, id, broken.Message));
        }

        _stage.Stage(ticketId, ticketId, candidate, stored?.Version ?? 0);
        return Accepted(row, candidate, stored is null ? ImportOutcome.Inserted : ImportOutcome.Updated) with { Notes = Notes(row, candidate.CustomerId) };
    }

    /// <summary>The row's notes: a 客户名称 that is not the name of the customer its 客户编号 found (the ticket is kept under the id).</summary>
    private IReadOnlyList<ImportRowNote>? Notes(FieldReader<TicketField> row, CustomerId customer) =>
        _customers.OtherName(customer, row.Text(TicketField.CustomerName)) is { } stored
            ? [row.Note(TicketField.CustomerName, NameDiffers, ImportStrings.Format("Note_CustomerNameDiffers", row.Culture, row.Text(TicketField.CustomerName), customer.Value, stored))]
            : null;

    public ValueTask WriteAsync(CancellationToken cancellationToken) =>
        _stage.WriteAsync((state, expected, token) => tickets.SaveAsync(state, expected, token), cancellationToken);

    public void Commit() => _stage.Commit();

    public void Abort() => _stage.Abort();

    private static Instant Later(Instant a, Instant b) => a > b ? a : b;

    private static TicketState New(TicketId id, CustomerId customer, Instant raisedAt, string owner) => new()
    {
        Id = id,
        Version = 0,
        CustomerId = customer,
        Description = string.Empty,
        Urgency = Urgency.General,
        Type = TicketType.Consultation,
        Channel = Channel.Phone,
        RaisedAt = raisedAt,
        CreatedAt = raisedAt,
        Owner = new AgentId(owner),
        Status = TicketStatus.Pending,
        LastChangeAt = raisedAt,
        StatusHistory = [new StatusChange(raisedAt, TicketStatus.Pending, TicketStatus.Pending, owner)],
    };

    private static ImportRowResult Accepted(FieldReader<TicketField> row, TicketState ticket, ImportOutcome outcome) => new()
    {
        Line = row.Source.Line,
        Outcome = outcome,
        CustomerId = ticket.CustomerId.Value,
        AssetId = ticket.RelatedAssetId,
        TicketId = ticket.Id.Value,
    };

    /// <summary>True when the table's fields are the same (the history, due times and routing are the desk's).</summary>
    private static bool Same(TicketState a, TicketState b) =>
        a.CustomerId == b.CustomerId && a.Description == b.Description && a.Urgency == b.Urgency && a.Type == b.Type && a.Channel == b.Channel
        && a.ExpectedResolutionAt == b.ExpectedResolutionAt && a.Department == b.Department && a.RelatedAssetId == b.RelatedAssetId
        && a.RaisedAt == b.RaisedAt && a.Owner == b.Owner && a.Status == b.Status && a.Solution == b.Solution && a.FirstResponseAt == b.FirstResponseAt
        && a.ResolvedAt == b.ResolvedAt && a.ClosedAt == b.ClosedAt && a.Timeline.Count == b.Timeline.Count && a.Surveys.SequenceEqual(b.Surveys);
}
