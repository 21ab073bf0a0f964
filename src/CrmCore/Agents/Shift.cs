using NodaTime;

namespace CrmCore.Agents;

/// <summary>
/// A recurring working shift: local start and end times on given days of the week. A shift whose end is not after its start
/// runs overnight and belongs to the day it starts on. Immutable and thread-safe.
/// </summary>
public readonly record struct Shift
{
    private readonly byte _days;

    /// <summary>Creates a shift.</summary>
    /// <param name="start">The local start time.</param>
    /// <param name="end">The local end time (exclusive); at or before <paramref name="start"/> means the shift runs overnight.</param>
    /// <param name="days">The days it starts on; none given means every day.</param>
    /// <exception cref="ArgumentOutOfRangeException">A day is <see cref="IsoDayOfWeek.None"/> or out of range.</exception>
    public Shift(LocalTime start, LocalTime end, params IEnumerable<IsoDayOfWeek> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        byte mask = 0;
        foreach (var day in days)
        {
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentOutOfRangeException(nameof(days), day, "A shift day must be Monday to Sunday.");
            }

            mask |= (byte)(1 << (int)day);
        }

        Start = start;
        End = end;
        _days = mask == 0 ? (byte)0xFE : mask;
    }

    /// <summary>The local start time.</summary>
    public LocalTime Start { get; }

    /// <summary>The local end time (exclusive).</summary>
    public LocalTime End { get; }

    /// <summary>True when the shift starts on the given day.</summary>
    /// <param name="day">The day of the week.</param>
    /// <returns>Whether the shift runs on that day.</returns>
    public bool StartsOn(IsoDayOfWeek day) => (_days & (1 << (int)day)) != 0;

    /// <summary>True when the given local date and time falls inside the shift.</summary>
    /// <param name="at">A local date and time in the agent's time zone.</param>
    /// <returns>Whether the agent is on duty then.</returns>
    public bool Covers(LocalDateTime at)
    {
        var time = at.TimeOfDay;
        if (Start < End)
        {
            return StartsOn(at.DayOfWeek) && time >= Start && time < End;
        }

        // Overnight (or a full 24 h when Start == End): the evening part belongs to today, the morning part to yesterday.
        return (time >= Start && StartsOn(at.DayOfWeek)) || (time < End && StartsOn(at.Date.PlusDays(-1).DayOfWeek));
    }
}
