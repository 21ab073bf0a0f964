using System.Collections.ObjectModel;
using CrmCore.Customers;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Satisfaction;

/// <summary>
/// A customer's answer to the satisfaction survey sent after a ticket: an overall CSAT score, an optional NPS answer,
/// scores per dimension and free text. Immutable and thread-safe. Whether the dimensions are the configured ones is checked
/// by <see cref="SurveyCollector"/>, which knows the <see cref="SatisfactionOptions"/>.
/// </summary>
public sealed class SurveyResponse
{
    private static readonly ReadOnlyDictionary<SatisfactionDimension, int> NoScores = new(new Dictionary<SatisfactionDimension, int>());

    /// <summary>Creates a response.</summary>
    /// <param name="ticket">The ticket the survey was about; must not be empty.</param>
    /// <param name="customer">The customer who answered; must not be empty.</param>
    /// <param name="answeredAt">When the customer answered.</param>
    /// <param name="csat">The overall score, 1–5; the default instance is rejected.</param>
    /// <param name="nps">The optional recommendation answer, 0–10.</param>
    /// <param name="dimensionScores">Optional scores per dimension, each 1–5; null means none.</param>
    /// <param name="comment">Optional free text; null and white space are stored as an empty string.</param>
    /// <exception cref="ArgumentException">An id is empty, or <paramref name="csat"/> is the default instance.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension score is outside 1–5.</exception>
    public SurveyResponse(
        TicketId ticket,
        CustomerId customer,
        Instant answeredAt,
        CsatScore csat,
        NpsScore? nps = null,
        IReadOnlyDictionary<SatisfactionDimension, int>? dimensionScores = null,
        string? comment = null)
    {
        if (ticket.IsEmpty)
        {
            throw new ArgumentException("The ticket id must not be empty.", nameof(ticket));
        }

        if (customer.IsEmpty)
        {
            throw new ArgumentException("The customer id must not be empty.", nameof(customer));
        }

        if (csat.Value == 0)
        {
            throw new ArgumentException("The CSAT score must be built with a value from 1 to 5.", nameof(csat));
        }

        Ticket = ticket;
        Customer = customer;
        AnsweredAt = answeredAt;
        Csat = csat;
        Nps = nps;
        Comment = string.IsNullOrWhiteSpace(comment) ? string.Empty : comment.Trim();
        DimensionScores = CopyScores(dimensionScores);
    }

    /// <summary>The ticket the survey was about.</summary>
    public TicketId Ticket { get; }

    /// <summary>The customer who answered.</summary>
    public CustomerId Customer { get; }

    /// <summary>When the customer answered.</summary>
    public Instant AnsweredAt { get; }

    /// <summary>The overall satisfaction score, 1–5.</summary>
    public CsatScore Csat { get; }

    /// <summary>The recommendation answer, 0–10, or null when the customer skipped it.</summary>
    public NpsScore? Nps { get; }

    /// <summary>Scores per dimension, each 1–5. Empty when the customer scored none.</summary>
    public IReadOnlyDictionary<SatisfactionDimension, int> DimensionScores { get; }

    /// <summary>The free-text comment, trimmed; empty when none was given.</summary>
    public string Comment { get; }

    private static ReadOnlyDictionary<SatisfactionDimension, int> CopyScores(IReadOnlyDictionary<SatisfactionDimension, int>? scores)
    {
        if (scores is null || scores.Count == 0)
        {
            return NoScores;
        }

        var copy = new Dictionary<SatisfactionDimension, int>(scores.Count);
        foreach (var (dimension, score) in scores)
        {
            if (dimension.Code.Length == 0)
            {
                throw new ArgumentException("A dimension score names the default (empty) dimension.", nameof(scores));
            }

            if (score is < CsatScore.MinValue or > CsatScore.MaxValue)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(scores), score, $"The score for dimension '{dimension.Code}' must be from 1 to 5.");
            }

            copy.Add(dimension, score);
        }

        return new ReadOnlyDictionary<SatisfactionDimension, int>(copy);
    }
}
