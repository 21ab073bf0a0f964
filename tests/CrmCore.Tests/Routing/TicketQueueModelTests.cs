using CrmCore.Agents;
using CrmCore.Routing;
using CrmCore.Tickets;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Tests.Routing;

/// <summary>Model-based tests: the queue against a reference that sorts every waiting ticket at <c>now</c>.</summary>
public sealed class TicketQueueModelTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);
    private static readonly TeamId[] Groups = [new("tech"), new("service")];
    private static readonly SkillSet[] Requirements =
    [
        SkillSet.Empty,
        SkillSet.Of(Skill.Technical),
        SkillSet.Of(Skill.AfterSales),
        SkillSet.Create(new SkillLevel(Skill.Technical, 3)),
        SkillSet.Of(Skill.Technical, Skill.AfterSales),
    ];

    private static readonly SlaTerm Term = new(new SlaTermOptions
    {
        Horizon = Duration.FromHours(2),
        PointsAtDue = 10,
        OverduePointsPerHour = 6,
        OverdueCap = Duration.FromHours(10),
    });

    /// <summary>
    /// Kinds: 0 enqueue, 1 update, 2 remove, 3 next-for, 4 advance time, 5 overflow (Minutes = wait, Group = source).
    /// Enqueue times: <c>Era</c> 0 is now, 1 is sixty years before 1970, 2 is a century after 2106 (outside the range the queue
    /// keeps in whole seconds beside the due time); <c>Millis</c> moves the time within or across a second.
    /// </summary>
    public sealed record Op(int Kind, int Id, int Priority, int? DueMinutes, int Skills, int Group, int Agent, int Minutes,
        int Era = 0, int Millis = 0);

    private static Gen<Op> OpGen()
    {
        var due = Gen.Frequency((1, Gen.Constant<int?>(null)), (4, Gen.Choose(-300, 600).Select(m => (int?)m)));
        var data =
            from id in Gen.Choose(0, 14)
            from prio in Gen.Choose(0, 3)
            from d in due
            from skills in Gen.Choose(0, Requirements.Length - 1)
            from g in Gen.Choose(0, Groups.Length - 1)
            from era in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
            from millis in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(0, 1999)))
            select (id, prio, d, skills, g, era, millis);
        return Gen.Frequency(
            (4, data.Select(x => new Op(0, x.id, x.prio, x.d, x.skills, x.g, 0, 0, x.era, x.millis))),
            (2, data.Select(x => new Op(1, x.id, x.prio, x.d, x.skills, x.g, 0, 0, x.era, x.millis))),
            (1, Gen.Choose(0, 14).Select(id => new Op(2, id, 0, null, 0, 0, 0, 0))),
            (4, Gen.Choose(0, 4).Select(a => new Op(3, 0, 0, null, 0, 0, a, 0))),
            (2, Gen.Choose(0, 180).Select(m => new Op(4, 0, 0, null, 0, 0, 0, m))),
            (1, Gen.Choose(0, 1).Zip(Gen.Choose(0, 240), (g, m) => new Op(5, 0, 0, null, 0, g, 0, m))));
    }

    private static Agent[] NewAgents()
    {
        var agents = new[]
        {
            new Agent(new AgentId("a-tech-3"), "Tech senior", Groups[0], SkillSet.Create(new SkillLevel(Skill.Technical, 4)), 1000),
            new Agent(new AgentId("a-tech-1"), "Tech junior", Groups[0], SkillSet.Of(Skill.Technical), 1000),
            new Agent(new AgentId("a-svc"), "Service", Groups[1], SkillSet.Of(Skill.AfterSales), 1000),
            new Agent(new AgentId("a-both"), "Both", Groups[1], SkillSet.Of(Skill.AfterSales, Skill.Technical), 1000),
            new Agent(new AgentId("a-away"), "Away", Groups[0], SkillSet.Of(Skill.Technical, Skill.AfterSales), 1000),
        };
        agents[3].JoinTeam(Groups[0]);
        foreach (var agent in agents.Take(4))
        {
            agent.SetAvailability(Availability.Online);
        }

        agents[4].SetAvailability(Availability.Away);
        return agents;
    }

    private static QueuedTicket ToTicket(Op op, Instant now) => new(
        new TicketId("WT" + op.Id.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)),
        Groups[op.Group],
        op.Priority * 5,
        op.DueMinutes is { } m ? now + Duration.FromMinutes(m) : null,
        Requirements[op.Skills],
        op.Era switch
        {
            1 => Instant.FromUtc(1910, 1, 1, 0, 0),
            2 => Instant.FromUtc(2206, 1, 1, 0, 0),
            _ => Start,
        } + (now - Start) + Duration.FromMilliseconds(op.Millis));

    private static List<QueuedTicket> ReferenceTop(Dictionary<TicketId, QueuedTicket> model, Instant now, int count) =>
        model.Values
            .OrderByDescending(t => Term.Score(t.StaticPriority, t.Due, now))
            .ThenBy(t => t.Due ?? Instant.MaxValue)
            .ThenBy(t => t.EnqueuedAt)
            .ThenBy(t => t.Id.Value, StringComparer.Ordinal)
            .Take(count)
            .ToList();

    private static QueuedTicket? ReferenceNext(Dictionary<TicketId, QueuedTicket> model, Agent agent, Instant now)
    {
        if (agent.Availability != Availability.Online)
        {
            return null;
        }

        var eligible = model.Where(p => agent.Serves(p.Value.Group) && agent.Skills.Covers(p.Value.RequiredSkills))
            .ToDictionary(p => p.Key, p => p.Value);
        var best = ReferenceTop(eligible, now, 1);
        return best.Count == 0 ? null : best[0];
    }

    private static bool Run(Op[] ops)
    {
        var queue = new TicketQueue(Term);
        var model = new Dictionary<TicketId, QueuedTicket>();
        var overflowed = new HashSet<TicketId>();
        var agents = NewAgents();
        var now = Start;
        foreach (var op in ops)
        {
            switch (op.Kind)
            {
                case 0:
                {
                    var t = ToTicket(op, now);
                    Assert.Equal(model.TryAdd(t.Id, t), queue.TryEnqueue(t));
                    break;
                }

                case 1:
                {
                    var t = ToTicket(op, now);
                    var known = model.TryGetValue(t.Id, out var old);
                    if (known)
                    {
                        model[t.Id] = t;
                        if (old.Group != t.Group)
                        {
                            overflowed.Remove(t.Id);
                        }
                    }

                    Assert.Equal(known, queue.Update(t));
                    break;
                }

                case 2:
                {
                    var id = ToTicket(op, now).Id;
                    Assert.Equal(model.Remove(id), queue.Remove(id));
                    overflowed.Remove(id);
                    break;
                }

                case 3:
                {
                    var agent = agents[op.Agent];
                    var expected = ReferenceNext(model, agent, now);
                    var actual = queue.NextFor(agent, now);
                    Assert.Equal(expected, actual);
                    if (actual is { } got)
                    {
                        model.Remove(got.Id);
                        overflowed.Remove(got.Id);
                        agent.ReleaseSlot();
                    }

                    break;
                }

                case 5:
                {
                    var (from, to) = (Groups[op.Group], Groups[1 - op.Group]);
                    var cutoff = now - Duration.FromMinutes(op.Minutes);
                    var moving = model.Values
                        .Where(t => t.Group == from && t.EnqueuedAt <= cutoff && !overflowed.Contains(t.Id))
                        .Select(t => t.Id)
                        .ToList();
                    foreach (var id in moving)
                    {
                        model[id] = model[id].WithGroup(to);
                        overflowed.Add(id);
                    }

                    Assert.Equal(moving.Count, queue.Overflow(from, to, cutoff));
                    break;
                }

                default:
                    now += Duration.FromMinutes(op.Minutes);
                    Assert.Equal(ReferenceTop(model, now, 6), queue.Top(6, now));
                    break;
            }

            Assert.Equal(model.Count, queue.Count);
        }

        return agents.All(a => a.ActiveCount == 0);
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property NextFor_RandomOperationSequences_MatchesSortingReference() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(OpGen())), Run);

    [FsCheck.Xunit.Property(MaxTest = 100)]
    public Property Snapshot_AfterRandomOperations_HoldsExactlyTheModelTickets() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(OpGen())), ops =>
        {
            var queue = new TicketQueue(Term);
            var now = Start;
            var expected = new Dictionary<TicketId, QueuedTicket>();
            foreach (var op in ops.Where(o => o.Kind is 0 or 1 or 2))
            {
                var t = ToTicket(op, now);
                switch (op.Kind)
                {
                    case 0:
                        queue.TryEnqueue(t);
                        expected.TryAdd(t.Id, t);
                        break;
                    case 1:
                        if (queue.Update(t))
                        {
                            expected[t.Id] = t;
                        }

                        break;
                    default:
                        queue.Remove(t.Id);
                        expected.Remove(t.Id);
                        break;
                }

                now += Duration.FromMinutes(1);
            }

            var snapshot = queue.Snapshot().OrderBy(t => t.Id).ToList();
            return snapshot.SequenceEqual(expected.Values.OrderBy(t => t.Id));
        });
}
