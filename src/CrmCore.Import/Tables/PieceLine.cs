using System.Runtime.ExceptionServices;

namespace CrmCore.Import.Tables;

/// <summary>
/// Rows handed from a reading thread to an importing one in pieces, in file order, with the row-only work on each piece (parsing,
/// normalising) done once by whichever of the two threads claims it first. The reading thread reads ahead until <see cref="Capacity"/>
/// pieces wait, then prepares the newest piece nobody has claimed; the importing thread takes the oldest (the one it needs next) and
/// prepares it itself when nobody has. So when the importing thread is busy, the reading thread prepares ahead of it, and when it
/// would wait, it does its own share: both cores work, without a third thread.
/// <para>
/// Waiting is kept rare, because each wait costs far more than a row: the reading thread (a thread of its own) sleeps only when every
/// waiting piece is claimed, and is woken when half the line is free; the importing side waits (asynchronously) only when the line is
/// empty or its next piece is still being prepared by the reading thread. One reader, one taker; the reader completes the line, with
/// the failure that stopped it, if any.
/// </para>
/// </summary>
/// <typeparam name="TRaw">A piece as read.</typeparam>
/// <typeparam name="TDone">A piece's prepared form.</typeparam>
internal sealed class PieceLine<TRaw, TDone>
    where TDone : class
{
    private readonly object _gate = new();
    private readonly Entry[] _ring;
    private readonly Func<TRaw, TDone> _prepare;
    private int _head;
    private int _count;
    private bool _completed;
    private Exception? _failure;
    private bool _readerAsleep;
    private TaskCompletionSource? _takerWaits;

    /// <summary>Creates a line of at most <paramref name="capacity"/> waiting pieces, each prepared by <paramref name="prepare"/>.</summary>
    public PieceLine(int capacity, Func<TRaw, TDone> prepare)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        ArgumentNullException.ThrowIfNull(prepare);
        _ring = new Entry[capacity];
        _prepare = prepare;
    }

    /// <summary>How many pieces may wait.</summary>
    public int Capacity => _ring.Length;

    /// <summary>The reading thread: adds a piece; while the line is full, prepares the newest waiting pieces, or sleeps when all are claimed.</summary>
    public void Add(TRaw piece, CancellationToken cancellationToken)
    {
        var entry = new Entry(piece);
        TaskCompletionSource? wake;
        while (true)
        {
            Entry? claimed = null;
            lock (_gate)
            {
                if (_count < _ring.Length)
                {
                    _ring[(_head + _count) % _ring.Length] = entry;
                    _count++;
                    (wake, _takerWaits) = (_takerWaits, null);
                    break;
                }

                claimed = ClaimNewest();
                if (claimed is null)
                {
                    // Everything waiting is claimed: sleep until half the line is free (checking for cancellation now and then).
                    _readerAsleep = true;
                    Monitor.Wait(_gate, 50);
                    _readerAsleep = false;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            claimed?.Run(_prepare);
        }

        wake?.TrySetResult();
    }

    /// <summary>The reading thread: no more pieces; <paramref name="failure"/> is what stopped the reading, if anything.</summary>
    public void Complete(Exception? failure)
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            _completed = true;
            _failure = failure;
            (wake, _takerWaits) = (_takerWaits, null);
        }

        wake?.TrySetResult();
    }

    /// <summary>
    /// The importing side: the next piece in order, prepared (by this thread when nobody has claimed it yet); null when the line is
    /// complete and empty. A failure of the reading surfaces once every piece before it has been taken; a failure to prepare a piece
    /// surfaces when that piece is taken.
    /// </summary>
    public async ValueTask<(TRaw Raw, TDone Done)?> TakeAsync(CancellationToken cancellationToken)
    {
        Entry entry;
        while (true)
        {
            Task waiting;
            lock (_gate)
            {
                if (_count > 0)
                {
                    entry = _ring[_head];
                    _ring[_head] = null!;
                    _head = (_head + 1) % _ring.Length;
                    _count--;
                    if (_readerAsleep && _count <= _ring.Length / 2)
                    {
                        Monitor.Pulse(_gate);
                    }

                    break;
                }

                if (_completed)
                {
                    if (_failure is { } failure)
                    {
                        ExceptionDispatchInfo.Throw(failure);
                    }

                    return null;
                }

                _takerWaits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting = _takerWaits.Task;
            }

            await waiting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (entry.TryClaim())
        {
            entry.Run(_prepare);
        }

        return (entry.Raw, await entry.Done.ConfigureAwait(false));
    }

    /// <summary>Claims the newest waiting piece nobody has claimed (under the gate); null when there is none.</summary>
    private Entry? ClaimNewest()
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            var entry = _ring[(_head + i) % _ring.Length];
            if (entry.TryClaim())
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
