using System.Collections.Concurrent;
using CrmCore.Import.Tables;

namespace CrmCore.Import.Tests;

/// <summary>The hand-over between the import's reading thread and its importing side: order, each piece prepared once, failures, cancellation.</summary>
public class PieceLineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>A prepared piece: which piece, and which thread prepared it.</summary>
    private sealed record Done(int Piece, int Thread);

    [Fact]
    public async Task ManyPieces_ComeOutInOrder_EachPreparedOnce_WhicheverThreadGetsThere()
    {
        const int count = 20_000;
        var prepared = new int[count];
        var line = new PieceLine<int, Done>(4, piece =>
        {
            Interlocked.Increment(ref prepared[piece]);
            Thread.SpinWait(piece % 7 * 50);
            return new Done(piece, Environment.CurrentManagedThreadId);
        });
        var reader = Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < count; i++)
            {
                line.Add(i, CancellationToken.None);
            }

            line.Complete(null);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var next = 0;
        while (await line.TakeAsync(CancellationToken.None) is var (raw, done))
        {
            Assert.Equal(next, raw);
            Assert.Equal(next, done.Piece);
            if (next % 3 == 0)
            {
                Thread.SpinWait(400);
            }

            next++;
        }

        await reader.WaitAsync(Patience);
        Assert.Equal(count, next);
        Assert.All(prepared, n => Assert.Equal(1, n));
        Assert.Null(await line.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReaderAhead_PreparesWhatWaits_ThenSleepsUntilTaken()
    {
        var threads = new ConcurrentDictionary<int, int>();
        var line = new PieceLine<int, Done>(3, piece =>
        {
            threads[piece] = Environment.CurrentManagedThreadId;
            return new Done(piece, Environment.CurrentManagedThreadId);
        });
        var added = 0;
        var readerThread = 0;
        var reader = Task.Factory.StartNew(() =>
        {
            readerThread = Environment.CurrentManagedThreadId;
            for (var i = 0; i < 4; i++)
            {
                line.Add(i, CancellationToken.None);
                Volatile.Write(ref added, i + 1);
            }

            line.Complete(null);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // Nothing is taken: the reader fills the line (3 pieces), prepares all three itself, and waits with the fourth.
        await WaitUntilAsync(() => threads.Count == 3);
        await Task.Delay(200);
        Assert.Equal(3, Volatile.Read(ref added));
        Assert.False(reader.IsCompleted);
        Assert.All(threads.Values, t => Assert.Equal(readerThread, t));

        var pieces = new List<int>();
        while (await line.TakeAsync(CancellationToken.None) is var (raw, _))
        {
            pieces.Add(raw);
        }

        await reader.WaitAsync(Patience);
        Assert.Equal([0, 1, 2, 3], pieces);
    }

    [Fact]
    public async Task PieceNobodyClaimed_IsPreparedByTheTaker()
    {
        var line = new PieceLine<int, Done>(4, piece => new Done(piece, Environment.CurrentManagedThreadId));
        await Task.Run(() =>
        {
            // Added with room to spare: the reading side does not prepare it.
            line.Add(7, CancellationToken.None);
            line.Complete(null);
        });

        var taker = Environment.CurrentManagedThreadId;
        var taken = await line.TakeAsync(CancellationToken.None);
        Assert.NotNull(taken);
        Assert.Equal((7, taker), (taken.Value.Done.Piece, taken.Value.Done.Thread));
    }

    [Fact]
    public async Task ReadingFailure_SurfacesAfterEveryPieceBeforeIt()
    {
        var line = new PieceLine<int, Done>(8, piece => new Done(piece, 0));
        for (var i = 0; i < 3; i++)
        {
            line.Add(i, CancellationToken.None);
        }

        line.Complete(new InvalidDataException("record 4 is damaged"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i, (await line.TakeAsync(CancellationToken.None))!.Value.Raw);
        }

        var failure = await Assert.ThrowsAsync<InvalidDataException>(async () => await line.TakeAsync(CancellationToken.None));
        Assert.Equal("record 4 is damaged", failure.Message);
    }

    [Fact]
    public async Task PreparingFailure_SurfacesWhenThatPieceIsTaken()
    {
        var line = new PieceLine<int, Done>(8, piece => piece == 2 ? throw new FormatException("piece 2") : new Done(piece, 0));
        for (var i = 0; i < 4; i++)
        {
            line.Add(i, CancellationToken.None);
        }

        line.Complete(null);
        Assert.Equal(0, (await line.TakeAsync(CancellationToken.None))!.Value.Raw);
        Assert.Equal(1, (await line.TakeAsync(CancellationToken.None))!.Value.Raw);
        await Assert.ThrowsAsync<FormatException>(async () => await line.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PreparingFailure_OfAPieceTheReaderClaimed_ReachesTheTakerWaitingForIt()
    {
        // The reader fills the line and prepares what waits, newest first; piece 0 fails and is slow, so the taker finds it claimed and
        // waits for it: the failure must reach the taker, after nothing.
        using var started = new ManualResetEventSlim();
        var line = new PieceLine<int, Done>(2, piece =>
        {
            if (piece == 0)
            {
                started.Set();
                Thread.Sleep(200);
                throw new FormatException("piece 0");
            }

            return new Done(piece, 0);
        });
        var reader = Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < 3; i++)
            {
                line.Add(i, CancellationToken.None);
            }

            line.Complete(null);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        Assert.True(started.Wait(Patience), "the reader never claimed piece 0");
        var failure = await Assert.ThrowsAsync<FormatException>(async () => await line.TakeAsync(CancellationToken.None));
        Assert.Equal("piece 0", failure.Message);
        Assert.Equal(1, (await line.TakeAsync(CancellationToken.None))!.Value.Raw);
        await reader.WaitAsync(Patience);
    }

    [Fact]
    public async Task TakerThatFoundTheLineEmpty_IsWokenWhenHalfIsFilled_OrTheReadingEnds()
    {
        var line = new PieceLine<int, Done>(4, piece => new Done(piece, 0));
        var taking = line.TakeAsync(CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(taking.IsCompleted);

        // One piece of four: not yet (the taker would be woken for every piece when reading is the slower side).
        line.Add(0, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(taking.IsCompleted);

        line.Add(1, CancellationToken.None);
        Assert.Equal(0, (await taking.WaitAsync(Patience))!.Value.Raw);
        Assert.Equal(1, (await line.TakeAsync(CancellationToken.None))!.Value.Raw);

        // Empty again; one piece, then the end of the reading wakes it.
        var last = line.TakeAsync(CancellationToken.None).AsTask();
        line.Add(2, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(last.IsCompleted);
        line.Complete(null);
        Assert.Equal(2, (await last.WaitAsync(Patience))!.Value.Raw);
        Assert.Null(await line.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Cancelling_StopsAReaderWaitingOnAFullLine()
    {
        var line = new PieceLine<int, Done>(2, piece => new Done(piece, 0));
        using var stop = new CancellationTokenSource();
        var reader = Task.Factory.StartNew(() =>
        {
            for (var i = 0; ; i++)
            {
                line.Add(i, stop.Token);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        await Task.Delay(200);
        Assert.False(reader.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.WaitAsync(Patience));
    }

    [Fact]
    public async Task Cancelling_StopsATakerWaitingOnAnEmptyLine()
    {
        var line = new PieceLine<int, Done>(2, piece => new Done(piece, 0));
        using var stop = new CancellationTokenSource();
        var taking = line.TakeAsync(stop.Token).AsTask();
        await Task.Delay(100);
        Assert.False(taking.IsCompleted);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => taking.WaitAsync(Patience));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true in time");
            await Task.Delay(10);
        }
    }
}
