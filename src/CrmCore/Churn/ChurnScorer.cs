using CrmCore.Calendars;
using CrmCore.Customers;
using CrmCore.Metrics;
using NodaTime;

namespace CrmCore.Churn;

/// <summary>
/// Turns weighted churn factors into a health score from 0 to 100 with a band, the reasons behind every point and the trend,
/// and raises <see cref="HighRiskEntered"/> when a customer crosses into the high band.
/// </summary>
/// <remarks>
/// The score is the sum of the factor points, rounded to the nearest integer (halves away from zero) and clamped to 0–100, so a
/// score can be read directly as "points of risk". Thread-safe as long as the <see cref="IChurnHistory"/> is: the previous entry
/// is read and the new one stored in one <see cref="IChurnHistory.Exchange"/>, so of concurrent evaluations of one customer
/// exactly one raises <see cref="HighRiskEntered"/> per crossing, and an evaluation older than the stored one changes nothing.
/// With a business calendar the supervisor follow-up is due after <see cref="ChurnOptions.FollowUpWithin"/> of business time
/// (an open instant); without one, after that much wall-clock time.
/// </remarks>
public sealed class ChurnScorer
{
    private readonly ChurnOptions _options;
    private readonly IClock _clock;
    private readonly IChurnHistory _history;
    private readonly BusinessCalendar? _calendar;

    /// <summary>Creates a scorer.</summary>
    /// <param name="options">The settings; validated at once.</param>
    /// <param name="clock">The source of "now" for <see cref="Evaluate(CustomerId, IReadOnlyList{ChurnFactor})"/>.</param>
    /// <param name="history">Where the previous evaluations are kept.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public ChurnScorer(ChurnOptions options, IClock clock, IChurnHistory history)
        : this(options, clock, history, calendar: null)
    {
    }

    /// <summary>Creates a scorer whose supervisor follow-up is due after <see cref="ChurnOptions.FollowUpWithin"/> of business time.</summary>
    /// <param name="options">The settings; validated at once.</param>
    /// <param name="clock">The source of "now" for <see cref="Evaluate(CustomerId, IReadOnlyList{ChurnFactor})"/>.</param>
    /// <param name="history">Where the previous evaluations are kept.</param>
    /// <param name="calendar">
    /// The business calendar the follow-up deadline is counted in (<see cref="BusinessCalendar.Add"/>); null counts wall-clock time.
    /// </param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public ChurnScorer(ChurnOptions options, IClock clock, IChurnHistory history, BusinessCalendar? calendar)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(history);
        OptionsGuard.ThrowIfAny(options.Validate(), nameof(options));
        _options = options;
        _clock = clock;
        _history = history;
        _calendar = calendar;
    }

    /// <summary>
    /// Raised, synchronously on the evaluating thread, when an evaluation puts a customer in the high band who was not in it
    /// (or was never evaluated). Not raised while the customer stays high.
    /// </summary>
    public event EventHandler<HighChurnRiskEntered>? HighRiskEntered;

    /// <summary>The score of a set of factors: their points summed, rounded and clamped to 0–100.</summary>
    /// <param name="factors">The factors.</param>
    /// <returns>A score from 0 to 100.</returns>
    public static int ScoreOf(IEnumerable<ChurnFactor> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var sum = factors.Sum(f => f.Points);
        return (int)Math.Clamp(Math.Round(sum, MidpointRounding.AwayFromZero), 0, 100);
    }

    /// <summary>Scores a customer now (from the clock), using and updating the history, and raises the event on entry into the high band.</summary>
    /// <param name="customer">The customer; not empty.</param>
    /// <param name="factors">The factors from the ChurnRisk rules; may be empty (score 0).</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentException"><paramref name="customer"/> is empty.</exception>
    public ChurnAssessment Evaluate(CustomerId customer, IReadOnlyList<ChurnFactor> factors) =>
        Evaluate(customer, factors, _clock.GetCurrentInstant());

    /// <summary>Scores a customer at a given instant, using and updating the history, and raises the event on entry into the high band.</summary>
    /// <param name="customer">The customer; not empty.</param>
    /// <param name="factors">The factors from the ChurnRisk rules; may be empty (score 0).</param>
    /// <param name="at">The evaluation instant.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentException"><paramref name="customer"/> is empty.</exception>
    /// <exception cref="CalendarHorizonException">
    /// The customer is in the high band and the follow-up deadline falls outside the business calendar's horizon; nothing is stored.
    /// </exception>
    public ChurnAssessment Evaluate(CustomerId customer, IReadOnlyList<ChurnFactor> factors, Instant at)
    {
        // Scored without a previous entry first: it yields the score, band and (if high) the follow-up deadline, and throws
        // before anything is stored.
        var fresh = Assess(customer, factors, at, previous: null);
        var exchange = _history.Exchange(customer, new ChurnHistoryEntry(at, fresh.Score, fresh.Band));
        var assessment = fresh with
        {
            PreviousScore = exchange.Previous?.Score,
            PreviousBand = exchange.Previous?.Band,
            IsOutOfDate = !exchange.Stored,
        };
        assessment = assessment.EnteredHighBand ? assessment : assessment with { FollowUpDue = null };
        if (assessment.EnteredHighBand)
        {
            HighRiskEntered?.Invoke(this, new HighChurnRiskEntered(customer, assessment, assessment.FollowUpDue!.Value));
        }

        return assessment;
    }

    /// <summary>Scores a customer against a previous evaluation the caller supplies. Touches no history and raises no event.</summary>
    /// <param name="customer">The customer; not empty.</param>
    /// <param name="factors">The factors; may be empty (score 0).</param>
    /// <param name="at">The evaluation instant.</param>
    /// <param name="previous">The previous evaluation, or null when there is none.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentException"><paramref name="customer"/> is empty.</exception>
    /// <exception cref="CalendarHorizonException">The follow-up deadline falls outside the business calendar's horizon.</exception>
    public ChurnAssessment Assess(CustomerId customer, IReadOnlyList<ChurnFactor> factors, Instant at, ChurnHistoryEntry? previous)
    {
        if (customer.IsEmpty)
        {
            throw new ArgumentException("The customer id must not be empty.", nameof(customer));
        }

        ArgumentNullException.ThrowIfNull(factors);
        var score = ScoreOf(factors);
        var band = _options.BandOf(score);
        var entered = band == ChurnBand.High && previous?.Band != ChurnBand.High;
        return new ChurnAssessment
        {
            Customer = customer,
            EvaluatedAt = at,
            Score = score,
            Band = band,
            Factors = [.. factors.Where(f => f.Points != 0).OrderByDescending(f => Math.Abs(f.Points)).ThenBy(f => f.Name, StringComparer.Ordinal)],
            PreviousScore = previous?.Score,
            PreviousBand = previous?.Band,
            FollowUpDue = entered ? FollowUpDueAfter(at) : null,
        };
    }

    private Instant FollowUpDueAfter(Instant at) =>
        _calendar is null ? at + _options.FollowUpWithin : _calendar.Add(at, _options.FollowUpWithin);
}
