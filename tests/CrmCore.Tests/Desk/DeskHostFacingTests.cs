using System.Globalization;
using System.Reflection;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Desk;

/// <summary>
/// What the desk tells a host (QA, wave 18): a duplicate registration named as such in English and Chinese, argument errors that name the
/// property or parameter at fault and a default id as no id, and a cancelled token honoured by every public async method on the in-memory
/// stores as it is on SQLite.
/// </summary>
public sealed class DeskHostFacingTests
{
    private static readonly CustomerId Acme = new("KH0001");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    // Monday 2 March 2026, 10:00 in Shanghai: inside business hours.
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 3, 2, 2, 0));

    [Fact]
    public async Task RegisterCustomer_Twice_SaysItIsAlreadyRegistered_InBothLanguages_AndKeepsTheStoredOne()
    {
        var (desk, provider) = await NewDeskAsync();
        var before = await provider.GetRequiredService<ICustomerRepository>().FindAsync(Acme);

        var e = await Assert.ThrowsAsync<CustomerAlreadyRegisteredException>(() =>
            desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "x", FirstContactOn = new LocalDate(2026, 1, 1) }));
        var built = await Assert.ThrowsAsync<CustomerAlreadyRegisteredException>(() =>
            desk.RegisterCustomerAsync(Customer.Create(Acme, new CustomerProfile { Name = "y", FirstContactOn = new LocalDate(2026, 1, 1) }, _clock.GetCurrentInstant())));

        Assert.Equal("CRM-DESK-CUSTOMER-EXISTS", e.Code);
        Assert.Equal(Acme, e.CustomerId);
        Assert.Equal("Customer KH0001 is already registered. Nothing was written.", e.Message);
        Assert.Equal(e.Message, e.LocalizedMessage(CultureInfo.InvariantCulture));
        Assert.Equal("客户 KH0001 已经登记过，未写入任何内容。", e.LocalizedMessage(Chinese));
        Assert.IsType<ConcurrencyConflictException>(e.InnerException);
        Assert.Equal(e.Message, built.Message);
        var after = await provider.GetRequiredService<ICustomerRepository>().FindAsync(Acme);
        Assert.Equal(before!.Version, after!.Version);
        Assert.Equal("上海某某制造有限公司", after.Name);
    }

    [Fact]
    public void ConcurrencyConflict_SpeaksChinese_WithTheStoresKindsWorded()
    {
        Assert.Equal("工单 WT1 已被他人修改：读取时为版本 3，现存版本 4。未写入任何内容。", new ConcurrencyConflictException("ticket WT1", 3, 4).LocalizedMessage(Chinese));
        Assert.Equal("工单 WT1 的升级状态 已被他人修改：读取时为版本 1，现存版本 2。未写入任何内容。", new ConcurrencyConflictException("escalation state of ticket WT1", 1, 2).LocalizedMessage(Chinese));
        Assert.Equal("客户 KH0001 已被他人修改：读取时为版本 0，现存版本 2。未写入任何内容。", new ConcurrencyConflictException("customer KH0001", 0, 2).LocalizedMessage(Chinese));
        Assert.Equal("something else 已被他人修改：读取时为版本 0，现存版本 2。未写入任何内容。", new ConcurrencyConflictException("something else", 0, 2).LocalizedMessage(Chinese));
        var english = new ConcurrencyConflictException("ticket WT1", 3, 4);
        Assert.Equal("ticket WT1 was changed by someone else: expected version 3, stored version 4. Nothing was written.", english.Message);
        Assert.Equal(english.Message, english.LocalizedMessage(CultureInfo.GetCultureInfo("en-GB")));
    }

    [Fact]
    public async Task ArgumentErrors_NameThePropertyOrParameter_AndADefaultIdIsNoId()
    {
        var (desk, _) = await NewDeskAsync();
        desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);

        var description = await Assert.ThrowsAsync<ArgumentException>(() => desk.RaiseAsync(Request() with { Description = "" }, "phone"));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => desk.RaiseAsync(Request() with { CustomerId = new CustomerId("NOPE") }, "phone"));
        var name = await Assert.ThrowsAsync<ArgumentException>(() => desk.RegisterCustomerAsync(new CustomerId("KH3"), new CustomerProfile { Name = "", FirstContactOn = new LocalDate(2026, 1, 1) }));
        var twins = await Assert.ThrowsAsync<ArgumentException>(() => desk.RegisterCustomerAsync(new CustomerId("KH4"), new CustomerProfile
        {
            Name = "n", FirstContactOn = new LocalDate(2026, 1, 1), Contacts = [new Contact("张三", ContactRole.DecisionMaker), new Contact("张三", ContactRole.TechnicalLead)],
        }));
        var ticket = await Assert.ThrowsAsync<ArgumentException>(() => desk.RespondAsync(default, "A001", "x"));
        var view = await Assert.ThrowsAsync<ArgumentException>(() => desk.ViewAsync(default));
        var agent = await Assert.ThrowsAsync<ArgumentException>(() => desk.PullNextAsync(default));
        var customer = await Assert.ThrowsAsync<ArgumentException>(() => desk.ViewCustomerAsync(default));

        Assert.Equal("request.Description", description.ParamName);
        Assert.Equal("request.CustomerId", unknown.ParamName);
        Assert.Equal("profile.Name", name.ParamName);
        Assert.Equal("profile.Contacts", twins.ParamName);
        Assert.Equal("id", ticket.ParamName);
        Assert.StartsWith("The ticket id is empty (default(TicketId)): it names no ticket.", ticket.Message, StringComparison.Ordinal);
        Assert.StartsWith("The ticket id is empty (default(TicketId)): it names no ticket.", view.Message, StringComparison.Ordinal);
        Assert.Equal("agent", agent.ParamName);
        Assert.StartsWith("The agent id is empty (default(AgentId)): it names no agent.", agent.Message, StringComparison.Ordinal);
        Assert.Equal("id", customer.ParamName);
        Assert.StartsWith("The customer id is empty (default(CustomerId)): it names no customer.", customer.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every public async method of the desk that takes a token, called with one already cancelled: each throws
    /// <see cref="OperationCanceledException"/> (on SQLite every command did; on the in-memory stores View and Sla completed). A new method
    /// with an argument type this test cannot make fails it until the type is added below.
    /// </summary>
    [Fact]
    public async Task EveryPublicAsyncMethod_WithACancelledToken_IsCancelled_OnTheInMemoryStores()
    {
        var (desk, _) = await NewDeskAsync();
        desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 5);
        var (id, _) = await desk.RaiseAsync(Request(), "phone");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var now = _clock.GetCurrentInstant();
        var arguments = new Dictionary<Type, Func<object?>>
        {
            [typeof(TicketId)] = () => id,
            [typeof(CustomerId)] = () => Acme,
            [typeof(CustomerId?)] = () => Acme,
            [typeof(AgentId)] = () => new AgentId("A001"),
            [typeof(TeamId)] = () => new TeamId("L2"),
            [typeof(string)] = () => "x",
            [typeof(int)] = () => 3,
            [typeof(Instant)] = () => now,
            [typeof(YearMonth)] = () => new YearMonth(2026, 3),
            [typeof(SkillSet)] = () => SkillSet.Empty,
            [typeof(Team)] = () => new Team(new TeamId("L3"), "Team 3"),
            [typeof(TicketRequest)] = Request,
            [typeof(CustomerProfile)] = () => new CustomerProfile { Name = "新客户", FirstContactOn = new LocalDate(2026, 1, 1) },
            [typeof(Customer)] = () => Customer.Create(new CustomerId("KH0009"), new CustomerProfile { Name = "新客户", FirstContactOn = new LocalDate(2026, 1, 1) }, now),
            [typeof(CrmCore.Assets.AssetId?)] = () => null,
            [typeof(CancellationToken)] = () => cancelled.Token,
        };
        var methods = typeof(ServiceDesk).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken)))
            .ToList();
        var completed = new List<string>();

        foreach (var method in methods)
        {
            var args = method.GetParameters().Select(p =>
                arguments.TryGetValue(p.ParameterType, out var make) ? make()
                : p.HasDefaultValue ? p.DefaultValue
                : throw new InvalidOperationException($"{method.Name}: add an argument of type {p.ParameterType} to this test.")).ToArray();
            try
            {
                var result = method.Invoke(desk, args);
                await (result switch
                {
                    Task task => task,
                    ValueTask valueTask => valueTask.AsTask(),
                    _ => throw new InvalidOperationException($"{method.Name} returns {method.ReturnType}."),
                });
                completed.Add(method.Name);
            }
            catch (OperationCanceledException)
            {
            }
        }

        Assert.True(methods.Count >= 30, $"only {methods.Count} methods found");
        Assert.Empty(completed);
        Assert.Equal(TicketStatus.Pending, (await desk.ViewAsync(id)).Ticket.Status);
    }

    private static TicketRequest Request() => new()
    {
        CustomerId = Acme,
        Description = "系统登录异常",
        Urgency = Urgency.Urgent,
        Type = TicketType.Fault,
    };

    private async Task<(ServiceDesk Desk, ServiceProvider Provider)> NewDeskAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(_clock);
        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:5}");
        services.AddCrmMetrics(); // the churn scorer, so AssessChurnAsync is among the methods tried
        var provider = services.BuildServiceProvider();
        var desk = provider.GetRequiredService<ServiceDesk>();
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) }, tier: "A");
        return (desk, provider);
    }
}
