using System.Globalization;
using CrmCore.Cli.Input;
using CrmCore.Cli.Localization;
using CrmCore.Customers;
using CrmCore.Metrics;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Cli.Reports;

/// <summary>A row that cannot take part in the report, with its position and reason.</summary>
internal sealed record ReportProblem(string Path, int Line, string Id, Detail Reason);

/// <summary>The metrics package's records built from the CLI's rows, and the rows that could not be used.</summary>
internal sealed record MappedMetrics(KpiInput Input, IReadOnlyList<ReportProblem> Problems);

/// <summary>
/// Maps rows to the metrics records. Tickets take tier and region from the customers file when one is given; surveys take
/// their customer from the ticket when they do not name one. A customer without <c>FirstCooperation</c> counts as a customer
/// since before any month. A record the metrics package refuses is reported (CLI202) in <c>culture</c>'s language, with its times in
/// the report's time zone, named.
/// </summary>
internal static class MetricsMapper
{
    public static MappedMetrics Map(
        string ticketsPath,
        IReadOnlyList<SourceRow<TicketRow>> tickets,
        string? surveysPath,
        IReadOnlyList<SourceRow<SurveyRow>> surveys,
        IReadOnlyList<SourceRow<CustomerRow>> customers,
        CultureInfo culture,
        DateTimeZone zone)
    {
        var problems = new List<ReportProblem>();
        var customerById = new Dictionary<string, CustomerRow>(StringComparer.Ordinal);
        foreach (var c in customers)
        {
            customerById.TryAdd(c.Row.Id, c.Row);
        }

        var records = new List<ServiceRecord>(tickets.Count);
        var ticketCustomer = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in tickets)
        {
            var t = source.Row;
            customerById.TryGetValue(t.CustomerId, out var customer);
            var record = new ServiceRecord
            {
                TicketId = t.Id,
                CustomerId = t.CustomerId,
                Team = t.Team ?? string.Empty,
                Agent = t.Agent ?? string.Empty,
                Tier = customer?.Tier ?? string.Empty,
                Region = customer?.Region ?? string.Empty,
                Channel = string.IsNullOrWhiteSpace(t.Channel) ? default : new Channel(t.Channel.Trim()),
                Type = t.Type ?? string.Empty,
                Urgency = t.Urgency?.ToString() ?? string.Empty,
                RaisedAt = t.RaisedAt,
                FirstResponseAt = t.FirstResponseAt,
                FirstResponseBusinessTime = t.FirstResponseBusinessMinutes is { } minutes ? Duration.FromMinutes((double)minutes) : null,
                ResolvedAt = t.ResolvedAt,
                ClosedAt = t.ClosedAt,
                Status = t.Status,
                ReopenCount = t.ReopenCount ?? 0,
                ContactCount = t.ContactCount ?? 1,
                ResolutionSlaBreached = t.ResolutionSlaBreached ?? false,
                ResolvedOnFirstContact = t.ResolvedOnFirstContact ?? false,
            };
            // The metrics package's own check, kept as a net: the tickets schema already rejects every row it would refuse (required ids,
            // minimums, CLI109 for times before RaisedAt), so rows read by RowReader never fail here (DataCommandTests proves each rule).
            var invalid = record.Validate(culture, zone);
            if (invalid.Count > 0)
            {
                problems.AddRange(invalid.Select(m => new ReportProblem(ticketsPath, source.Line, t.Id, new Detail(Messages.Verbatim, m))));
                continue;
            }

            records.Add(record);
            ticketCustomer.TryAdd(t.Id, t.CustomerId);
        }

        var responses = new List<SurveyResponse>(surveys.Count);
        foreach (var source in surveys)
        {
            var s = source.Row;
            var customerId = s.CustomerId ?? ticketCustomer.GetValueOrDefault(s.TicketId);
            if (customerId is null)
            {
                problems.Add(new ReportProblem(surveysPath ?? string.Empty, source.Line, s.TicketId, new Detail(Messages.SurveyWithoutCustomer, s.TicketId)));
                continue;
            }

            var dimensions = new Dictionary<SatisfactionDimension, int>();
            void Dimension(SatisfactionDimension d, int? score)
            {
                if (score is { } value)
                {
                    dimensions[d] = value;
                }
            }

            Dimension(SatisfactionDimension.ResponseSpeed, s.ResponseSpeed);
            Dimension(SatisfactionDimension.Resolution, s.Resolution);
            Dimension(SatisfactionDimension.SolutionQuality, s.SolutionQuality);
            Dimension(SatisfactionDimension.Communication, s.Communication);
            Dimension(SatisfactionDimension.Price, s.Price);
            responses.Add(new SurveyResponse(
                new TicketId(s.TicketId),
                new CustomerId(customerId),
                s.AnsweredAt!.Value,
                new CsatScore(s.Csat!.Value),
                s.Nps is { } nps ? new NpsScore(nps) : null,
                dimensions,
                s.Comment));
        }

        var lifecycles = customers.Select(c => new CustomerLifecycle
        {
            CustomerId = c.Row.Id,
            Since = c.Row.FirstCooperation ?? LocalDate.MinIsoValue,
            LostOn = c.Row.LostOn,
            Tier = c.Row.Tier ?? string.Empty,
            Region = c.Row.Region ?? string.Empty,
        }).ToList();
        var lifecycleProblems = customers.Zip(lifecycles).SelectMany(p => p.Second.Validate(culture).Select(m => (p.First, m))).ToList();
        foreach (var (row, message) in lifecycleProblems)
        {
            problems.Add(new ReportProblem(string.Empty, row.Line, row.Row.Id, new Detail(Messages.Verbatim, message)));
        }

        var validLifecycles = lifecycles.Where(l => l.Validate(culture).Count == 0).ToList();
        return new MappedMetrics(new KpiInput(records, responses, validLifecycles), problems);
    }
}
