using System.Globalization;
using NodaTime;

namespace CrmCore.Calendars;

/// <summary>
/// One opening period of a day, from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive), in the calendar's local time.
/// An <see cref="End"/> of <see cref="LocalTime.Midnight"/> means the end of the day (24:00), so <c>00:00–24:00</c> is the whole day.
/// Immutable and thread-safe.
/// </summary>
public readonly record struct OpeningSlot
{
    /// <summary>Creates a slot.</summary>
    /// <param name="start">The local opening time.</param>
    /// <param name="end">The local closing time; <see cref="LocalTime.Midnight"/> means 24:00.</param>
    /// <exception cref="ArgumentException">The slot is empty or ends before it starts.</exception>
    public OpeningSlot(LocalTime start, LocalTime end)
    {
        if (end != LocalTime.Midnight && end <= start)
        {
            throw new ArgumentException($"An opening slot must end after it starts ({start:HH:mm:ss}–{end:HH:mm:ss}).", nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>The local opening time (inclusive).</summary>
    public LocalTime Start { get; }

    /// <summary>The local closing time (exclusive); <see cref="LocalTime.Midnight"/> means 24:00.</summary>
    public LocalTime End { get; }

    /// <summary>The whole day, 00:00–24:00.</summary>
    public static OpeningSlot WholeDay { get; } = new(LocalTime.Midnight, LocalTime.Midnight);

    /// <summary>The start as ticks since local midnight.</summary>
    internal long StartTick => Start.TickOfDay;

    /// <summary>The end as ticks since local midnight; 24:00 is <see cref="NodaConstants.TicksPerDay"/>.</summary>
    internal long EndTick => End == LocalTime.Midnight ? NodaConstants.TicksPerDay : End.TickOfDay;

    /// <summary>Parses <c>HH:mm</c> or <c>HH:mm:ss</c> bounds; <c>24:00</c> is accepted as an end.</summary>
    /// <param name="start">The opening time text.</param>
    /// <param name="end">The closing time text.</param>
    /// <param name="slot">The slot, when the result is true.</param>
    /// <param name="path">The JSON path of the slot, for the problem.</param>
    /// <param name="error">The problem (English and zh-Hans), when the result is false.</param>
    /// <returns>True when both bounds parse and the slot is not empty.</returns>
    internal static bool TryParse(string? start, string? end, string path, out OpeningSlot slot, out LoadProblem? error)
    {
        slot = default;
        if (!TryParseTime(start, allowEndOfDay: false, out var s))
        {
            error = LoadProblem.Of(path, "Load_OpeningSlot_Start", start);
            return false;
        }

        if (!TryParseTime(end, allowEndOfDay: true, out var e))
        {
            error = LoadProblem.Of(path, "Load_OpeningSlot_End", end);
            return false;
        }

        if (e != LocalTime.Midnight && e <= s)
        {
            error = LoadProblem.Of(path, "Load_OpeningSlot_Order", start, end);
            return false;
        }

        slot = new OpeningSlot(s, e);
        error = null;
        return true;
    }

    private static bool TryParseTime(string? text, bool allowEndOfDay, out LocalTime time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (allowEndOfDay && (text == "24:00" || text == "24:00:00"))
        {
            time = LocalTime.Midnight;
            return true;
        }

        string[] formats = ["HH:mm", "HH:mm:ss"];
        foreach (var format in formats)
        {
            var result = NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture(format).Parse(text);
            if (result.Success)
            {
                time = result.Value;
                return true;
            }
        }

        return false;
    }

    /// <summary>Formats as <c>HH:mm–HH:mm</c> (seconds shown when not zero; 24:00 for the end of day).</summary>
    /// <returns>The text form.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Format(Start, false)}–{Format(End, true)}");

    private static string Format(LocalTime t, bool isEnd)
    {
        if (isEnd && t == LocalTime.Midnight)
        {
            return "24:00";
        }

        return t.Second == 0 ? t.ToString("HH:mm", CultureInfo.InvariantCulture) : t.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
