using CrmCore.Agents;
using CrmCore.Calendars;
using CrmCore.Churn;
using CrmCore.Desk;
using CrmCore.Metrics;
using CrmCore.Routing;
using CrmCore.Samples.ServiceDesk.Desk;
using CrmCore.Satisfaction;
using CrmCore.Sla;

namespace CrmCore.Samples.ServiceDesk;

/// <summary>Everything the month produced, for the summary and for tests.</summary>
internal sealed record MonthOutcome(
    SampleSettings Settings,
    BusinessCalendar Calendar,
    IReadOnlyList<CustomerCase> Customers,
    IReadOnlyList<TicketCase> Tickets,
    IReadOnlyList<SlaTicketState> SlaStates,
    IReadOnlyList<TicketEscalated> Escalations,
    IReadOnlyList<Assignment> Assignments,
    IReadOnlyCollection<Agent> Agents,
    IReadOnlyList<SurveyResponse> Surveys,
    IReadOnlyList<ChurnAssessment> Churn,
    MonthlyReport Report,
    Relationships.SampleKnowledge Knowledge,
    Relationships.SampleRelationships Relationships);
