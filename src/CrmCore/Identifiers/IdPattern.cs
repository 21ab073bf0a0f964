using System.Globalization;
using System.Text;
using NodaTime;

namespace CrmCore.Identifiers;

/// <summary>
/// A parsed id pattern such as <c>C{yyyyMM}{seq:3}</c>, <c>KH{seq:4}</c> or <c>WT{yyyyMM}{seq:3}</c>.
/// A pattern is literal text mixed with tokens in braces: the date tokens <c>{yyyy}</c>, <c>{yyyyMM}</c> and <c>{yyyyMMdd}</c>,
/// and exactly one sequence token <c>{seq:N}</c> (N digits, 1 to 18, zero-padded). The date tokens together form the <em>period</em>:
/// the sequence restarts at 1 in each period. Literal text may not contain braces or white space.
/// Every id of a pattern has the same length, at most 64 characters. Immutable and thread-safe.
/// </summary>
public sealed class IdPattern
{
    private const int MaxIdLength = 64;
    private const int MaxSequenceDigits = 18;
    private readonly Segment[] segments;

    private IdPattern(string text, Segment[] segments, int sequenceDigits)
    {
        Text = text;
        this.segments = segments;
        SequenceDigits = sequenceDigits;
        MaxSequence = (long)Math.Pow(10, sequenceDigits) - 1;
        HasPeriod = segments.Any(s => s.Kind == SegmentKind.Date);
        Length = segments.Sum(s => s.Width);
    }

    private enum SegmentKind
    {
        Literal,
        Date,
        Sequence,
    }

    /// <summary>The pattern text as given.</summary>
    public string Text { get; }

    /// <summary>The number of sequence digits (the N of <c>{seq:N}</c>).</summary>
    public int SequenceDigits { get; }

    /// <summary>The largest sequence number an id can carry: 10^N − 1 (999 for <c>{seq:3}</c>).</summary>
    public long MaxSequence { get; }

    /// <summary>True when the pattern has a date token, so the sequence restarts each period; false for a single, endless period.</summary>
    public bool HasPeriod { get; }

    /// <summary>The length of every id made from this pattern.</summary>
    public int Length { get; }

