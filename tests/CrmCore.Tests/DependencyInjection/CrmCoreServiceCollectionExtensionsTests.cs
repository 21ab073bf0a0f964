using CrmCore.Customers;
using CrmCore.Identifiers;
using CrmCore.Tests.Common;
using CrmCore.Tests.Support;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.DependencyInjection;

public class CrmCoreServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCrmCore_Defaults_ResolvesFactoriesWithDefaultPatterns()
    {
        using var provider = new ServiceCollection().AddSingleton<IClock>(TestData.NewClock()).AddCrmCore().BuildServiceProvider();

        var customer = provider.GetRequiredService<CustomerFactory>().Create(TestData.Profile());
        var ticket = provider.GetRequiredService<TicketFactory>().Open(TestData.Request() with { CustomerId = customer.Id }, TestData.Alice, "desk");

        Assert.Equal("C202403001", customer.Id.Value);
        Assert.Equal("WT202403001", ticket.Id.Value);
        Assert.Equal(Duration.FromDays(7), ticket.ReopenWindow);
    }

    [Fact]
    public async Task AddCrmCore_Defaults_AuditTicketAndCustomerSavesInMemory()
    {
        using var provider = new ServiceCollection().AddSingleton<IClock>(TestData.NewClock()).AddCrmCore().BuildServiceProvider();
        var customer = provider.GetRequiredService<CustomerFactory>().Create(TestData.Profile());
        var ticket = provider.GetRequiredService<TicketFactory>().Open(TestData.Request() with { CustomerId = customer.Id }, TestData.Alice, "desk");

        using (CrmCore.Audit.AuditActor.Begin("li.na"))
        {
            await provider.GetRequiredService<CrmCore.Desk.ICustomerRepository>().SaveAsync(customer.ToState(), 0);
            await provider.GetRequiredService<CrmCore.Storage.IOutboxTicketRepository>().SaveAsync(ticket.ToState(), 0, ticket.DomainEvents);
        }

        var trail = await provider.GetRequiredService<CrmCore.Audit.IAuditStore>().QueryAsync(new CrmCore.Audit.AuditQuery());
        Assert.Same(provider.GetRequiredService<CrmCore.Desk.ITicketRepository>(), provider.GetRequiredService<CrmCore.Storage.IOutboxTicketRepository>());
        Assert.Equal(
            [(CrmCore.Audit.AuditEntityTypes.Customer, customer.Id.Value), (CrmCore.Audit.AuditEntityTypes.Ticket, ticket.Id.Value)],
            trail.Select(r => (r.Entry.EntityType, r.Entry.EntityId)));
        Assert.Equal("li.na", trail[0].Entry.Actor);
    }

    [Fact]
    public void AddCrmCore_Configured_UsesPatternsZoneAndReopenWindow()
    {
        // 2024-03-31 16:30 UTC is April in Shanghai but still March in UTC.
        using var provider = new ServiceCollection()
            .AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2024, 3, 31, 16, 30)))
            .AddCrmCore(o =>
            {
                o.CustomerIdPattern = "KH{seq:4}";
                o.TicketIdPattern = "T{yyyyMMdd}{seq:2}";
                o.TimeZoneId = "Etc/UTC";
                o.Tickets.ReopenWindow = Duration.FromDays(3);
            })
            .BuildServiceProvider();

        Assert.Equal("KH0001", provider.GetRequiredService<IIdGenerator<CustomerId>>().Next().Value);
        var ticket = provider.GetRequiredService<TicketFactory>().Open(TestData.Request(), TestData.Alice, "desk");
        Assert.Equal("T2024033101", ticket.Id.Value);
        Assert.Equal(Duration.FromDays(3), ticket.ReopenWindow);
    }

    [Fact]
    public void AddCrmCore_TimeProviderRegistered_ClockFollowsIt()
    {
        var now = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(new TimeProviderClockTests.FixedTimeProvider(now)).AddCrmCore().BuildServiceProvider();

        var clock = provider.GetRequiredService<IClock>();

        Assert.IsType<TimeProviderClock>(clock);
        Assert.Equal(Instant.FromDateTimeOffset(now), clock.GetCurrentInstant());
    }

    [Fact]
    public void AddCrmCore_NoClockOrTimeProvider_RegistersAClock() =>
        Assert.NotNull(new ServiceCollection().AddCrmCore().BuildServiceProvider().GetRequiredService<IClock>());

    [Fact]
    public void AddCrmCore_HostGenerator_WinsOverDefault()
    {
        var own = new HostIds();
        using var provider = new ServiceCollection().AddSingleton<IClock>(TestData.NewClock()).AddSingleton<IIdGenerator<TicketId>>(own).AddCrmCore().AddCrmCore().BuildServiceProvider();

        Assert.Equal("HOST-1", provider.GetRequiredService<TicketFactory>().Open(TestData.Request(), TestData.Alice, "desk").Id.Value);
        Assert.Single(provider.GetServices<IValidateOptions<CrmOptions>>());
    }

    [Fact]
    public async Task AddCrmCore_InvalidOptions_FailOnStartListingEveryProblem()
    {
        using var provider = new ServiceCollection()
            .AddCrmCore(o =>
            {
                o.CustomerIdPattern = "C{yyyyMM}";
                o.TicketIdPattern = "WT{mm}{seq:3}";
                o.TimeZoneId = "Mars/Olympus";
                o.Tickets.ReopenWindow = Duration.FromDays(-1);
            })
            .BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));

        Assert.Equal(4, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.StartsWith("CustomerIdPattern:", StringComparison.Ordinal) && f.Contains("position 9", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("TicketIdPattern:", StringComparison.Ordinal) && f.Contains("position 3", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("TimeZoneId:", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Tickets.ReopenWindow:", StringComparison.Ordinal));
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<TicketFactory>());
    }

    [Fact]
    public async Task AddCrmCore_ValidDefaults_PassStartValidation()
    {
        using var provider = new ServiceCollection().AddCrmCore().BuildServiceProvider();

        await provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None);

        Assert.Equal("Asia/Shanghai", provider.GetRequiredService<IOptions<CrmOptions>>().Value.TimeZoneId);
    }

    private sealed class HostIds : IIdGenerator<TicketId>
    {
        private int next;

        public TicketId Next() => new($"HOST-{Interlocked.Increment(ref next)}");
    }
}
