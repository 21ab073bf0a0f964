using System.Diagnostics;
using System.Globalization;
using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Storage.PostgreSql;
using CrmCore.Tickets;
using Npgsql;
using NodaTime;

namespace CrmCore.Storage.Tests.Processes;

/// <summary>
/// Four host processes share one PostgreSQL queue: every ticket is resolved exactly once, none is lost, and the leases of a
/// process killed with SIGKILL come back to the others. Size: <c>CRMCORE_MANY_INSTANCES_TICKETS</c> tickets, default 10,000
/// (well under a minute here); the 100,000 run is the same test with the variable set.
/// </summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class ManyInstancesTests
{
    [PostgresFact]
    public async Task FourProcesses_ResolveEveryTicketExactlyOnce_AndTakeOverAKilledProcessesLeases()
    {
        var connection = TestPostgres.Require();
        var count = int.TryParse(Environment.GetEnvironmentVariable("CRMCORE_MANY_INSTANCES_TICKETS"), CultureInfo.InvariantCulture, out var n) ? n : 10_000;
        var schema = "crm_t_" + Guid.NewGuid().ToString("N")[..16];
        PostgreSqlSchema.Migrate(connection, schema);
        await using var data = NpgsqlDataSource.Create(connection);
        try
        {
            await Execute(data, $"CREATE TABLE {schema}.resolution (ticket_id text PRIMARY KEY, host text NOT NULL);");
            var now = SystemClockNow();
            var store = new PostgreSqlTicketQueueStore(new PostgreSqlStorageOptions { ConnectionString = connection, Schema = schema });
            var random = new Random(5);
            await store.EnqueueManyAsync(Enumerable.Range(0, count).Select(i => new QueuedTicket(
                new TicketId($"WT{i:0000000}"),
                new TeamId("t" + (i % 4).ToString(CultureInfo.InvariantCulture)),
                random.Next(4) * 30,
                random.Next(5) == 0 ? null : now + Duration.FromMinutes(random.Next(-600, 900)),
                i % 3 == 0 ? SkillSet.Of(Skill.Technical) : SkillSet.Empty,
                now - Duration.FromMinutes(random.Next(0, 600)))));

            // h2 stops after 200 resolutions per worker holding one more claim each: it dies with leases held.
            var hosts = Enumerable.Range(1, 4).Select(h => HostProcess.Start("claim", connection, schema, $"h{h}", "2", "5", h == 2 ? "200" : "0")).ToList();
            try
            {
                var watch = Stopwatch.StartNew();
                while (hosts[1].Output.Count(l => l.StartsWith("stalled ", StringComparison.Ordinal)) < 2)
                {
                    Assert.True(watch.Elapsed < TimeSpan.FromMinutes(5), "the hosts made too little progress: " + hosts[1].Transcript());
                    Assert.True(hosts.TrueForAll(h => !h.HasExited), "a host stopped early: " + string.Join(" | ", hosts.Select(h => h.Transcript())));
                    await Task.Delay(50);
                }

                // h2 now holds two leases (5 s) it will never complete; it dies with them. The ids come from h2 itself: on a
                // loaded machine a lease may already have expired and been taken over by the time the database is asked.
                hosts[1].KillNow();
                var orphaned = hosts[1].Output.Where(l => l.StartsWith("stalled ", StringComparison.Ordinal)).Select(l => l["stalled ".Length..]).ToList();

                foreach (var host in hosts.Where(h => h != hosts[1]))
                {
                    Assert.True(host.WaitForExit(TimeSpan.FromMinutes(5)), "a host did not finish: " + host.Transcript());
                    Assert.True(host.ExitCode == 0, host.Transcript());
                }

                Assert.Equal(count, await Scalar(data, $"SELECT count(*) FROM {schema}.resolution;"));
                Assert.Equal(count, await Scalar(data, $"SELECT count(DISTINCT ticket_id) FROM {schema}.resolution;"));
                Assert.Equal(0, await Scalar(data, $"SELECT count(*) FROM {schema}.queue;"));
                Assert.Equal(2, orphaned.Count); // the killed host held two leases when it died ...
                foreach (var id in orphaned)
                {
                    // ... and every one of them was resolved anyway.
                    Assert.Equal(1, await Scalar(data, $"SELECT count(*) FROM {schema}.resolution WHERE ticket_id = '{id}' AND host <> 'h2';"));
                }

                var survivors = hosts.Where(h => h != hosts[1]).Select(h => h.Transcript()).ToList();
                Assert.All(survivors, t => Assert.Contains("done h", t, StringComparison.Ordinal));
                Assert.Contains(await Strings(data, $"SELECT DISTINCT host FROM {schema}.resolution;"), h => h == "h2");
            }
            finally
            {
                foreach (var host in hosts)
                {
                    host.Dispose();
                }
            }
        }
        finally
        {
            await Execute(data, $"DROP SCHEMA {schema} CASCADE;");
        }
    }

    internal static Instant SystemClockNow() => SystemClock.Instance.GetCurrentInstant();

    internal static async Task Execute(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<long> Scalar(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    internal static async Task<List<string>> Strings(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
