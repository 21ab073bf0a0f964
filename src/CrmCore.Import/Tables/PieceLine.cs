using System.Runtime.ExceptionServices;

namespace CrmCore.Import.Tables;

/// <summary>
/// Rows handed from a reading thread to an importing one in pieces, in file order, with the row-only work on each piece (parsing,
/// normalising) done once by whichever of the two threads claims it first. The reading thread reads ahead until the line's capacity of
/// pieces wait, then prepares the newest piece nobody has claimed; the importing thread takes the oldest (the one it needs next) and
/// prepares it itself when nobody has. So when the importing thread is busy, the reading thread prepares ahead of it, and when it
/// would wait, it does its own share: both cores work, without a third thread.
/// <para>
/// The hand-over takes no lock: one reader and one taker, each the only writer of its end of a ring, with a full fence between
/// publishing an end and looking at the other side's waiting flag (a lock here was contended enough to cost more CPU spinning than the
/// work it guarded). Waiting is kept rare, because each wait costs far more than a row: the reading thread (a thread of its own)
/// sleeps only when every waiting piece is claimed, and is woken when half the line is free; the importing side waits
/// (asynchronously) only when the line is empty (woken when half the line is filled or the reading ends) or when its next piece is
/// still being prepared by the reading thread. The reader completes the line, with the failure that stopped it, if any.
/// </para>
/// </summary>
internal sealed class PieceLine<TRaw, TDone>
    where TDone : class
{
    private readonly Entry?[] _ring;
    private readonly Func<TRaw, TDone> _prepare;
    private readonly SemaphoreSlim _readerWake = new(0);

    // The next piece to take (written by the taker only) and the next slot to fill (written by the reader only).
    private long _head;
    private long _tail;
    private int _readerWaiting;
    private TaskCompletionSource? _takerWaits;
    private volatile bool _completed;
    private Exception? _failure;

    /// <summary>Creates a line of at most <paramref name="capacity"/> waiting pieces, each prepared by <paramref name="prepare"/>.</summary>
    public PieceLine(int capacity, Func<TRaw, TDone> prepare)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        ArgumentNullException.ThrowIfNull(prepare);
        _ring = new Entry?[capacity];
        _prepare = prepare;
    }

    /// <summary>How many pieces must wait before a taker that found the line empty is woken (or the line completes): when the reading
    /// is the slower side, the taker then works through several pieces per wake-up instead of being woken for each.</summary>
    private int WakeTakerAt => _ring.Length / 2;

    /// <summary>The reading thread: adds a piece; while the line is full, prepares the newest waiting pieces, or sleeps when all are claimed.</summary>
    public void Add(TRaw piece, CancellationToken cancellationToken)
    {
        var entry = new Entry(piece);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tail = _tail;
            if (tail - Volatile.Read(ref _head) < _ring.Length)
            {
                Volatile.Write(ref _ring[tail % _ring.Length], entry);
                Interlocked.Exchange(ref _tail, tail + 1);
                if (Volatile.Read(ref _takerWaits) is not null && tail + 1 - Volatile.Read(ref _head) >= WakeTakerAt)
                {
                    Interlocked.Exchange(ref _takerWaits, null)?.TrySetResult();
                }

                return;
            }

            if (ClaimNewest() is { } claimed)
            {
                claimed.Run(_prepare);
                continue;
            }

            // Everything waiting is claimed: sleep until half the line is free (the taker wakes it), checking now and then.
            Interlocked.Exchange(ref _readerWaiting, 1);
            if (_tail - Volatile.Read(ref _head) >= _ring.Length)
            {
                _readerWake.Wait(50, cancellationToken);
            }

            Interlocked.Exchange(ref _readerWaiting, 0);
        }
    }

    /// <summary>The reading thread: no more pieces; <paramref name="failure"/> is what stopped the reading, if anything.</summary>
    public void Complete(Exception? failure)
    {
        _failure = failure;
        _completed = true;
        Interlocked.Exchange(ref _takerWaits, null)?.TrySetResult();
    }

    /// <summary>
    /// The importing side: the next piece in order, prepared (by this thread when nobody has claimed it yet); null when the line is
    /// complete and empty. A failure of the reading surfaces once every piece before it has been taken; a failure to prepare a piece
    /// surfaces when that piece is taken.
    /// </summary>
    public async ValueTask<(TRaw Raw, TDone Done)?> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var head = _head;
            if (Volatile.Read(ref _tail) > head)
            {
                var slot = head % _ring.Length;
                var entry = Volatile.Read(ref _ring[slot])!;
                Volatile.Write(ref _ring[slot], null);
                Interlocked.Exchange(ref _head, head + 1);
                if (Volatile.Read(ref _readerWaiting) == 1 && Volatile.Read(ref _tail) - (head + 1) <= _ring.Length / 2
                    && Interlocked.Exchange(ref _readerWaiting, 0) == 1)
                {
                    _readerWake.Release();
                }

                if (entry.TryClaim())
                {
                    entry.Run(_prepare);
                }
                else
                {
                    // The reading thread is preparing it (and every piece after it is prepared: it claims the newest first). It is a
                    // piece's work away at most: wait for it here a little before handing the wait to the thread pool.
                    var spin = default(SpinWait);
                    for (var i = 0; i < 200 && !entry.Done.IsCompleted; i++)
                    {
                        spin.SpinOnce(sleep1Threshold: -1);
                    }
                }

                return (entry.Raw, await entry.Done.ConfigureAwait(false));
            }

            if (_completed)
            {
                if (Volatile.Read(ref _tail) > head)
                {
                    continue;
                }

                if (_failure is { } failure)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                return null;
            }

            var waits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Interlocked.Exchange(ref _takerWaits, waits);
            if ((Volatile.Read(ref _tail) - head >= WakeTakerAt || _completed) && Interlocked.CompareExchange(ref _takerWaits, null, waits) == waits)
            {
                // A piece (or the end) came between looking and announcing the wait: no need to wait.
                continue;
            }

            await waits.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Claims the newest waiting piece nobody has claimed (the reading thread only); null when there is none.</summary>
    private Entry? ClaimNewest()
    {
        for (var i = _tail - 1; i >= Volatile.Read(ref _head); i--)
        {
            if (Volatile.Read(ref _ring[i % _ring.Length]) is { } entry && entry.TryClaim())
            {
                return entry;
            }
        }

        return null;
    }

    private sealed class Entry(TRaw raw)
    {
        private readonly TaskCompletionSource<TDone> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _claimed;

        public TRaw Raw => raw;

        public Task<TDone> Done => _done.Task;

        public bool TryClaim() => Volatile.Read(ref _claimed) == 0 && Interlocked.Exchange(ref _claimed, 1) == 0;

        public void Run(Func<TRaw, TDone> prepare)
        {
            try
            {
                _done.SetResult(prepare(raw));
            }
            catch (Exception e)
            {
                _done.SetException(e);
            }
        }
    }
}
