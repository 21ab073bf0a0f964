using System.Collections.Immutable;
using NodaTime;

namespace CrmCore.Calendars;

/// <summary>
/// The regular opening hours of each day of the week, any number of slots a day (for example 09:00–12:00 and 13:30–18:00).
/// Slots of a day are kept sorted and never overlap. Immutable and thread-safe.
/// </summary>
public sealed class WeeklySchedule
{
    private readonly ImmutableArray<OpeningSlot>[] _days;

    private WeeklySchedule(ImmutableArray<OpeningSlot>[] days) => _days = days;

    /// <summary>A schedule open all day every day (24/7).</summary>
    public static WeeklySchedule AlwaysOpen { get; } =
        Create(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToDictionary(d => d, _ => (IEnumerable<OpeningSlot>)[OpeningSlot.WholeDay]));

    /// <summary>The slots of a day, sorted; empty when the day is closed.</summary>
    /// <param name="day">The day of the week.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="day"/> is <see cref="IsoDayOfWeek.None"/>.</exception>
    public ImmutableArray<OpeningSlot> this[IsoDayOfWeek day]
    {
        get
        {
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentOutOfRangeException(nameof(day));
            }

            return _days[(int)day - 1];
        }
    }

    /// <summary>True when every day is open 00:00–24:00.</summary>
    public bool IsAlwaysOpen => _days.All(d => d.Length == 1 && d[0] == OpeningSlot.WholeDay);

    /// <summary>Creates a schedule with the same slots Monday to Friday and Saturday and Sunday closed.</summary>
    /// <param name="slots">The slots of each weekday.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">The slots overlap.</exception>
    public static WeeklySchedule Weekdays(params OpeningSlot[] slots)
    {
        var map = new Dictionary<IsoDayOfWeek, IEnumerable<OpeningSlot>>();
        for (var d = IsoDayOfWeek.Monday; d <= IsoDayOfWeek.Friday; d++)
        {
            map[d] = slots;
        }

        return Create(map);
    }

    /// <summary>Creates a schedule from the slots of each day; days not listed are closed.</summary>
    /// <param name="days">The slots per day of the week, in any order.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentException">Two slots of a day overlap, or a day is <see cref="IsoDayOfWeek.None"/>.</exception>
    public static WeeklySchedule Create(IReadOnlyDictionary<IsoDayOfWeek, IEnumerable<OpeningSlot>> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var result = new ImmutableArray<OpeningSlot>[7];
        for (var i = 0; i < 7; i++)
        {
            result[i] = [];
        }

        foreach (var (day, slots) in days)
        {
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentException("The day of the week must be Monday to Sunday.", nameof(days));
            }

            result[(int)day - 1] = Normalize(slots, nameof(days));
        }

        return new WeeklySchedule(result);
    }

    /// <summary>Sorts slots and checks that they do not overlap.</summary>
    /// <param name="slots">The slots.</param>
    /// <param name="paramName">The parameter named in the exception.</param>
    /// <returns>The sorted slots.</returns>
    /// <exception cref="ArgumentException">Two slots overlap.</exception>
    internal static ImmutableArray<OpeningSlot> Normalize(IEnumerable<OpeningSlot> slots, string paramName)
    {
        var sorted = Sort(slots, out var overlap);
        return overlap is not { } pair ? sorted : throw new ArgumentException($"The opening slots {pair.First} and {pair.Second} overlap.", paramName);
    }

    /// <summary>Sorts slots and names the first two that overlap, without throwing.</summary>
    /// <param name="slots">The slots.</param>
    /// <param name="overlap">The first overlapping pair in start order, or null.</param>
    /// <returns>The sorted slots.</returns>
    internal static ImmutableArray<OpeningSlot> Sort(IEnumerable<OpeningSlot> slots, out (OpeningSlot First, OpeningSlot Second)? overlap)
    {
        var sorted = slots.OrderBy(s => s.StartTick).ToImmutableArray();
        overlap = null;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].StartTick < sorted[i - 1].EndTick)
            {
                overlap = (sorted[i - 1], sorted[i]);
                break;
            }
        }

        return sorted;
    }
}
