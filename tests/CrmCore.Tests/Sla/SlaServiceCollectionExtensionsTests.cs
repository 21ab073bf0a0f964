using CrmCore.Calendars;
using CrmCore.Escalation;
using CrmCore.Sla;
using CrmCore.Tests.Calendars;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmCore.Tests.Sla;

public sealed class SlaServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCrmSla_WithChinaCalendar_ResolvesEnginesAndDefaultAlias()
    {
        var services = new ServiceCollection()
            .AddCrmCalendars(o => o.AddJson(RepoPaths.ReadCalendarData("cn-standard.json"), RepoPaths.ResolveImport))
            .AddCrmSla(o => o.Escalation = EscalationPolicyJson.Document003);
        using var provider = services.BuildServiceProvider();
        var calendars = provider.GetRequiredService<ICalendarProvider>();
        Assert.Equal("cn-standard", calendars.Get("default").Name);
        Assert.Same(provider.GetRequiredService<CalendarRegistry>(), calendars);
        Assert.Same(SlaPolicyJson.Document001, provider.GetRequiredService<SlaEngine>().Policies);
        Assert.Same(EscalationPolicyJson.Document003, provider.GetRequiredService<EscalationEngine>().Policy);
    }

    [Fact]
    public void AddCrmSla_TargetOnUnknownCalendar_FailsValidation()
    {
        var set = new SlaPolicySet("s", [], new SlaPolicy("p", [new SlaTarget(SlaMetric.Resolution, 1, "nowhere")]));
        using var provider = new ServiceCollection().AddCrmSla(o => o.Policies = set).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlaOptions>>().Value);
        Assert.Contains("nowhere", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCrmCalendars_BrokenCalendarJson_FailsValidationWithPath()
    {
        using var provider = new ServiceCollection().AddCrmCalendars(o => o.AddJson("""{ "name": "x", "timeZone": "Nowhere/City", "week": {} }""")).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CalendarOptions>>().Value);
        Assert.Contains("$.timeZone", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCrmCalendars_CalledTwice_KeepsFirstRegistration()
    {
        var services = new ServiceCollection().AddCrmCalendars().AddCrmCalendars();
        Assert.Single(services, d => d.ServiceType == typeof(ICalendarProvider));
    }
}
