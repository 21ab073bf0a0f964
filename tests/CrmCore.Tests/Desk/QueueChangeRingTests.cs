using CrmCore.Desk;
using CrmCore.Tickets;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Tests.Desk;

/// <summary>
/// <see cref="QueueChangeRing"/> keeps exactly what a list that appends at the end and removes from the front would keep, in the same
/// order, through any mix of adds and drops (so through every wrap of its start and every growth with a wrapped start).
/// </summary>
public class QueueChangeRingTests
{
    [Property(MaxTest = 500)]
    public Property AnyAddsAndDrops_KeepWhatAListWould()
    {
        // A step adds 0..40 changes, then drops up to the given share of what is kept.
        var steps = Gen.ListOf(Gen.Zip(Gen.Choose(0, 40), Gen.Choose(0, 100)));
        return Prop.ForAll(steps.ToArbitrary(), all =>
        {
            var ring = new QueueChangeRing();
            var model = new List<TicketId>();
            var next = 0;
            foreach (var (adds, share) in all)
            {
                for (var i = 0; i < adds; i++)
                {
                    var id = new TicketId("T" + next++);
                    ring.Add(id);
                    model.Add(id);
                }

                var drop = model.Count * share / 100;
                ring.DropOldest(drop);
                model.RemoveRange(0, drop);
                if (ring.Count != model.Count || Enumerable.Range(0, model.Count).Any(i => ring[i] != model[i]))
                {
                    return false;
                }
            }

            return true;
        });
    }

    [Fact]
    public void Grow_WithAWrappedStart_KeepsTheOrder()
    {
        var ring = new QueueChangeRing();
        for (var i = 0; i < 16; i++)
        {
            ring.Add(new TicketId("T" + i));
        }

        ring.DropOldest(10); // the start moves to slot 10; the next adds wrap to slots 0..
        for (var i = 16; i < 30; i++)
        {
            ring.Add(new TicketId("T" + i)); // the 11th add finds the ring full and grows it
        }

        Assert.Equal(20, ring.Count);
        Assert.Equal(Enumerable.Range(10, 20).Select(i => new TicketId("T" + i)), Enumerable.Range(0, ring.Count).Select(i => ring[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring[20]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.DropOldest(21));
    }
}
