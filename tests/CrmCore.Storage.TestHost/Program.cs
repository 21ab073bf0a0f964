// A small host for the storage tests, started as separate OS processes.
//   claim <connection> <schema> <host> <workers> <leaseSeconds> [stallAfter]
//       PostgreSQL: claims tickets as agents serving every team until the queue stays empty; "resolves" each by inserting a
//       row into <schema>.resolution (primary key: ticket id) and then completing the lease. With stallAfter > 0, each worker
//       stops after that many resolutions holding one more claim it never completes, prints "stalled", and waits (to be killed).
//   write <provider> <connection-or-path> <schema> <batches> <batchSize>
//       Enqueues tickets in batches, one transaction each, printing "committed <n>" after each commit (the parent kills us).
using System.Globalization;
using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Storage;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using CrmCore.Tickets;
using Npgsql;
using NodaTime;

var mode = args[0];
if (mode == "claim")
{
    var (connection, schema, host) = (args[1], args[2], args[3]);
    var workers = int.Parse(args[4], CultureInfo.InvariantCulture);
    var lease = Duration.FromSeconds(int.Parse(args[5], CultureInfo.InvariantCulture));
    var stallAfter = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 0;
    var options = new PostgreSqlStorageOptions { ConnectionString = connection, Schema = schema, LeaseDuration = lease };
    var store = new PostgreSqlTicketQueueStore(options);
    await using var data = NpgsqlDataSource.Create(connection);
    var resolved = 0;
    var repeated = 0;
    await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
    {
        var agent = new Agent(new AgentId($"{host}-w{w}"), host, new TeamId("t0"), SkillSet.Create(new SkillLevel(Skill.Technical, 5), new SkillLevel(Skill.Billing, 5)), 1000);
        for (var t = 1; t < 4; t++)
        {
            agent.JoinTeam(new TeamId("t" + t.ToString(CultureInfo.InvariantCulture)));
        }

        agent.SetAvailability(Availability.Online);
        var idle = 0;
        var mine = 0;
        while (idle < 20)
        {
            if (stallAfter > 0 && mine >= stallAfter)
            {
                if (await store.ClaimAsync(agent, SystemClock.Instance.GetCurrentInstant()) is { } held)
                {
                    Console.WriteLine("stalled " + held.Ticket.Id);
                    await Task.Delay(Timeout.Infinite);
                }
            }

            var claim = await store.ClaimAsync(agent, SystemClock.Instance.GetCurrentInstant());
            if (claim is null)
            {
                idle++;
                await Task.Delay(250);
                continue;
            }

            idle = 0;
            await using (var command = data.CreateCommand($"INSERT INTO {schema}.resolution (ticket_id, host) VALUES (@id, @host) ON CONFLICT DO NOTHING;"))
            {
                command.Parameters.AddWithValue("id", claim.Ticket.Id.Value);
                command.Parameters.AddWithValue("host", host);
                if (await command.ExecuteNonQueryAsync() == 0)
                {
                    Interlocked.Increment(ref repeated); // resolved before by a host that died before completing its lease
                }
            }

            await store.CompleteAsync(claim);
            agent.ReleaseSlot();
            Interlocked.Increment(ref resolved);
            mine++;
        }
    })));
    Console.WriteLine($"done {host} resolved={resolved} repeated={repeated}");
    return 0;
}

if (mode == "write")
{
    var (provider, target, schema) = (args[1], args[2], args[3]);
    var batches = int.Parse(args[4], CultureInfo.InvariantCulture);
    var size = int.Parse(args[5], CultureInfo.InvariantCulture);
    var sqlite = provider == "sqlite" ? new SqliteTicketQueueStore(new SqliteStorageOptions { DataSource = target }) : null;
    var postgres = provider == "sqlite" ? null : new PostgreSqlTicketQueueStore(new PostgreSqlStorageOptions { ConnectionString = target, Schema = schema });
    Func<IEnumerable<QueuedTicket>, Task<int>> write = tickets => sqlite is not null ? sqlite.EnqueueManyAsync(tickets) : postgres!.EnqueueManyAsync(tickets);
    var at = Instant.FromUtc(2026, 3, 2, 9, 0);
    for (var b = 0; b < batches; b++)
    {
        var tickets = Enumerable.Range(0, size).Select(i => new QueuedTicket(
            new TicketId($"WT{b:0000}{i:00000}"), new TeamId("t" + (i % 4).ToString(CultureInfo.InvariantCulture)), i % 5 * 10, at + Duration.FromMinutes(i), null, at));
        await write(tickets);
        Console.WriteLine($"committed {b + 1}");
    }

    return 0;
}

Console.Error.WriteLine("usage: claim ... | write ...");
return 2;
