using CrmCore.Calendars;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;
using static CrmCore.Tests.Calendars.TestCalendars;

namespace CrmCore.Tests.Sla;

/// <summary>The engine's guards and the calendar each target names, asserted exactly.</summary>
public sealed class SlaEngineGuardTests
{
    private static readonly SlaMetric Custom = new("Custom");

    private static CalendarRegistry Registry(params BusinessCalendar[] calendars) => new(calendars.Length == 0 ? [CnStandard] : calendars);

    private static SlaPolicySet Set(params SlaTarget[] targets) => new("p", [], new SlaPolicy("p", targets));

    [Fact]
    public void Constructor_And_Evaluate_NullArguments_AreRefusedByName()
    {
        var engine = new SlaEngine(Set(new SlaTarget(SlaMetric.Resolution, Duration.FromHours(8), CnStandard.Name)), Registry());
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 3, 10)).Build();

        Assert.Equal("policies", Assert.Throws<ArgumentNullException>(() => new SlaEngine(null!, Registry())).ParamName);
        Assert.Equal("calendars", Assert.Throws<ArgumentNullException>(() => new SlaEngine(Set(), null!)).ParamName);
        Assert.Equal("ticket", Assert.Throws<ArgumentNullException>(() => engine.Evaluate(null!, Cn(2026, 3, 3, 11))).ParamName);
        Assert.Equal("ticket", Assert.Throws<ArgumentNullException>(() => engine.Evaluate(null!, engine.Policies.Default.Targets[0], Cn(2026, 3, 3, 11))).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentNullException>(() => engine.Evaluate(ticket, null!, Cn(2026, 3, 3, 11))).ParamName);
    }

    [Fact]
    public void Constructor_TargetWithoutClock_NamesTheMetric()
    {
        var e = Assert.Throws<ArgumentException>(() => new SlaEngine(Set(new SlaTarget(Custom, Duration.FromHours(1), CnStandard.Name)), Registry()));

        Assert.Equal("clocks", e.ParamName);
        Assert.StartsWith("No clock definition for metric 'Custom'; pass an ISlaClockDefinition for it.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TargetWithoutClock_NamesTheMetric()
    {
        var engine = new SlaEngine(Set(), Registry());

        var e = Assert.Throws<ArgumentException>(() => engine.Evaluate(new SlaTicketBuilder(Cn(2026, 3, 3, 10)).Build(), new SlaTarget(Custom, Duration.FromHours(1), CnStandard.Name), Cn(2026, 3, 3, 11)));

        Assert.Equal("target", e.ParamName);
        Assert.StartsWith("No clock definition for metric 'Custom'.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TargetsOnDifferentCalendars_EachCountsOnItsOwn()
    {
        // The same 2 business hours from Tuesday 10:00: on the Chinese calendar (lunch 12:00–13:30) due 13:30, always open due 12:00.
        var alwaysOpen = BusinessCalendar.AlwaysOpen;
        var engine = new SlaEngine(
            Set(new SlaTarget(SlaMetric.FirstResponse, Duration.FromHours(2), CnStandard.Name),
                new SlaTarget(SlaMetric.Resolution, Duration.FromHours(2), alwaysOpen.Name),
                new SlaTarget(SlaMetric.Revisit, Duration.FromHours(2), CnStandard.Name) with { PausedIn = [TicketStatus.Pending] }),
            Registry(CnStandard, alwaysOpen));
        var ticket = new SlaTicketBuilder(Cn(2026, 3, 3, 10)).Build();

        var state = engine.Evaluate(ticket, Cn(2026, 3, 3, 10));

        Assert.Equal(Cn(2026, 3, 3, 13, 30), state.Find(SlaMetric.FirstResponse)!.Value.DueAt);
        Assert.Equal(Cn(2026, 3, 3, 12), state.Find(SlaMetric.Resolution)!.Value.DueAt);
    }
}
