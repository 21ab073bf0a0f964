using System.Collections.Immutable;
using CrmCore.Sla;
using CrmCore.Tickets;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CrmCore.Tests.Sla;

/// <summary>Where the built-in clocks start and stop (docs/sla.md), read from a ticket's status history.</summary>
public sealed class SlaClockDefinitionsTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 3, 1, 0);

    private static readonly TicketStatus[] Finished = [TicketStatus.Resolved, TicketStatus.AwaitingRevisit, TicketStatus.Closed, TicketStatus.NoActionNeeded];

    private static Instant At(int hours) => T0 + Duration.FromHours(hours);

    private static SlaClockBounds? Bounds(SlaMetric metric, SlaTicket ticket) =>
        SlaClockDefinitions.BuiltIn.Single(c => c.Metric == metric).GetBounds(ticket);

    private static SlaTicket Moves(params TicketStatus[] statuses)
    {
        var builder = new SlaTicketBuilder(T0);
        for (var i = 0; i < statuses.Length; i++)
        {
            builder.Move(At(i + 1), statuses[i]);
        }

        return builder.Build();
    }

    [Fact]
    public void FirstResponse_NoReplyRecorded_StopsAtTheFirstFinishedStatus()
    {
        var reopened = Moves(TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.InProgress, TicketStatus.Resolved);
        Assert.Equal(new SlaClockBounds(T0, At(2)), Bounds(SlaMetric.FirstResponse, reopened));

        var dropped = Moves(TicketStatus.NoActionNeeded);
        Assert.Equal(At(1), Bounds(SlaMetric.FirstResponse, dropped)!.Value.Stop);

        Assert.Null(Bounds(SlaMetric.FirstResponse, Moves(TicketStatus.InProgress, TicketStatus.WaitingForCustomer))!.Value.Stop);
    }

    [Fact]
    public void FirstResponse_ReplyRecorded_StopsAtTheReply()
    {
        var ticket = Moves(TicketStatus.InProgress, TicketStatus.Resolved) with { FirstResponseAt = At(1) + Duration.FromMinutes(5) };

        Assert.Equal(At(1) + Duration.FromMinutes(5), Bounds(SlaMetric.FirstResponse, ticket)!.Value.Stop);
    }

    [Fact]
    public void Resolution_ClosingAResolvedTicket_KeepsTheResolutionInstant()
    {
        var bounds = Bounds(SlaMetric.Resolution, Moves(TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.AwaitingRevisit, TicketStatus.Closed))!.Value;

        Assert.Equal(At(2), bounds.Stop);
        Assert.Equal(Finished.ToHashSet(), bounds.NotCountingIn.ToHashSet());
    }

    [Fact]
    public void Resolution_Reopened_StopsAtTheLatestResolutionOrRunsAgain()
    {
        var resolvedAgain = Moves(TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed);
        Assert.Equal(At(4), Bounds(SlaMetric.Resolution, resolvedAgain)!.Value.Stop);

        var open = Moves(TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.InProgress);
        Assert.Null(Bounds(SlaMetric.Resolution, open)!.Value.Stop);
    }

    [Fact]
    public void Resolution_HistoryStartingInAFinishedStatus_StopsAtItsFirstEntry()
    {
        // A host may hand over a history without the creation entry, e.g. a ticket imported as already resolved.
        var ticket = new SlaTicket
        {
            Id = new TicketId("T1"),
            RaisedAt = T0,
            History = [new StatusChange(At(1), TicketStatus.Resolved, TicketStatus.Resolved, "import"), new StatusChange(At(2), TicketStatus.Resolved, TicketStatus.Closed, "agent")],
        };

        Assert.Equal(At(1), Bounds(SlaMetric.Resolution, ticket)!.Value.Stop);
    }

    [Fact]
    public void Revisit_RunsFromTheLatestResolutionToTheFollowingClose()
    {
        Assert.Equal(new SlaClockBounds(At(2), At(3)), Bounds(SlaMetric.Revisit, Moves(TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed)));
        Assert.Equal(new SlaClockBounds(At(2), At(4)),
            Bounds(SlaMetric.Revisit, Moves(TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.AwaitingRevisit, TicketStatus.Closed)));
        Assert.Equal(new SlaClockBounds(At(2), null), Bounds(SlaMetric.Revisit, Moves(TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.AwaitingRevisit)));
        Assert.Equal(new SlaClockBounds(At(5), null),
            Bounds(SlaMetric.Revisit, Moves(TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed, TicketStatus.InProgress, TicketStatus.Resolved)));
        Assert.Null(Bounds(SlaMetric.Revisit, Moves(TicketStatus.NoActionNeeded, TicketStatus.Closed)));
        Assert.Null(Bounds(SlaMetric.Revisit, Moves(TicketStatus.InProgress)));
    }

    [Fact]
    public void Revisit_ARepeatedCloseRecord_KeepsTheFirstClose() =>
        Assert.Equal(new SlaClockBounds(At(2), At(3)), Bounds(SlaMetric.Revisit, Moves(TicketStatus.InProgress, TicketStatus.Resolved, TicketStatus.Closed, TicketStatus.Closed)));

    [Fact]
    public void NextResponse_RunsWhileAReplyIsAwaited()
    {
        Assert.Null(Bounds(SlaMetric.NextResponse, Moves(TicketStatus.InProgress)));
        var waiting = Moves(TicketStatus.InProgress) with { AwaitingReplySince = At(1) };
        Assert.Equal(new SlaClockBounds(At(1), null), Bounds(SlaMetric.NextResponse, waiting));
    }

    [Fact]
    public void FirstResponseAndResolution_StopAtTheFirstAndLatestEntryIntoAFinishedStatus() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Elements(Enum.GetValues<TicketStatus>())).ToArbitrary(), statuses =>
        {
            var ticket = Moves(statuses);
            var first = Array.FindIndex(statuses, s => Finished.Contains(s));
            var firstResponse = Bounds(SlaMetric.FirstResponse, ticket)!.Value.Stop;
            var resolution = Bounds(SlaMetric.Resolution, ticket)!.Value.Stop;
            var latestRun = statuses.Length;
            while (latestRun > 0 && Finished.Contains(statuses[latestRun - 1]))
            {
                latestRun--;
            }

            return firstResponse == (first < 0 ? null : At(first + 1))
                && resolution == (latestRun == statuses.Length ? null : At(latestRun + 1));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Bounds_WithoutNotCountingStatuses_HaveAnEmptySetAndMask()
    {
        Assert.Empty(new SlaClockBounds(T0, null).NotCountingIn);
        Assert.Equal(0u, new SlaClockBounds(T0, null).NotCountingMask);
        Assert.Empty(default(SlaClockBounds).NotCountingIn);
        Assert.Equal(new SlaClockBounds(T0, null, []), new SlaClockBounds(T0, null));
        var resolved = new SlaClockBounds(T0, null, [TicketStatus.Resolved]);
        Assert.Equal([TicketStatus.Resolved], resolved.NotCountingIn);
        Assert.Equal(1u << (int)TicketStatus.Resolved, resolved.NotCountingMask);
    }

    [Fact]
    public void StatusMask_ContainsExactlyTheGivenStatuses_RepeatsIncluded() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Elements(Enum.GetValues<TicketStatus>())).ToArbitrary(), statuses =>
        {
            var mask = StatusMask.Of(statuses);
            return Enum.GetValues<TicketStatus>().All(s => StatusMask.Contains(mask, s) == statuses.Contains(s));
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(-1)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(int.MaxValue)]
    public void StatusMask_UndefinedStatusOutsideTheMask_IsInNoSet(int value)
    {
        var status = (TicketStatus)value;

        Assert.Equal(0u, StatusMask.Bit(status));
        Assert.False(StatusMask.Contains(StatusMask.Of(Enum.GetValues<TicketStatus>()), status));
        Assert.Equal(0u, StatusMask.Of([status]));
    }

    [Fact]
    public void StatusMask_OfNothing_IsEmpty()
    {
        Assert.Equal(0u, StatusMask.Of(null));
        Assert.Equal(0u, StatusMask.Of(ImmutableArray<TicketStatus>.Empty));
    }
}
