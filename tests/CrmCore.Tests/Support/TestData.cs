using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Identifiers;
using CrmCore.Tickets;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Support;

/// <summary>Builders for test data: a fake clock in March 2024 (Asia/Shanghai), factories and requests.</summary>
internal static class TestData
{
    public static readonly Instant Start = Instant.FromUtc(2024, 3, 4, 1, 0);

    public static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public static readonly AgentId Alice = new("alice");

    public static readonly AgentId Bob = new("bob");

    public static readonly CustomerId Acme = new("C202403001");

    public static FakeClock NewClock() => new(Start);

    public static TicketFactory TicketFactory(IClock clock, TicketOptions? options = null) =>
        new(clock, new PatternIdGenerator<TicketId>(IdPattern.Parse("WT{yyyyMM}{seq:3}"), clock, Shanghai, s => new TicketId(s)), options);

    public static CustomerFactory CustomerFactory(IClock clock) =>
        new(clock, new PatternIdGenerator<CustomerId>(IdPattern.Parse("C{yyyyMM}{seq:3}"), clock, Shanghai, s => new CustomerId(s)));

    public static TicketRequest Request(string description = "Printer jams on every page") => new()
    {
        CustomerId = Acme,
        Description = description,
        Urgency = Urgency.Urgent,
        Type = TicketType.Fault,
        Channel = Channel.Phone,
        Department = "After-sales",
    };

    public static CustomerProfile Profile(string name = "上海某某制造有限公司") => new()
    {
        Name = name,
        ShortName = "某某制造",
        Industry = Industry.Manufacturing,
        Source = CustomerSource.Referral,
        FirstContactOn = new LocalDate(2024, 3, 1),
    };

    /// <summary>Opens a ticket and moves it to Resolved, advancing the clock one hour per step.</summary>
    public static Ticket ResolvedTicket(FakeClock clock, TicketFactory factory)
    {
        var ticket = factory.Open(Request(), Alice, "desk");
        clock.AdvanceHours(1);
        ticket.Start(clock.GetCurrentInstant(), "alice");
        clock.AdvanceHours(1);
        ticket.Resolve(clock.GetCurrentInstant(), "alice", "Replaced the roller");
        return ticket;
    }
}
