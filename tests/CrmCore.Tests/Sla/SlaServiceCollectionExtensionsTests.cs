using CrmCore.Calendars;
using CrmCore.Escalation;
using CrmCore.Sla;
using CrmCore.Tests.Calendars;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

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

    private static IServiceCollection WithChinaCalendar() =>
        new ServiceCollection().AddCrmCalendars(o => o.AddJson(RepoPaths.ReadCalendarData("cn-standard.json"), RepoPaths.ResolveImport));

    private static string ValidationFailure(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlaOptions>>().Value).Message;
    }

    private static EscalationPolicy LadderOnCalendar(string calendar) => new("e",
    [
        new EscalationLadder("supervisor", new TicketCriteria(),
        [
            new EscalationStep { Level = 1, Target = EscalationTarget.Role("Supervisor"), After = Duration.FromHours(1) },
            new EscalationStep { Level = 2, Target = EscalationTarget.Role("Manager"), After = Duration.FromHours(2), Calendar = calendar },
        ]),
    ]);

    [Fact]
    public void AddCrmSla_NullServices_ThrowsArgumentNullException() =>
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddCrmSla()).ParamName);

    [Fact]
    public void AddCrmSla_PoliciesOrEscalationUnset_FailsValidation()
    {
        const string expected = "SlaOptions.Policies and SlaOptions.Escalation must be set.";
        Assert.Equal(expected, ValidationFailure(WithChinaCalendar().AddCrmSla(o => o.Policies = null!)));
        Assert.Equal(expected, ValidationFailure(WithChinaCalendar().AddCrmSla(o => o.Escalation = null!)));
    }

    [Fact]
    public void AddCrmSla_EscalationStepOnUnknownCalendar_FailsValidationNamingLadderAndLevel()
    {
        var message = ValidationFailure(WithChinaCalendar().AddCrmSla(o => o.Escalation = LadderOnCalendar("nowhere")));

        Assert.Contains("Escalation ladder 'supervisor' level 2 names calendar 'nowhere', which is not registered.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("level 1", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCrmSla_EscalationStepOnRegisteredCalendar_IsValid()
    {
        var escalation = LadderOnCalendar("cn-standard");
        using var provider = WithChinaCalendar().AddCrmSla(o => o.Escalation = escalation).BuildServiceProvider();

        Assert.Same(escalation, provider.GetRequiredService<EscalationEngine>().Policy);
    }

    [Fact]
    public void AddCrmSla_MetricWithoutClock_FailsValidationWithTheEnginesMessage()
    {
        var custom = new SlaMetric("CallBack");
        var set = new SlaPolicySet("s", [], new SlaPolicy("p", [new SlaTarget(custom, 1)]));

        var message = ValidationFailure(WithChinaCalendar().AddCrmSla(o => o.Policies = set));

        Assert.Contains("No clock definition for metric 'CallBack'; pass an ISlaClockDefinition for it.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCrmSla_Validator_PassesValidOptions()
    {
        using var provider = WithChinaCalendar().AddCrmSla().BuildServiceProvider();

        var validator = Assert.Single(provider.GetServices<IValidateOptions<SlaOptions>>());
        var result = validator.Validate(Options.DefaultName, new SlaOptions());

        Assert.True(result.Succeeded);
        Assert.False(result.Failed);
    }
}
