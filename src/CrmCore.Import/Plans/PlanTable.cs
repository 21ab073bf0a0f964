using System.Security.Cryptography;
using System.Text;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Export;
using CrmCore.Import.Localization;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Normalization;
using CrmCore.Relationships;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Import.Plans;

/// <summary>The rows of a contact plan table as plan entries: read, checked, compared with the stored entries, staged and written.</summary>
internal sealed class PlanTable(IContactPlanRepository plans, ICustomerRepository customers, DateTimeZone zone) : IRecordTable<PlanField>
{
    private const int MaxText = 2000;
    private const int MaxId = 200;
    private readonly CustomerDirectory _customers = new(customers);
    private readonly BatchStage<PlanEntryId, ContactPlanEntryState, PlanEntryId> _stage = new();

    public string Entity => "plans";

    public string HeaderHint => "客户编号, 客户名称, 沟通方式, 沟通内容要点, 负责人, 计划执行时间, 完成状态 / CustomerId, Channel, Purpose, Owner, PlannedAt, Status";

    /// <summary>The id a row without one gets: <c>IMP-</c> and 12 hex digits of the SHA-256 of the customer, the planned instant and the channel.</summary>
    public static PlanEntryId DerivedId(CustomerId customer, Instant plannedAt, ContactChannel channel)
    {
        var key = $"{customer.Value}|{InstantPattern.ExtendedIso.Format(plannedAt)}|{channel}";
        return new PlanEntryId("IMP-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 6));
    }

    public ValueTask LoadAsync(CancellationToken cancellationToken) => _customers.LoadAsync(cancellationToken);

    public async ValueTask<ImportRowResult> StageAsync(FieldReader<PlanField> row, CancellationToken cancellationToken)
    {
        // Every row names its plan entry (计划编号) in the report: the id it gives or the one derived for it, a rejected row's too when
        // its id cell is readable.
        var result = await StageRowAsync(row, cancellationToken).ConfigureAwait(false);
        return result.PlanId is null && TextNormalizer.Clean(row.Raw(PlanField.Id)) is { Length: > 0 and <= MaxId } planId
            ? result with { PlanId = CellGuard.Unescape(planId) }
            : result;
    }

    private async ValueTask<ImportRowResult> StageRowAsync(FieldReader<PlanField> row, CancellationToken cancellationToken)
    {
        var givenId = row.Optional(PlanField.Id, MaxId);
        var customer = _customers.Resolve(row, PlanField.CustomerId, PlanField.CustomerName);
        var channel = row.Choice(PlanField.Channel, ContactChannel.Call);
        var purpose = row.Required(PlanField.Purpose, MaxText);
        var owner = row.Optional(PlanField.Owner, 64);
        var plannedAt = row.Instant(PlanField.PlannedAt, zone, required: true);
        var actualAt = row.Instant(PlanField.ActualAt, zone, required: false);
        var feedback = row.Optional(PlanField.Feedback, MaxText);
        var nextAction = row.Optional(PlanField.NextAction, MaxText);
        var status = row.Choice(PlanField.Status, PlanStatus.NotStarted);
        var kind = row.Choice(PlanField.Kind, PlanKind.Manual);
        if (row.Problem is { } problem)
        {
            return problem;
        }

        if (status == PlanStatus.Completed && actualAt is null)
        {
            return row.Reject(PlanField.ActualAt, ImportReasons.Required.Format(row.Culture, row.Header(PlanField.ActualAt)));
        }

        var id = givenId is null ? DerivedId(customer!.Value, plannedAt!.Value, channel) : new PlanEntryId(givenId);
        if (_stage.TryGetLine(id, out var earlier))
        {
            return row.Reject(givenId is null ? PlanField.PlannedAt : PlanField.Id, ImportReasons.DuplicateKey.Format(row.Culture, id.Value, earlier)) with { PlanId = id.Value };
        }

        var stored = _stage.Committed(id) ?? await plans.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is not null && stored.Customer != customer!.Value)
        {
            return row.Reject(PlanField.CustomerId, ImportReasons.CustomerChanged.Format(row.Culture, id.Value, stored.Customer.Value)) with { PlanId = id.Value };
        }

        var dueOn = plannedAt!.Value.InZone(zone).Date;
        var candidate = (stored ?? new ContactPlanEntryState
        {
            Id = id,
            Version = 0,
            Customer = customer!.Value,
            Kind = kind,
            Channel = channel,
            DueOn = dueOn,
            PlannedAt = plannedAt.Value,
            DueBy = zone.AtStartOfDay(dueOn.PlusDays(1)).ToInstant(),
            Purpose = purpose!,
        }) with
        {
            Kind = kind,
            Channel = channel,
            Owner = owner is null ? null : new AgentId(owner),
            DueOn = dueOn,
            PlannedAt = plannedAt.Value,
            DueBy = stored is not null && stored.PlannedAt == plannedAt.Value ? stored.DueBy : zone.AtStartOfDay(dueOn.PlusDays(1)).ToInstant(),
            Purpose = purpose!,
            Status = status,
            StartedAt = status is PlanStatus.InProgress or PlanStatus.Completed ? stored?.StartedAt ?? actualAt ?? plannedAt : stored?.StartedAt,
            ActualAt = actualAt,
            Feedback = feedback,
            NextAction = nextAction,
        };

        _stage.Seen(id, row.Source.Line);
        if (stored is not null && candidate with { Version = stored.Version } == stored)
        {
            return Accepted(row, candidate, ImportOutcome.Unchanged);
        }

        candidate = candidate with { Version = (stored?.Version ?? 0) + 1 };
        try
        {
            _ = ContactPlanEntry.Restore(candidate);
        }
        catch (ArgumentException broken)
        {
            return row.Reject(PlanField.Status, ImportReasons.Invalid.Format(row.Culture, id.Value, broken.Message)) with { PlanId = id.Value };
        }

        _stage.Stage(id, id, candidate, stored?.Version ?? 0);
        return Accepted(row, candidate, stored is null ? ImportOutcome.Inserted : ImportOutcome.Updated);
    }

    public ValueTask WriteAsync(CancellationToken cancellationToken) =>
        _stage.WriteAsync((state, expected, token) => plans.SaveAsync(state, expected, null, token), cancellationToken);

    public void Commit() => _stage.Commit();

    public void Abort() => _stage.Abort();

    private static ImportRowResult Accepted(FieldReader<PlanField> row, ContactPlanEntryState entry, ImportOutcome outcome) =>
        new() { Line = row.Source.Line, Outcome = outcome, CustomerId = entry.Customer.Value, PlanId = entry.Id.Value };
}
