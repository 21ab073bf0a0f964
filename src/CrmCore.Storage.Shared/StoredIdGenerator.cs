using CrmCore.Identifiers;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// Issues ids from an <see cref="IdPattern"/> whose sequence numbers come from a database row per (sequence, period), reserved
/// in blocks of <c>blockSize</c> by an atomic increment: no two instances and no restart ever get the same number. A block
/// larger than 1 is faster but leaves unused numbers when an instance stops.
/// </summary>
internal sealed class StoredIdGenerator<TId> : IIdGenerator<TId>
{
    private readonly IdPattern _pattern;
    private readonly IClock _clock;
    private readonly DateTimeZone _zone;
    private readonly Func<string, TId> _create;
    private readonly string _name;
    private readonly int _blockSize;
    private readonly Func<string, string, int, long, (long First, long Last)> _reserve;
    private readonly Lock _gate = new();
    private string? _period;
    private long _next;
    private long _last;

    // reserve: (name, period, count, max) → the reserved block, up to count numbers not above max; throws <see cref="IdSequenceExhaustedException"/> when none is left.
    public StoredIdGenerator(IdPattern pattern, IClock clock, DateTimeZone zone, Func<string, TId> create, int blockSize, Func<string, string, int, long, (long First, long Last)> reserve)
    {
        _pattern = pattern;
        _clock = clock;
        _zone = zone;
        _create = create;
        _name = pattern.Text;
        _blockSize = blockSize;
        _reserve = reserve;
    }

    public TId Next()
    {
        var date = _clock.GetCurrentInstant().InZone(_zone).Date;
        var period = _pattern.PeriodOf(date);
        long sequence;
        lock (_gate)
        {
            if (_period != period || _next > _last)
            {
                var (first, last) = _reserve(_name, period, _blockSize, _pattern.MaxSequence);
                _period = period;
                _next = first;
                _last = last;
            }

            sequence = _next++;
        }

        return _create(_pattern.Format(date, sequence));
    }
}
