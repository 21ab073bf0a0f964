using System.Globalization;
using CrmCore.Agents;
using CrmCore.Calendars;
using CrmCore.Customers;
using CrmCore.Relationships;
using CrmCore.Tests.Calendars;
using NodaTime;

namespace CrmCore.Tests.Relationships;

internal static class PlanTestData
{
    public static readonly CustomerId Customer = new("C202603001");

    public static readonly AgentId Manager = new("wang.li");

    public static BusinessCalendar Calendar => TestCalendars.CnStandard;

    /// <summary>A planner that writes English purposes, whatever the culture the tests run in.</summary>
    public static ContactPlanner Planner(ContactPolicy policy) => new(policy, Calendar, CultureInfo.GetCultureInfo("en"));

    public static PlanSubject Subject(string? tier, LocalDate anchor) => new()
    {
        Customer = Customer,
        Tier = tier,
        AccountManager = Manager,
        CadenceAnchor = anchor,
    };

    public static LocalDate D(int y, int m, int d) => new(y, m, d);
}
