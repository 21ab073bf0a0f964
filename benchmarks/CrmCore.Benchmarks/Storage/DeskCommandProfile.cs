using System.Diagnostics;
using System.Globalization;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CrmCore.Benchmarks.Storage;

/// <summary>
/// <c>storage desk-profile [tickets] [rounds]</c>: the CPU time of each desk command of a ticket's journey (raise, pull, respond, resolve,
/// revisit, close, and an advance every 20 tickets), summed per command, on the in-memory stores and on a SQLite file, in one process, the
/// two stores alternating round by round so both see the same machine load. CPU is the process's total processor time around each call
/// (the desk runs on one thread here, so that is the command's cost). Prints seconds per store and the SQLite / memory ratio per command.
/// </summary>
internal static class DeskCommandProfile
{
    private static readonly string[] Commands = ["raise", "pull", "respond", "resolve", "revisit", "complete", "close", "advance"];

    public static async Task<int> RunAsync(string[] args)
    {
        var tickets = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2_000;
        var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        Console.WriteLine($"# desk command profile, {tickets:N0} tickets × {rounds} rounds per store, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {Load()}");
        var memory = new Dictionary<string, double>();
        var sqlite = new Dictionary<string, double>();
        await JourneyAsync(null, 200, []); // warm-up: JIT and the first statements
        for (var round = 0; round < rounds; round++)
        {
            await JourneyAsync(null, tickets, memory);
            var path = Path.Combine(Path.GetTempPath(), $"crmcore-desk-profile-{Guid.NewGuid():N}.db");
            try
            {
                await JourneyAsync(path, tickets, sqlite);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }

        Console.WriteLine("| command | memory CPU s | SQLite CPU s | SQLite − memory, µs per call | SQLite / memory |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var calls = new Dictionary<string, double> { ["advance"] = tickets / 20.0 };
        foreach (var command in Commands.Append("total"))
        {
            var m = command == "total" ? memory.Values.Sum() : memory.GetValueOrDefault(command);
            var s = command == "total" ? sqlite.Values.Sum() : sqlite.GetValueOrDefault(command);
            var perCall = (s - m) / rounds / calls.GetValueOrDefault(command, tickets) * 1e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {command} | {m:F2} | {s:F2} | {(command == "total" ? "" : perCall.ToString("F0", CultureInfo.InvariantCulture))} | {s / m:F1}× |"));
        }

        return 0;
    }

    private static async Task JourneyAsync(string? sqlitePath, int tickets, Dictionary<string, double> cpu)
    {
        var clock = new StepClock { Now = Instant.FromUtc(2026, 3, 2, 1, 0) };
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        services.AddCrmCore();
        if (sqlitePath is not null)
        {
            services.AddCrmSqliteStorage(sqlitePath);
        }

        await using var provider = services.BuildServiceProvider();
        var desk = provider.GetRequiredService<ServiceDesk>();
        var agent = desk.RegisterAgent(new AgentId("A001"), "Li", new TeamId("L1"), SkillSet.Empty, 10);
        await desk.RegisterCustomerAsync(new CustomerId("KH0001"), new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
        for (var i = 0; i < tickets; i++)
        {
            clock.Now += Duration.FromHours(1);
            var (id, _) = await Timed(cpu, "raise", () => desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "打印机卡纸 " + i }, "phone"));
            await Timed(cpu, "pull", () => desk.PullNextAsync(agent.Id));
            await Timed(cpu, "respond", () => desk.RespondAsync(id, "Li", "已收到"));
            await Timed(cpu, "resolve", () => desk.ResolveAsync(id, "Li", "已更换硒鼓"));
            await Timed(cpu, "revisit", () => desk.ScheduleRevisitAsync(id, "desk"));
            await Timed(cpu, "complete", () => desk.CompleteRevisitAsync(id, "manager", "客户确认已解决", new DeskSurvey(new CsatScore(5), null, new Dictionary<SatisfactionDimension, int>(), null)));
            await Timed(cpu, "close", () => desk.CloseAsync(id, "manager"));
            if (i % 20 == 19)
            {
                await Timed(cpu, "advance", () => desk.AdvanceAsync());
            }
        }
    }

    private static async Task<T> Timed<T>(Dictionary<string, double> cpu, string command, Func<Task<T>> call)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await call();
        cpu[command] = cpu.GetValueOrDefault(command) + (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
        return result;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    // The benchmark's clock: moved by hand, one hour per ticket (the default id pattern has 999 numbers a month).
    private sealed class StepClock : IClock
    {
        public Instant Now { get; set; }

        public Instant GetCurrentInstant() => Now;
    }
}
