using System.Diagnostics.Metrics;
using CrmCore.Metrics;
using NodaTime;
using static CrmCore.Tests.Metrics.KpiTestData;

namespace CrmCore.Tests.Metrics;

public sealed class CrmMetricsTests : IDisposable
{
    private readonly TestMeterFactory _factory = new();
    private readonly CrmMetrics _metrics;
    private readonly MeterListener _listener = new();
    private readonly List<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public CrmMetricsTests()
    {
        _metrics = new CrmMetrics(_factory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, _factory.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public void Constructor_Factory_CreatesTheCrmCoreMeter()
    {
        Assert.Equal(CrmMetrics.MeterName, _factory.Meter!.Name);
        Assert.Equal("CrmCore", CrmMetrics.MeterName);
    }

    [Fact]
    public void RecordTicketCreatedAndResolved_AddToCountersWithTags()
    {
        var ticket = Ticket("1", team: "After-sales") with { Channel = CrmCore.Tickets.Channel.Phone, Urgency = "Urgent" };

        _metrics.RecordTicketCreated(ticket);
        _metrics.RecordTicketCreated(ticket);
        _metrics.RecordTicketResolved(ticket);

        var created = _measurements.Where(m => m.Name == "crm.tickets.created").ToList();
        Assert.Equal(2, created.Sum(m => m.Value));
        Assert.Equal("After-sales", created[0].Tags["crm.team"]);
        Assert.Equal("Phone", created[0].Tags["crm.channel"]);
        Assert.Equal("Urgent", created[0].Tags["crm.urgency"]);
        Assert.Equal(1, _measurements.Where(m => m.Name == "crm.tickets.resolved").Sum(m => m.Value));
    }

    [Fact]
    public void RecordFirstResponse_RecordsSecondsInTheHistogram()
    {
        _metrics.RecordFirstResponse(Ticket("1", responseHours: 1.5));
        _metrics.RecordFirstResponse(Ticket("2", responseHours: null));

        Assert.Equal(5400.0, Assert.Single(_measurements, m => m.Name == "crm.tickets.first_response.duration").Value);
    }

    [Fact]
    public void RecordSurvey_CountsWithTheScoreTag()
    {
        _metrics.RecordSurvey(Survey("1", 4));

        var survey = Assert.Single(_measurements, m => m.Name == "crm.surveys.recorded");
        Assert.Equal(4, survey.Tags["crm.csat"]);
    }

    [Fact]
    public void Gauges_BeforePublish_ReportNothing()
    {
        _listener.RecordObservableInstruments();

        Assert.Empty(_measurements);
    }

    [Fact]
    public void Gauges_AfterPublish_ReportTheSnapshotTotals()
    {
        var input = new KpiInput(
            [Ticket("1"), Ticket("2", resolved: false, slaBreached: true)],
            [Survey("1", 5), Survey("2", 4)],
            [Customer("C1", new LocalDate(2023, 1, 1))]);
        _metrics.Publish(new KpiCalculator(new MetricsOptions()).Compute(input, May));

        _listener.RecordObservableInstruments();

        var gauges = _measurements.ToDictionary(m => m.Name, m => m.Value);
        Assert.Equal(4.5, gauges["crm.csat.average"]);
        Assert.Equal(0.5, gauges["crm.sla.breach_rate"]);
        Assert.Equal(0.5, gauges["crm.resolution.rate"]);
        Assert.Equal(3600.0, gauges["crm.first_response.average"]);
        Assert.Equal(0.0, gauges["crm.churn.rate"]);
        Assert.False(gauges.ContainsKey("crm.nps")); // no NPS answers: undefined, not zero
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, copy));
        }
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public Meter? Meter { get; private set; }

        public Meter Create(MeterOptions options) => Meter = new Meter(options);

        public void Dispose() => Meter?.Dispose();
    }
}
