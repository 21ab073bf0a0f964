using System.Diagnostics.Metrics;
using CrmCore.Satisfaction;

namespace CrmCore.Metrics;

/// <summary>
/// Publishes the service KPIs as <see cref="System.Diagnostics.Metrics"/> instruments on a meter named <c>CrmCore</c>, so hosts
/// that export metrics (for example with OpenTelemetry) get them without extra code. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Live instruments (record as events happen): <c>crm.tickets.created</c> and <c>crm.tickets.resolved</c> (counters, tagged
/// <c>crm.team</c>, <c>crm.channel</c>, <c>crm.urgency</c>), <c>crm.tickets.first_response.duration</c> (histogram, seconds, same tags) and
/// <c>crm.surveys.recorded</c> (counter, tagged <c>crm.csat</c>).</para>
/// <para>Gauges (observed values of the last <see cref="Publish"/>ed snapshot; nothing is reported before the first one or while a
/// value is undefined): <c>crm.csat.average</c>, <c>crm.nps</c>, <c>crm.sla.breach_rate</c>, <c>crm.resolution.rate</c>,
/// <c>crm.first_contact_resolution.rate</c>, <c>crm.first_response.within_target.rate</c>, <c>crm.first_response.average</c>
/// (seconds), <c>crm.repeat_contact.rate</c> and <c>crm.churn.rate</c>. Rates are fractions from 0 to 1.</para>
/// </remarks>
public sealed class CrmMetrics : IDisposable
{
    /// <summary>The meter name, <c>CrmCore</c>: subscribe to it (for example <c>AddMeter("CrmCore")</c>).</summary>
    public const string MeterName = "CrmCore";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _created;
    private readonly Counter<long> _resolved;
    private readonly Counter<long> _surveys;
    private readonly Histogram<double> _firstResponse;
    private ServiceKpis? _published;

    /// <summary>Creates the instruments.</summary>
    /// <param name="meterFactory">The host's meter factory (from DI); null creates a meter owned and disposed by this instance.</param>
    public CrmMetrics(IMeterFactory? meterFactory = null)
    {
        var options = new MeterOptions(MeterName) { Version = typeof(CrmMetrics).Assembly.GetName().Version?.ToString() };
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(options) ?? new Meter(options);
        _created = _meter.CreateCounter<long>("crm.tickets.created", "{ticket}", "Tickets raised.");
        _resolved = _meter.CreateCounter<long>("crm.tickets.resolved", "{ticket}", "Tickets resolved.");
        _surveys = _meter.CreateCounter<long>("crm.surveys.recorded", "{response}", "Satisfaction survey responses recorded.");
        _firstResponse = _meter.CreateHistogram<double>("crm.tickets.first_response.duration", "s", "Time from a ticket being raised to its first response.");
        Gauge("crm.csat.average", "{score}", "Average CSAT (1-5) of the last published period.", k => k.CsatAverage);
        Gauge("crm.nps", "{score}", "Net promoter score (-100 to 100) of the last published period.", k => k.Nps);
        Gauge("crm.sla.breach_rate", "1", "Share of tickets that breached an SLA in the last published period.", k => k.SlaBreachRate);
        Gauge("crm.resolution.rate", "1", "Resolution rate of the last published period.", k => k.ResolutionRate);
        Gauge("crm.first_contact_resolution.rate", "1", "First-contact resolution of the last published period.", k => k.FirstContactResolutionRate);
        Gauge("crm.first_response.within_target.rate", "1", "Share of first responses within target in the last published period.", k => k.FirstResponseWithinTargetRate);
        Gauge("crm.first_response.average", "s", "Average first-response time of the last published period.", k => k.AverageFirstResponse?.TotalSeconds);
        Gauge("crm.repeat_contact.rate", "1", "Repeat-contact rate of the last published period.", k => k.RepeatContactRate);
        Gauge("crm.churn.rate", "1", "Monthly churn rate of the last published period.", k => k.ChurnRate);
    }

    /// <summary>Counts a new ticket.</summary>
    /// <param name="ticket">The ticket.</param>
    public void RecordTicketCreated(ServiceRecord ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        _created.Add(1, Tags(ticket));
    }

    /// <summary>Counts a resolved ticket.</summary>
    /// <param name="ticket">The ticket.</param>
    public void RecordTicketResolved(ServiceRecord ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        _resolved.Add(1, Tags(ticket));
    }

    /// <summary>Records a ticket's first-response time; does nothing when <see cref="ServiceRecord.FirstResponseAt"/> is null.</summary>
    /// <param name="ticket">The ticket.</param>
    public void RecordFirstResponse(ServiceRecord ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.FirstResponseAt - ticket.RaisedAt is { } duration)
        {
            _firstResponse.Record(duration.TotalSeconds, Tags(ticket));
        }
    }

    /// <summary>Counts a survey response.</summary>
    /// <param name="response">The response.</param>
    public void RecordSurvey(SurveyResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        _surveys.Add(1, new KeyValuePair<string, object?>("crm.csat", response.Csat.Value));
    }

    /// <summary>Makes a period's KPIs the values the gauges report (usually the current month's, recomputed periodically).</summary>
    /// <param name="snapshot">The snapshot whose totals to report.</param>
    public void Publish(KpiSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _published, snapshot.Totals);
    }

    /// <summary>Disposes the meter when this instance created it; a factory's meter is left to the factory.</summary>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private void Gauge(string name, string unit, string description, Func<ServiceKpis, double?> read) =>
        _meter.CreateObservableGauge(name, () => Observe(read), unit, description);

    private IEnumerable<Measurement<double>> Observe(Func<ServiceKpis, double?> read) =>
        Volatile.Read(ref _published) is { } kpis && read(kpis) is { } value ? [new Measurement<double>(value)] : [];

    private static KeyValuePair<string, object?>[] Tags(ServiceRecord ticket) =>
    [
        new("crm.team", ticket.Team),
        new("crm.channel", ticket.Channel.Code),
        new("crm.urgency", ticket.Urgency),
    ];
}
