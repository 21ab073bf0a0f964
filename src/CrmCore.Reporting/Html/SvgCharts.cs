using System.Globalization;
using System.Net;
using System.Text;
using CrmCore.Metrics;

namespace CrmCore.Reporting.Html;

/// <summary>
/// Inline SVG charts. Honest by construction: every axis is drawn with its ends labelled and starts at zero unless the caller
/// passes another floor (and says so in the caption); targets are dashed black lines; "missed" bars are hatched so that they
/// differ from "met" bars in greyscale too. Labels inside charts are short numbers placed inside the view box; all words
/// (names, captions, legends) are HTML around the chart, where they wrap instead of being clipped.
/// </summary>
internal static class SvgCharts
{
    /// <summary>Fill of a bar that meets its target: dark, solid.</summary>
    public const string MetFill = "#1f3b57";

    /// <summary>Fill of a bar without a target: mid grey, solid.</summary>
    public const string NeutralFill = "#8a8a8a";

    /// <summary>The pattern and the shared definitions, emitted once per document.</summary>
    public static string Definitions =>
        "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\"><defs>"
        + "<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        + "<rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b00020\" stroke-width=\"3\"/></pattern>"
        + "</defs></svg>";

    /// <summary>A small horizontal bar on the KPI's own axis (0–100 % for rates, 0–5 for CSAT, −100 to +100 for NPS, 0 to a
    /// rounded maximum for hours), with the target as a dashed line and the axis ends labelled under it.</summary>
    public static string KpiBar(KpiRow row, ReportLabels labels)
    {
        const double width = 220, left = 14, right = 206, barTop = 5, barHeight = 12;
        var (min, max) = Domain(row);
        double X(double v) => left + ((Math.Clamp(v, min, max) - min) / (max - min) * (right - left));
        var svg = new StringBuilder();
        svg.Append("<svg class=\"kpibar\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 220 38\" width=\"220\" height=\"38\" role=\"img\" aria-label=\"")
            .Append(E(row.Label)).Append("\">");
        svg.Append("<line x1=\"").Append(Px(left)).Append("\" x2=\"").Append(Px(right)).Append("\" y1=\"22\" y2=\"22\" stroke=\"#444\" stroke-width=\"1\"/>");
        var zero = X(Math.Max(min, 0));
        if (row.Actual is { } actual)
        {
            var end = X(actual);
            var fill = row.Met switch { false => "url(#hatch)", true => MetFill, null => NeutralFill };
            svg.Append("<rect class=\"bar\" x=\"").Append(Px(Math.Min(zero, end))).Append("\" y=\"").Append(Px(barTop)).Append("\" width=\"")
                .Append(Px(Math.Max(1, Math.Abs(end - zero)))).Append("\" height=\"").Append(Px(barHeight)).Append("\" fill=\"").Append(fill)
                .Append("\" stroke=\"").Append(row.Met == false ? "#b00020" : "none").Append("\"/>");
        }

        if (min < 0)
        {
            svg.Append("<line x1=\"").Append(Px(zero)).Append("\" x2=\"").Append(Px(zero)).Append("\" y1=\"2\" y2=\"24\" stroke=\"#444\" stroke-width=\"1\"/>");
            Text(svg, zero, 32, "0", "middle");
        }

        if (row.Target is { } target)
        {
            var x = X(target.Value);
            svg.Append("<line class=\"target\" x1=\"").Append(Px(x)).Append("\" x2=\"").Append(Px(x))
                .Append("\" y1=\"1\" y2=\"21\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>");
        }

        Text(svg, 1, 32, AxisLabel(row.Kind, min, labels), "start"); // the axis ends, kept inside the view box
        Text(svg, width - 1, 32, AxisLabel(row.Kind, max, labels), "end");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A horizontal bar from zero to <paramref name="max"/> (both ends labelled), as in the KPI table, for a value with no target.</summary>
    /// <param name="value">The value; null draws no bar.</param>
    /// <param name="max">The axis end; above zero.</param>
    /// <param name="title">The accessible name.</param>
    /// <param name="format">Formats the axis ends.</param>
    /// <returns>The SVG.</returns>
    public static string ScaleBar(double? value, double max, string title, Func<double, string> format)
    {
        const double width = 220, left = 14, right = 206, barTop = 5, barHeight = 12;
        double X(double v) => left + (Math.Clamp(v, 0, max) / max * (right - left));
        var svg = new StringBuilder();
        svg.Append("<svg class=\"kpibar\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 220 38\" width=\"220\" height=\"38\" role=\"img\" aria-label=\"")
            .Append(E(title)).Append("\">");
        svg.Append("<line x1=\"").Append(Px(left)).Append("\" x2=\"").Append(Px(right)).Append("\" y1=\"22\" y2=\"22\" stroke=\"#444\" stroke-width=\"1\"/>");
        if (value is { } v)
        {
            svg.Append("<rect class=\"bar\" x=\"").Append(Px(left)).Append("\" y=\"").Append(Px(barTop)).Append("\" width=\"")
                .Append(Px(Math.Max(1, X(v) - left))).Append("\" height=\"").Append(Px(barHeight)).Append("\" fill=\"").Append(NeutralFill).Append("\"/>");
        }

        Text(svg, 1, 32, format(0), "start");
        Text(svg, width - 1, 32, format(max), "end");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A column chart, for example tickets per day or responses per CSAT score; the axis starts at zero.</summary>
    /// <param name="points">The columns: x label (null for no label) and value.</param>
    /// <param name="showValues">Whether to print each value above its column (only when the columns are wide enough).</param>
    /// <param name="title">The accessible name.</param>
    public static string Columns(IReadOnlyList<(string? Label, double Value)> points, bool showValues, string title)
    {
        var highest = points.Count == 0 ? 1 : points.Max(p => p.Value);
        var frame = new Frame(0, NiceCeiling(showValues ? highest * 1.15 : highest), points.Count); // headroom for the value labels
        var svg = frame.Open(title);
        frame.Axis(svg, v => v.ToString("0.##", CultureInfo.InvariantCulture));
        for (var i = 0; i < points.Count; i++)
        {
            var (label, value) = points[i];
            var x = frame.SlotLeft(i) + (frame.Slot * 0.15);
            var y = frame.Y(value);
            svg.Append("<rect class=\"bar\" x=\"").Append(Px(x)).Append("\" y=\"").Append(Px(y)).Append("\" width=\"").Append(Px(frame.Slot * 0.7))
                .Append("\" height=\"").Append(Px(frame.Y(0) - y)).Append("\" fill=\"").Append(MetFill).Append("\"/>");
            if (showValues)
            {
                Text(svg, frame.SlotCentre(i), y - 4, value.ToString("0.##", CultureInfo.InvariantCulture), "middle");
            }

            if (label is not null)
            {
                Text(svg, frame.SlotCentre(i), Frame.Height - 8, label, "middle");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A line over days with gaps where there is no value, dots on every value, and an optional dashed target line.</summary>
    /// <param name="points">The x label (null for none) and value (null for a gap).</param>
    /// <param name="floor">The bottom of the axis (0, or 1 for CSAT, which the caption must then say).</param>
    /// <param name="ceiling">The top of the axis.</param>
    /// <param name="target">The target, drawn as a dashed line; null for none.</param>
    /// <param name="format">Formats axis values.</param>
    /// <param name="title">The accessible name.</param>
    public static string Line(IReadOnlyList<(string? Label, double? Value)> points, double floor, double ceiling, double? target, Func<double, string> format, string title)
    {
        var frame = new Frame(floor, ceiling, points.Count);
        var svg = frame.Open(title);
        frame.Axis(svg, format);
        if (target is { } t)
        {
            svg.Append("<line class=\"target\" x1=\"").Append(Px(Frame.Left)).Append("\" x2=\"").Append(Px(Frame.Width - Frame.Right))
                .Append("\" y1=\"").Append(Px(frame.Y(t))).Append("\" y2=\"").Append(Px(frame.Y(t)))
                .Append("\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>");
        }

        var path = new StringBuilder();
        var pen = false;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is { } v)
            {
                path.Append(pen ? " L" : " M").Append(Px(frame.SlotCentre(i))).Append(' ').Append(Px(frame.Y(v)));
                pen = true;
            }
            else
            {
                pen = false;
            }
        }

        if (path.Length > 0)
        {
            svg.Append("<path d=\"").Append(path.ToString().Trim()).Append("\" fill=\"none\" stroke=\"").Append(MetFill).Append("\" stroke-width=\"2\"/>");
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is { } v)
            {
                svg.Append("<circle cx=\"").Append(Px(frame.SlotCentre(i))).Append("\" cy=\"").Append(Px(frame.Y(v))).Append("\" r=\"2.5\" fill=\"")
                    .Append(MetFill).Append("\"/>");
            }

            if (points[i].Label is { } label)
            {
                Text(svg, frame.SlotCentre(i), Frame.Height - 8, label, "middle");
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A "nice" axis top at or above a value: 1, 2, 2.5 or 5 times a power of ten.</summary>
    public static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in (double[])[1, 2, 2.5, 5, 10])
        {
            if (step * power >= value - 1e-9)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static (double Min, double Max) Domain(KpiRow row) => row.Kind switch
    {
        KpiKind.AverageFirstResponse => (0, NiceCeiling(Math.Max(row.Actual ?? 0, row.Target?.Value ?? 0) * 1.1)),
        KpiKind.CsatAverage => (0, 5),
        KpiKind.Nps => (-100, 100),
        _ => (0, 1),
    };

    private static string AxisLabel(KpiKind kind, double value, ReportLabels labels) => kind switch
    {
        KpiKind.CsatAverage => value.ToString("0", CultureInfo.InvariantCulture),
        KpiKind.Nps => value.ToString("+0;−0;0", CultureInfo.InvariantCulture),
        KpiKind.AverageFirstResponse => labels.Value(kind, value),
        _ => labels.Value(kind, value),
    };

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor) =>
        svg.Append("<text x=\"").Append(Px(x)).Append("\" y=\"").Append(Px(y)).Append("\" text-anchor=\"").Append(anchor).Append("\">")
            .Append(E(text)).Append("</text>");

    private static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The plotting frame of the wide charts: 680 × 220 user units with room for the axis labels.</summary>
    private sealed class Frame(double floor, double ceiling, int slots)
    {
        public const double Width = 680, Height = 220, Left = 56, Right = 16, Top = 14, Bottom = 30;

        public double Slot => (Width - Left - Right) / Math.Max(1, slots);

        public double SlotLeft(int i) => Left + (i * Slot);

        public double SlotCentre(int i) => SlotLeft(i) + (Slot / 2);

        public double Y(double value) =>
            Height - Bottom - ((Math.Clamp(value, floor, ceiling) - floor) / (ceiling - floor) * (Height - Top - Bottom));

        public StringBuilder Open(string title) =>
            new StringBuilder().Append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 680 220\" role=\"img\" aria-label=\"")
                .Append(E(title)).Append("\">");

        public void Axis(StringBuilder svg, Func<double, string> format)
        {
            const int ticks = 4;
            for (var i = 0; i <= ticks; i++)
            {
                var value = floor + ((ceiling - floor) * i / ticks);
                var y = Y(value);
                svg.Append("<line x1=\"").Append(Px(Left)).Append("\" x2=\"").Append(Px(Width - Right)).Append("\" y1=\"").Append(Px(y)).Append("\" y2=\"")
                    .Append(Px(y)).Append("\" stroke=\"").Append(i == 0 ? "#444" : "#ddd").Append("\" stroke-width=\"1\"/>");
                Text(svg, Left - 6, y + 4, format(value), "end");
            }

            svg.Append("<line x1=\"").Append(Px(Left)).Append("\" x2=\"").Append(Px(Left)).Append("\" y1=\"").Append(Px(Top)).Append("\" y2=\"")
                .Append(Px(Height - Bottom)).Append("\" stroke=\"#444\" stroke-width=\"1\"/>");
        }
    }
}
