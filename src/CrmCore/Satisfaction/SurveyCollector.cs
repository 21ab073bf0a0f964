using CrmCore.Metrics;

namespace CrmCore.Satisfaction;

/// <summary>
/// Checks survey responses against the configured dimensions and keeps the accepted ones in memory, so a host (or the sample
/// month) can record answers as they arrive and analyse them later. Thread-safe.
/// </summary>
/// <remarks>Persistence is the host's concern: read <see cref="Responses"/> or subscribe where the responses are recorded.</remarks>
public sealed class SurveyCollector
{
    private readonly HashSet<SatisfactionDimension> _dimensions;
    private readonly List<SurveyResponse> _responses = [];
    private readonly Lock _gate = new();

    /// <summary>Creates a collector.</summary>
    /// <param name="options">The settings; validated at once.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SurveyCollector(SatisfactionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.ThrowIfAny(options.Validate(), nameof(options));

        _dimensions = [.. options.Dimensions];
    }

    /// <summary>A snapshot of the accepted responses, in the order they were recorded.</summary>
    public IReadOnlyList<SurveyResponse> Responses
    {
        get
        {
            lock (_gate)
            {
                return [.. _responses];
            }
        }
    }

    /// <summary>Lists what is wrong with a response: each dimension it scores that is not configured.</summary>
    /// <param name="response">The response to check.</param>
    /// <returns>The problems, in English; empty when the response is acceptable.</returns>
    public IReadOnlyList<string> Validate(SurveyResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.DimensionScores.Keys
            .Where(d => !_dimensions.Contains(d))
            .OrderBy(d => d)
            .Select(d => $"Survey for ticket {response.Ticket}: dimension '{d.Code}' is not configured (known: {string.Join(", ", _dimensions.Order())}).")
            .ToList();
    }

    /// <summary>Accepts a response, or rejects it with every problem listed and records nothing.</summary>
    /// <param name="response">The response.</param>
    /// <exception cref="ArgumentException">The response scores a dimension that is not configured.</exception>
    public void Record(SurveyResponse response)
    {
        if (!TryRecord(response, out var problems))
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(response));
        }
    }

    /// <summary>Accepts a response when it is valid.</summary>
    /// <param name="response">The response.</param>
    /// <param name="problems">The reasons for a rejection; empty when accepted.</param>
    /// <returns>True when the response was recorded.</returns>
    public bool TryRecord(SurveyResponse response, out IReadOnlyList<string> problems)
    {
        problems = Validate(response);
        if (problems.Count > 0)
        {
            return false;
        }

        lock (_gate)
        {
            _responses.Add(response);
        }

        return true;
    }
}
