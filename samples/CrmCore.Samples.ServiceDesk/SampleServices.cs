using CrmCore.Escalation;
using CrmCore.Rules.Desk;
using CrmCore.Samples.ServiceDesk.Desk;
using CrmCore.Sla;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CrmCore.Samples.ServiceDesk;

/// <summary>The sample's container: the desk with the default rule pack, the China calendar and document 001's SLAs.</summary>
internal static class SampleServices
{
    /// <summary>Builds the services for one simulated month.</summary>
    public static ServiceProvider Build(SampleSettings settings, IClock clock, CrmCore.Desk.ICustomerBackgroundSource? customers = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        if (customers is not null)
        {
            services.AddSingleton(customers);
        }

        services.AddCrmCore(o =>
        {
            // A month of ten thousand tickets needs five sequence digits; the document's WT{yyyyMM}{seq:3} allows 999.
            o.CustomerIdPattern = "KH{seq:5}";
            o.TicketIdPattern = "WT{yyyyMM}{seq:5}";
            o.TimeZoneId = settings.Zone.Id;
            // Every agent also serves the general pool; a ticket nobody in its own group took within two hours moves there.
            o.Desk.OverflowGroup = Staffing.General;
            o.Desk.OverflowAfter = Duration.FromHours(2);
            // The POS terminal has a known firmware issue: the rule pack's KnownIssueModel gives its tickets +10.
            o.Desk.ModelsWithKnownIssues.Add("POS 终端 T2");
        });
        settings.Store.Register(services);
        services.AddCrmMetrics();
        Relationships.SampleRelationships.Register(services, settings);
        services.AddCrmRules(o => o.Backend = settings.RuleBackend);
        services.AddCrmCalendars(o =>
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "data", "calendars");
            o.AddJson(File.ReadAllText(Path.Combine(folder, "cn-standard.json")), relative => File.ReadAllText(Path.Combine(folder, relative)));
            o.DefaultCalendar = "cn-standard";
        });
        services.AddCrmSla(o =>
        {
            o.Policies = SlaPolicyJson.Document001;
            o.Escalation = EscalationPolicyJson.Document001;
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