    /// <summary>Parses a pattern.</summary>
    /// <param name="pattern">The pattern text, for example <c>WT{yyyyMM}{seq:3}</c>.</param>
    /// <returns>The parsed pattern.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    /// <exception cref="ArgumentException">The pattern is invalid; the message names the zero-based position of the problem.</exception>
    public static IdPattern Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var result = TryParseCore(pattern, out var error);
        return result ?? throw new ArgumentException(error, nameof(pattern));
    }

    /// <summary>Parses a pattern without throwing.</summary>
    /// <param name="pattern">The pattern text.</param>
    /// <param name="result">The parsed pattern, or null when invalid.</param>
    /// <param name="error">Null when valid; otherwise an English message naming the position of the problem.</param>
    /// <returns>True when the pattern is valid.</returns>
    public static bool TryParse(string? pattern, out IdPattern? result, out string? error)
    {
        if (pattern is null)
        {
            result = null;
            error = "The id pattern is missing.";
            return false;
        }

        result = TryParseCore(pattern, out error);
        return result is not null;
    }

    /// <summary>The period key of a date: the date tokens formatted and concatenated (<c>202405</c> for <c>C{yyyyMM}{seq:3}</c>); empty when the pattern has no date token.</summary>
    /// <param name="date">The local date in the generator's time zone.</param>
    /// <returns>The period key.</returns>
    public string PeriodOf(LocalDate date)
    {
        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Kind == SegmentKind.Date)
            {
                AppendDate(builder, segment.Text, date);
            }
        }

        return builder.ToString();
    }

    /// <summary>Formats an id.</summary>
    /// <param name="date">The local date that gives the period.</param>
    /// <param name="sequence">The sequence number, 1 to <see cref="MaxSequence"/>.</param>
    /// <returns>The id text, for example <c>WT202403001</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is outside 1 to <see cref="MaxSequence"/>.</exception>
    public string Format(LocalDate date, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        var builder = new StringBuilder(Length);
        foreach (var segment in segments)
        {
            switch (segment.Kind)
            {
                case SegmentKind.Literal:
                    builder.Append(segment.Text);
                    break;
                case SegmentKind.Date:
                    AppendDate(builder, segment.Text, date);
                    break;
                default:
                    builder.Append(sequence.ToString(CultureInfo.InvariantCulture).PadLeft(SequenceDigits, '0'));
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Reads the period key and sequence number back from an id made with this pattern (for example to continue after a restart).</summary>
    /// <param name="id">An id such as <c>C202405017</c>.</param>
    /// <param name="period">The period key (<c>202405</c>), or empty.</param>
    /// <param name="sequence">The sequence number (17).</param>
    /// <returns>False when the id does not fit the pattern (wrong length, literal text, non-digits or sequence 0).</returns>
    public bool TryMatch(string? id, out string period, out long sequence)
    {
        period = string.Empty;
        sequence = 0;
        if (id is null || id.Length != Length)
        {
            return false;
        }

        var periodBuilder = new StringBuilder();
        var position = 0;
        foreach (var segment in segments)
        {
            var part = id.AsSpan(position, segment.Width);
            position += segment.Width;
            if (segment.Kind == SegmentKind.Literal)
            {
                if (!part.SequenceEqual(segment.Text))
                {
                    return false;
                }

                continue;
            }

            foreach (var c in part)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }
            }

            if (segment.Kind == SegmentKind.Date)
            {
                periodBuilder.Append(part);
            }
            else
            {
                sequence = long.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        period = periodBuilder.ToString();
        return sequence >= 1;
    }

    /// <summary>Returns the pattern text.</summary>
    /// <returns>The pattern text.</returns>
    public override string ToString() => Text;

    private static void AppendDate(StringBuilder builder, string token, LocalDate date)
    {
        builder.Append(date.Year.ToString("D4", CultureInfo.InvariantCulture));
        if (token.Length >= 6)
        {
            builder.Append(date.Month.ToString("D2", CultureInfo.InvariantCulture));
        }

        if (token.Length == 8)
        {
            builder.Append(date.Day.ToString("D2", CultureInfo.InvariantCulture));
        }
    }

    private static IdPattern? TryParseCore(string pattern, out string? error)
    {
        var segments = new List<Segment>();
        var sequenceDigits = 0;
        var position = 0;
        string? Fail(int at, string reason)
        {
            return $"Invalid id pattern '{pattern}' at position {at}: {reason}";
        }

        while (position < pattern.Length)
        {
            var c = pattern[position];
            if (c == '}')
            {
                error = Fail(position, "'}' without a matching '{'.");
                return null;
            }

            if (c != '{')
            {
                var start = position;
                while (position < pattern.Length && pattern[position] is not '{' and not '}')
                {
                    if (char.IsWhiteSpace(pattern[position]) || char.IsControl(pattern[position]))
                    {
                        error = Fail(position, "white space and control characters are not allowed in an id.");
                        return null;
                    }

                    position++;
                }

                var literal = pattern[start..position];
                segments.Add(new Segment(SegmentKind.Literal, literal, literal.Length));
                continue;
            }

            var close = pattern.IndexOf('}', position + 1);
            var nextOpen = pattern.IndexOf('{', position + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                error = Fail(position, "'{' is not closed by '}'.");
                return null;
            }

            var token = pattern[(position + 1)..close];
            switch (token)
            {
                case "yyyy" or "yyyyMM" or "yyyyMMdd":
                    segments.Add(new Segment(SegmentKind.Date, token, token.Length));
                    break;
                case var _ when token.StartsWith("seq:", StringComparison.Ordinal):
                    if (sequenceDigits != 0)
                    {
                        error = Fail(position, "a pattern has exactly one {seq:N} token; this is a second one.");
                        return null;
                    }

                    if (!int.TryParse(token.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var digits) || digits is < 1 or > MaxSequenceDigits)
                    {
                        error = Fail(position + 5, $"the sequence width must be a whole number from 1 to {MaxSequenceDigits}, not '{token[4..]}'.");
                        return null;
                    }

                    sequenceDigits = digits;
                    segments.Add(new Segment(SegmentKind.Sequence, token, digits));
                    break;
                default:
                    error = Fail(position + 1, $"unknown token '{{{token}}}'; expected {{yyyy}}, {{yyyyMM}}, {{yyyyMMdd}} or {{seq:N}}.");
                    return null;
            }

            position = close + 1;
        }

        if (sequenceDigits == 0)
        {
            error = Fail(pattern.Length, "the pattern needs a {seq:N} token.");
            return null;
        }

        var length = segments.Sum(s => s.Width);
        if (length > MaxIdLength)
        {
            error = Fail(0, $"ids would be {length} characters long; the limit is {MaxIdLength}.");
            return null;
        }

        error = null;
        return new IdPattern(pattern, [.. segments], sequenceDigits);
    }

    private readonly record struct Segment(SegmentKind Kind, string Text, int Width);
}
