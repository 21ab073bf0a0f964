using System.Globalization;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Storage.Sqlite;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests;

/// <summary>
/// QA, wave 18: registering a stored customer again said someone else had changed it (a <see cref="ConcurrencyConflictException"/>).
/// On SQLite as in memory the desk says the customer is already registered, writes nothing, and goes on working.
/// </summary>
public sealed class SqliteDuplicateRegistrationTests
{
    [Fact]
    public async Task RegisterCustomer_Twice_OnSqlite_SaysItIsAlreadyRegistered_AndKeepsTheStoredOne()
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-dup-" + Guid.NewGuid().ToString("N") + ".db");
        var acme = new CustomerId("KH0001");
        try
        {
            var services = new ServiceCollection();
            services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0)));
            services.AddCrmCore();
            services.AddCrmSqliteStorage(path);
            await using var provider = services.BuildServiceProvider();
            var desk = provider.GetRequiredService<ServiceDesk>();
            await desk.RegisterCustomerAsync(acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) }, tier: "A");

            var e = await Assert.ThrowsAsync<CustomerAlreadyRegisteredException>(() =>
                desk.RegisterCustomerAsync(acme, new CustomerProfile { Name = "x", FirstContactOn = new LocalDate(2026, 1, 1) }));
            var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = acme, Description = "系统登录异常" }, "phone");

            Assert.Equal("客户 KH0001 已经登记过，未写入任何内容。", e.LocalizedMessage(CultureInfo.GetCultureInfo("zh-Hans")));
            Assert.Equal(2, Assert.IsType<ConcurrencyConflictException>(e.InnerException).ActualVersion);
            var stored = await provider.GetRequiredService<ICustomerRepository>().FindAsync(acme);
            Assert.Equal("上海某某制造有限公司", stored!.Name);
            Assert.Equal(acme, (await desk.ViewAsync(id)).Ticket.CustomerId);
        }
        finally
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }
}
