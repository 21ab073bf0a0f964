using System.Globalization;

namespace CrmCore.Cli.Rules;

/// <summary>
/// Groups priority points into bands P1, P2, ... by descending thresholds (default 60 and 30: P1 at 60 points or more,
/// P2 at 30 or more, P3 below). The thresholds are policy, so they come from <c>--bands</c>.
/// </summary>
internal sealed class PriorityBands
{
    private readonly decimal[] _thresholds;

    private PriorityBands(decimal[] thresholds) => _thresholds = thresholds;

    /// <summary>Gets the default bands: 60 and 30 points.</summary>
    public static PriorityBands Default { get; } = new([60m, 30m]);

    /// <summary>Parses <c>60,30</c>: strictly descending, non-negative thresholds; <see langword="null"/> when invalid.</summary>
    public static PriorityBands? Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new decimal[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!decimal.TryParse(parts[i], NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out values[i])
                || values[i] < 0 || (i > 0 && values[i] >= values[i - 1]))
            {
                return null;
            }
        }

        return new PriorityBands(values);
    }

    /// <summary>Gets the band of a number of points: <c>P1</c> is the highest.</summary>
    public string BandOf(decimal points)
    {
        for (var i = 0; i < _thresholds.Length; i++)
        {
            if (points >= _thresholds[i])
            {
                return "P" + (i + 1).ToString(CultureInfo.InvariantCulture);
            }
        }

        return "P" + (_thresholds.Length + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The thresholds as written on the command line, such as <c>60,30</c> (what help shows as the default).</summary>
    /// <returns>The thresholds, comma-separated, highest first.</returns>
    public override string ToString() => string.Join(',', _thresholds.Select(t => t.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Gets every band name, highest first.</summary>
    public IEnumerable<string> Names => Enumerable.Range(1, _thresholds.Length + 1).Select(i => "P" + i.ToString(CultureInfo.InvariantCulture));
}
