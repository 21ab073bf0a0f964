using CrmCore.Sla;
using CrmCore.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmCore.Tests.DependencyInjection;

/// <summary>
/// Every <c>AddCrm*</c> registration of the domain package, in a generic host: invalid options stop the host at start with a message
/// that names the problem, before any service is resolved; valid defaults start.
/// </summary>
public sealed class HostStartValidationTests
{
    // Starts a host with the registrations; returns the validation messages it failed with (none when it started).
    private static async Task<IReadOnlyList<string>> StartAsync(Action<IServiceCollection> register)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<IClock>(TestData.NewClock());
        register(builder.Services);
        using var host = builder.Build();
        try
        {
            await host.StartAsync(CancellationToken.None);
            await host.StopAsync(CancellationToken.None);
            return [];
        }
        catch (Exception e) when (e is OptionsValidationException or AggregateException)
        {
            var failures = e is AggregateException all ? all.Flatten().InnerExceptions : [e];
            return [.. failures.Select(f => Assert.IsType<OptionsValidationException>(f)).SelectMany(f => f.Failures)];
        }
    }

    [Fact]
    public async Task ValidDefaults_Start()
    {
        var failures = await StartAsync(s => s.AddCrmCore().AddCrmMetrics().AddCrmRelationships());

        Assert.Empty(failures);
    }

    [Fact]
    public async Task AddCrmSla_PolicyOnAnUnregisteredCalendar_StopsTheHost()
    {
        var set = new SlaPolicySet("s", [], new SlaPolicy("p", [new SlaTarget(SlaMetric.Resolution, 1, "nowhere")]));

        var failures = await StartAsync(s => s.AddCrmSla(o => o.Policies = set));

        Assert.Contains("SLA policy 'p' target Resolution names calendar 'nowhere', which is not registered.", failures);
    }

    [Fact]
    public async Task AddCrmCalendars_BrokenCalendarJson_StopsTheHost()
    {
        var failures = await StartAsync(s => s.AddCrmCalendars(o => o.AddJson("""{ "name": "x", "timeZone": "Nowhere/City", "week": {} }""")));

        Assert.Contains(failures, f => f.Contains("$.timeZone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddCrmRouting_NegativePoints_StopsTheHost()
    {
        var failures = await StartAsync(s => s.AddCrmRouting(o => o.SlaTerm.PointsAtDue = -1));

        Assert.Contains(failures, f => f.StartsWith("SlaTerm.PointsAtDue must be between 0 and ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddCrmMetrics_RateAsAPercentage_StopsTheHost()
    {
        var failures = await StartAsync(s => s.AddCrmMetrics(o => o.Targets.MinResolutionRate = 90));

        Assert.Contains(failures, f => f.Contains("MinResolutionRate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddCrmRelationships_NoPolicy_StopsTheHost()
    {
        var failures = await StartAsync(s => s.AddCrmRelationships(o => o.Policy = null!));

        Assert.Contains("RelationshipOptions needs a Policy and a Calendar name.", failures);
    }

    [Fact]
    public async Task AddCrmRelationships_UnregisteredCalendar_StopsTheHost()
    {
        var failures = await StartAsync(s => s.AddCrmRelationships(o => o.Calendar = "nowhere"));

        Assert.Contains("RelationshipOptions.Calendar names calendar 'nowhere', which is not registered.", failures);
    }

    [Fact]
    public async Task AddCrmCore_UnknownTimeZone_StopsTheHost()
    {
        var failures = await StartAsync(s => s.AddCrmCore(o => o.TimeZoneId = "Mars/Olympus"));

        Assert.Contains(failures, f => f.StartsWith("TimeZoneId: 'Mars/Olympus' is not an IANA time zone id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddCrmCore_InvalidSlaOptionsUnderneath_StopTheHost()
    {
        // AddCrmCore registers the SLA engine; a host that changes its options afterwards gets them validated at start too.
        var failures = await StartAsync(s => s.AddCrmCore().Configure<SlaOptions>(o => o.Escalation = null!));

        Assert.Contains("SlaOptions.Policies and SlaOptions.Escalation must be set.", failures);
    }
}
