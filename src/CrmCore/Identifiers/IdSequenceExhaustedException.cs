using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Identifiers;

/// <summary>
/// Thrown when an id generator has used every sequence number of the current period (for example the 1000th id of a month with
/// <c>{seq:3}</c>). Generators never wrap around: widen the sequence in the pattern, or wait for the next period.
/// </summary>
public sealed class IdSequenceExhaustedException : CrmException
{
    /// <summary>The stable error code, <c>CRM-ID-EXHAUSTED</c>.</summary>
    public const string ErrorCode = "CRM-ID-EXHAUSTED";

    /// <summary>Creates the exception.</summary>
    /// <param name="pattern">The pattern text.</param>
    /// <param name="period">The exhausted period key (empty for a pattern without date).</param>
    /// <param name="maxSequence">The last sequence number the pattern allows.</param>
    public IdSequenceExhaustedException(string pattern, string period, long maxSequence)
        : base(Strings.Format("Error_IdSequenceExhausted", CultureInfo.InvariantCulture, pattern, period, maxSequence))
    {
        Pattern = pattern;
        Period = period;
        MaxSequence = maxSequence;
        Code = ErrorCode;
    }

    /// <summary>The pattern text.</summary>
    public string Pattern { get; }

    /// <summary>The exhausted period key; empty for a pattern without date.</summary>
    public string Period { get; }

    /// <summary>The last sequence number the pattern allows.</summary>
    public long MaxSequence { get; }

    /// <inheritdoc />
    public override string LocalizedMessage(CultureInfo? culture = null) =>
        Strings.Format("Error_IdSequenceExhausted", culture ?? CultureInfo.CurrentUICulture, Pattern, Period, MaxSequence);
}
