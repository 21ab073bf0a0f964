using System.Diagnostics;
using System.Globalization;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Routing;
using CrmCore.Storage;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using CrmCore.Tickets;
using Microsoft.Data.Sqlite;
using Npgsql;
using NodaTime;

namespace CrmCore.Benchmarks.Storage;

/// <summary>
/// Storage throughput runs (not BenchmarkDotNet: each needs a database filled with up to a million tickets and concurrent
/// claimers, so it measures wall-clock throughput over fixed work and prints ratios against baselines taken in the same run).
/// <c>dotnet run -c Release --project benchmarks/CrmCore.Benchmarks -- storage [sqlite|postgres|all] [queued]</c>; PostgreSQL needs
/// <c>CRMCORE_TEST_POSTGRES</c> (fsync off: the SQL cost) and, for the durable figures, <c>CRMCORE_BENCH_POSTGRES_DURABLE</c> (a server with fsync on).
/// <c>storage claims [queued] [seconds]</c> runs only the claim figures (SQLite and PostgreSQL) on a queue kept between runs;
/// <c>storage pgclaims [queued] [seconds]</c> only PostgreSQL's, each with the runtime's counters per claim (<see cref="RuntimeCounts"/>).
/// </summary>
internal static class StorageThroughput
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static async Task<int> RunAsync(string[] args)
    {
        var which = args.Length > 1 ? args[1] : "all";
        var queued = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
        Console.WriteLine($"# storage throughput, {queued:N0} queued, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores");
        if (which is "sqlite" or "all")
        {
            await SqliteAsync(queued);
        }

        if (which is "raise")
        {
            // Only the batch raise + persist figures, on a fresh SQLite file.
            var path = Path.Combine(Path.GetTempPath(), "crmcore-bench-" + Guid.NewGuid().ToString("N") + ".db");
            try
            {
                using var storage = new SqliteStorage(new SqliteStorageOptions { DataSource = path });
                await RaiseAndPersistAsync(storage);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
                {
                    File.Delete(path + suffix);
                }
            }
        }

        if (which is "postgres" or "all")
        {
            await PostgresAsync(queued);
        }

        if (which is "claims" or "pgclaims")
        {
            await ClaimsOnlyAsync(queued, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10, sqlite: which is "claims");
        }

        return 0;
    }

    // 108 buckets as in the design research: 4 teams × 27 static priorities; 10 % without SLA; due times −2 … +3 days.
    private static IEnumerable<QueuedTicket> Tickets(int count, int seed = 1)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            Instant? due = random.Next(10) == 0 ? null : Now + Duration.FromSeconds(random.Next(-2 * 86_400, 3 * 86_400));
            yield return new QueuedTicket(new TicketId($"WT{i:00000000}"), new TeamId("t" + (i % 4).ToString(CultureInfo.InvariantCulture)), random.Next(27) * 10, due, null, Now - Duration.FromSeconds(random.Next(0, 86_400)));
        }
    }

    private static Agent NewAgent(int n)
    {
        var agent = new Agent(new AgentId($"B{n}"), "bench", new TeamId("t0"), SkillSet.Empty, 1000);
        for (var t = 1; t < 4; t++)
        {
            agent.JoinTeam(new TeamId("t" + t.ToString(CultureInfo.InvariantCulture)));
        }

        agent.SetAvailability(Availability.Online);
        return agent;
    }

    // Claims by 'claimers' concurrent agents until 'total' claims are made or 'limit' passes; returns claims per second and the
    // duration of each block of 'block' claims (in claim order).
    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static async Task<(double PerSecond, List<double> BlockSeconds)> ClaimAsync(ITicketQueueStore store, int claimers, int total, TimeSpan limit, int block = 10_000)
    {
        var made = 0;
        var blocks = new List<double>();
        var watch = Stopwatch.StartNew();
        var lastBlock = 0.0;
        var gate = new Lock();
        await Task.WhenAll(Enumerable.Range(0, claimers).Select(c => Task.Run(async () =>
        {
            var agent = NewAgent(c);
            while (watch.Elapsed < limit)
            {
                var lease = await store.ClaimAsync(agent, Now);
                if (lease is null)
                {
                    throw new InvalidOperationException("The queue ran dry during the benchmark.");
                }

                agent.ReleaseSlot();
                var n = Interlocked.Increment(ref made);
                if (n % block == 0)
                {
                    lock (gate)
                    {
                        var t = watch.Elapsed.TotalSeconds;
                        blocks.Add(t - lastBlock);
                        lastBlock = t;
                    }
                }

                if (n >= total)
                {
                    break;
                }
            }
        })));
        return (made / watch.Elapsed.TotalSeconds, blocks);
    }

    private static async Task SqliteAsync(int queued)
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-bench-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var options = new SqliteStorageOptions { DataSource = path };
            var storage = new SqliteStorage(options);
            var watch = Stopwatch.StartNew();
            foreach (var chunk in Tickets(queued).Chunk(50_000))
            {
                await storage.Queue.EnqueueManyAsync(chunk);
            }

            Console.WriteLine($"sqlite: loaded {queued:N0} queued tickets in {watch.Elapsed.TotalSeconds:F1} s");

            // Start-up: rebuild an in-memory TicketQueue from storage (a fresh store instance, as after a restart).
            var rebuildCpu = Cpu();
            watch.Restart();
            var restarted = new SqliteStorage(options);
            var rebuilt = new TicketQueue(capacity: queued);
            foreach (var ticket in await restarted.Queue.LoadAllAsync())
            {
                rebuilt.Enqueue(ticket);
            }

            Console.WriteLine($"sqlite: start-up rebuild of {rebuilt.Count:N0} queued tickets: {watch.Elapsed.TotalSeconds:F2} s (CPU {Cpu() - rebuildCpu:F2} s)");

            // Baseline in the same run: the same rebuild from an in-memory list (no storage at all).
            var list = Tickets(queued).ToList();
            watch.Restart();
            var baseline = new TicketQueue(capacity: queued);
            foreach (var ticket in list)
            {
                baseline.Enqueue(ticket);
            }

            Console.WriteLine($"baseline: in-memory TicketQueue build of {baseline.Count:N0} tickets from a list: {watch.Elapsed.TotalSeconds:F2} s");

            foreach (var sync in new[] { SqliteSynchronous.Normal, SqliteSynchronous.Full })
            {
                var store = new SqliteTicketQueueStore(new SqliteStorageOptions { DataSource = path, Synchronous = sync });
                foreach (var claimers in new[] { 1, 4 })
                {
                    var cpu = Cpu();
                    var (rate, _) = await ClaimAsync(store, claimers, int.MaxValue, TimeSpan.FromSeconds(10));
                    var perCpuSecond = rate * 10 / (Cpu() - cpu);
                    Console.WriteLine($"sqlite: claims/s synchronous={sync} claimers={claimers}: {rate:N0} (per CPU-second of this process: {perCpuSecond:N0})");
                }
            }

            await RaiseAndPersistAsync(storage);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    // Batch raise + persist: open tickets (the domain's Ticket.Open) and save them with their events, 1,000 per transaction.
    private static async Task RaiseAndPersistAsync(SqliteStorage storage)
    {
        var watch = Stopwatch.StartNew();
        foreach (var batch in new[] { 1, 1000 })
        {
            var count = batch == 1 ? 2_000 : 50_000;
            var prefix = batch == 1 ? "S" : "B";
            var cpu = Cpu();
            watch.Restart();
            foreach (var chunk in Enumerable.Range(0, count).Chunk(batch))
            {
                var rows = chunk.Select(i =>
                {
                    var ticket = Ticket.Open(new TicketId($"{prefix}{i:0000000}"), new TicketRequest { CustomerId = new CustomerId("C1"), Description = "打印机卡纸" }, new AgentId("A1"), "desk", Now);
                    return (ticket.ToState(), (IReadOnlyList<IDomainEvent>)ticket.DomainEvents);
                }).ToList();
                await storage.SaveNewTicketsAsync(rows);
            }

            Console.WriteLine($"sqlite: raise+persist batch={batch}: {count / watch.Elapsed.TotalSeconds:N0} tickets/s ({count:N0} tickets; per CPU-second: {count / (Cpu() - cpu):N0})");
        }
    }

    private static async Task PostgresAsync(int queued)
    {
        var fast = Environment.GetEnvironmentVariable("CRMCORE_TEST_POSTGRES");
        var durable = Environment.GetEnvironmentVariable("CRMCORE_BENCH_POSTGRES_DURABLE");
        if (fast is null)
        {
            Console.WriteLine("postgres: CRMCORE_TEST_POSTGRES is not set; skipped");
            return;
        }

        foreach (var (name, connection) in new[] { ("fsync=off", fast), ("fsync=on", durable) })
        {
            if (connection is null)
            {
                Console.WriteLine($"postgres {name}: not configured; skipped");
                continue;
            }

            var schema = "crm_bench_" + Guid.NewGuid().ToString("N")[..8];
            try
            {
                var options = new PostgreSqlStorageOptions { ConnectionString = connection, Schema = schema };
                using var storage = new PostgreSqlStorage(options);
                var watch = Stopwatch.StartNew();
                foreach (var chunk in Tickets(queued).Chunk(100_000))
                {
                    await storage.Queue.EnqueueManyAsync(chunk);
                }

                await Execute(connection, $"VACUUM ANALYZE {schema}.queue;");
                Console.WriteLine($"postgres {name}: loaded {queued:N0} queued tickets in {watch.Elapsed.TotalSeconds:F1} s");

                var rebuildCpu = Cpu();
                watch.Restart();
                using var restarted = new PostgreSqlStorage(options);
                var rebuilt = new TicketQueue(capacity: queued);
                foreach (var ticket in await restarted.Queue.LoadAllAsync())
                {
                    rebuilt.Enqueue(ticket);
                }

                Console.WriteLine($"postgres {name}: start-up rebuild of {rebuilt.Count:N0} queued tickets: {watch.Elapsed.TotalSeconds:F2} s (CPU of this process {Cpu() - rebuildCpu:F2} s)");

                foreach (var asynchronous in new[] { false, true })
                {
                    using var queue = new PostgreSqlStorage(new PostgreSqlStorageOptions { ConnectionString = connection, Schema = schema, AsynchronousQueueCommit = asynchronous });
                    foreach (var claimers in new[] { 1, 8 })
                    {
                        var (rate, _) = await ClaimAsync(queue.Queue, claimers, int.MaxValue, TimeSpan.FromSeconds(10));
                        Console.WriteLine($"postgres {name}: claims/s synchronous_commit={(asynchronous ? "off" : "on")} claimers={claimers}: {rate:N0}");
                    }
                }

                if (name == "fsync=off")
                {
                    // No degradation: 100k claims by 8 claimers, autovacuum as configured; the first and last 10k compared.
                    var (rate, blocks) = await ClaimAsync(storage.Queue, 8, 100_000, TimeSpan.FromMinutes(20));
                    Console.WriteLine($"postgres {name}: 100k claims at {rate:N0}/s; seconds per 10k: {string.Join(", ", blocks.Select(b => b.ToString("F1", CultureInfo.InvariantCulture)))}; last/first = {blocks[^1] / blocks[0]:F2}");
                }
            }
            finally
            {
                await Execute(connection, $"DROP SCHEMA IF EXISTS {schema} CASCADE;");
            }
        }
    }

    // Only the claim figures, on a queue kept between runs (schema CRMCORE_BENCH_SCHEMA, default crm_claims, and the SQLite file
    // CRMCORE_BENCH_SQLITE, default /tmp/crmcore-claims.db), so that two builds can be run one after the other in one session and
    // compared; a queue below half of 'queued' is refilled, and every lease is released before the run.
    private static async Task ClaimsOnlyAsync(int queued, int seconds, bool sqlite)
    {
        var limit = TimeSpan.FromSeconds(seconds);
        if (sqlite)
        {
            await SqliteClaimsOnlyAsync(queued, limit);
        }

        await PostgresClaimsOnlyAsync(Environment.GetEnvironmentVariable("CRMCORE_TEST_POSTGRES"), queued, limit);
    }

    private static async Task SqliteClaimsOnlyAsync(int queued, TimeSpan limit)
    {
        var path = Environment.GetEnvironmentVariable("CRMCORE_BENCH_SQLITE") ?? Path.Combine(Path.GetTempPath(), "crmcore-claims.db");
        var sqlite = new SqliteStorage(new SqliteStorageOptions { DataSource = path });
        if ((await sqlite.Queue.LoadAllAsync()).Count < queued / 2)
        {
            foreach (var chunk in Tickets(queued).Chunk(50_000))
            {
                await sqlite.Queue.EnqueueManyAsync(chunk);
            }
        }

        await using (var release = new SqliteConnection($"Data Source={path}"))
        {
            await release.OpenAsync();
            await using var command = release.CreateCommand();
            command.CommandText = "UPDATE crm_queue SET claimed_by = NULL, lease_token = NULL, lease_until = NULL WHERE claimed_by IS NOT NULL;";
            await command.ExecuteNonQueryAsync();
        }

        foreach (var claimers in new[] { 1, 4 })
        {
            var cpu = Cpu();
            var (rate, _) = await ClaimAsync(sqlite.Queue, claimers, int.MaxValue, limit);
            Console.WriteLine($"sqlite: claims/s claimers={claimers}: {rate:N0} (CPU of this process per claim: {(Cpu() - cpu) * 1e6 / (rate * limit.TotalSeconds):N0} µs)");
        }
    }

    private static async Task PostgresClaimsOnlyAsync(string? connection, int queued, TimeSpan limit)
    {
        if (connection is null)
        {
            Console.WriteLine("postgres: CRMCORE_TEST_POSTGRES is not set; skipped");
            return;
        }

        var schema = Environment.GetEnvironmentVariable("CRMCORE_BENCH_SCHEMA") ?? "crm_claims";
        using var storage = new PostgreSqlStorage(new PostgreSqlStorageOptions { ConnectionString = connection, Schema = schema, AsynchronousQueueCommit = true });
        if ((await storage.Queue.LoadAllAsync()).Count < queued / 2)
        {
            await Execute(connection, $"DELETE FROM {schema}.queue;");
            foreach (var chunk in Tickets(queued).Chunk(100_000))
            {
                await storage.Queue.EnqueueManyAsync(chunk);
            }

        }

        await Execute(connection, $"UPDATE {schema}.queue SET claimed_by = NULL, lease_token = NULL, lease_until = NULL WHERE claimed_by IS NOT NULL;");
        await Execute(connection, $"VACUUM ANALYZE {schema}.queue;");
        foreach (var claimers in new[] { 1, 8 })
        {
            var (cpu, server) = (Cpu(), ServerCpu());
            var runtime = RuntimeCounts.Now();
            var (rate, _) = await ClaimAsync(storage.Queue, claimers, int.MaxValue, limit);
            var claims = rate * limit.TotalSeconds;
            Console.WriteLine($"postgres: claims/s synchronous_commit=off claimers={claimers}: {rate:N0} (CPU per claim: this process {(Cpu() - cpu) * 1e6 / claims:N0} µs, the server {(ServerCpu() - server) * 1e6 / claims:N0} µs)");
            Console.WriteLine($"  per claim: {(RuntimeCounts.Now() - runtime).Per(claims)}");
        }
    }

    // The CPU seconds the PostgreSQL server has used so far (its postmaster, the children it reaped and the live ones), when
    // CRMCORE_BENCH_PG_DATA names the cluster's data directory on this machine (Linux only); NaN otherwise.
    private static double ServerCpu()
    {
        var data = Environment.GetEnvironmentVariable("CRMCORE_BENCH_PG_DATA");
        if (data is null || !File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            return double.NaN;
        }

        var postmaster = File.ReadLines(Path.Combine(data, "postmaster.pid")).First().Trim();
        double Ticks(string pid, bool reaped)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var total = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            return reaped ? total + double.Parse(fields[13], CultureInfo.InvariantCulture) + double.Parse(fields[14], CultureInfo.InvariantCulture) : total;
        }

        var ticks = Ticks(postmaster, reaped: true);
        foreach (var child in File.ReadAllText($"/proc/{postmaster}/task/{postmaster}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                ticks += Ticks(child, reaped: false);
            }
            catch (IOException)
            {
                // the child ended meanwhile; the postmaster's reaped time has it
            }
        }

        return ticks / 100.0; // USER_HZ
    }

    private static async Task Execute(string connection, string sql)
    {
        await using var data = NpgsqlDataSource.Create(connection);
        await using var command = data.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
