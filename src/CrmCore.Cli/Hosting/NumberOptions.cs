using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace CrmCore.Cli.Hosting;

/// <summary>
/// Number options read by <c>crm</c> itself rather than by System.CommandLine's converter, whose errors name .NET types: a value that is
/// not a number, or outside the option's range, is a usage error that names the option and the value, in the run's language
/// (<see cref="Localization.UsageErrorTexts"/>); never clamped. Numbers are read in the invariant culture (a dot for decimals). A whole number too large
/// or too small for its type is out of range, as are NaN and the infinities (which .NET reads as numbers).
/// </summary>
internal static class NumberOptions
{
    /// <summary>The error for a value that is not a number: {0} the option, {1} the value.</summary>
    public const string NotANumber = "{0}: '{1}' is not a number.";

    /// <summary>The error for a value that is not a whole number: {0} the option, {1} the value.</summary>
    public const string NotAWholeNumber = "{0}: '{1}' is not a whole number.";

    /// <summary>The error for a value out of range: {0} the option, {1} the least, {2} the most, {3} the value.</summary>
    public const string OutOfRange = "{0} must be between {1} and {2}, not {3}.";

    /// <summary>The error for a value under the least of an option with no most: {0} the option, {1} the least, {2} the value.</summary>
    public const string TooSmall = "{0} must be {1} or more, not {2}.";

    /// <summary>Reads the option as a whole number of <paramref name="min"/> or more.</summary>
    public static Option<int> AtLeast(this Option<int> option, int min)
    {
        option.CustomParser = r => Whole(r, option.Name, min, int.MaxValue);
        return option;
    }

    /// <summary>Reads the option as a whole number of <paramref name="min"/> or more.</summary>
    public static Option<int?> AtLeast(this Option<int?> option, int min)
    {
        option.CustomParser = r => Whole(r, option.Name, min, int.MaxValue);
        return option;
    }

    /// <summary>Reads the option as a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Range(this Option<int> option, int min, int max)
    {
        option.CustomParser = r => Whole(r, option.Name, min, max);
        return option;
    }

    /// <summary>Reads the option as a number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<double?> Range(this Option<double?> option, double min, double max)
    {
        option.CustomParser = r => Real(r, option.Name, min, max);
        return option;
    }

    /// <summary>Gives every number option under <paramref name="command"/> that has no parser of its own the parser of this class (any value of its type).</summary>
    public static void ReadAll(Command command)
    {
        foreach (var option in command.Options)
        {
            switch (option)
            {
                case Option<int> whole when whole.CustomParser is null:
                    whole.CustomParser = r => Whole(r, whole.Name, int.MinValue, int.MaxValue);
                    break;
                case Option<int?> whole when whole.CustomParser is null:
                    whole.CustomParser = r => Whole(r, whole.Name, int.MinValue, int.MaxValue);
                    break;
                case Option<double> real when real.CustomParser is null:
                    real.CustomParser = r => Real(r, real.Name, double.MinValue, double.MaxValue) ?? 0;
                    break;
                case Option<double?> real when real.CustomParser is null:
                    real.CustomParser = r => Real(r, real.Name, double.MinValue, double.MaxValue);
                    break;
            }
        }

        foreach (var sub in command.Subcommands)
        {
            ReadAll(sub);
        }
    }

    private static int Whole(ArgumentResult result, string name, int min, int max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            // Digits only (a sign before them at most) that do not fit the type: a whole number, too large or too small.
            var digits = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
            var whole = digits.Length > 0 && digits.All(char.IsAsciiDigit);
            result.AddError(whole
                ? RangeError(name, min, max, text, below: text.StartsWith('-'))
                : string.Format(CultureInfo.InvariantCulture, NotAWholeNumber, name, text));
            return default;
        }

        if (value < min || value > max)
        {
            result.AddError(RangeError(name, min, max, text, below: value < min));
        }

        return value;
    }

    /// <summary>"must be N or more" for a value under the least of an option with no most of its own; "must be between" otherwise.</summary>
    private static string RangeError(string name, int min, int max, string text, bool below) =>
        below && min != int.MinValue && max == int.MaxValue
            ? string.Format(CultureInfo.InvariantCulture, TooSmall, name, min, text)
            : string.Format(CultureInfo.InvariantCulture, OutOfRange, name, min, max, text);

    private static double? Real(ArgumentResult result, string name, double min, double max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError(string.Format(CultureInfo.InvariantCulture, NotANumber, name, text));
            return null;
        }

        // NaN compares false with every bound, and an infinity is no setting: both are out of any range.
        if (!double.IsFinite(value) || value < min || value > max)
        {
            result.AddError(string.Format(CultureInfo.InvariantCulture, OutOfRange, name, min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture), text));
        }

        return value;
    }
}
