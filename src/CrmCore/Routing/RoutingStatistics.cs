using CrmCore.Agents;
using NodaTime;

namespace CrmCore.Routing;

/// <summary>
/// Running figures about assignments: how many tickets each agent was given and how long tickets waited. A host that hands out
/// work records each assignment here. Keeps one 8-byte wait per assignment until <see cref="Reset"/>. Thread-safe.
/// </summary>
public sealed class RoutingStatistics
{
    private readonly Lock _lock = new();
    private readonly Dictionary<AgentId, int> _perAgent = [];
    private readonly List<long> _waits = [];
    private long _totalWaitTicks;
    private long _maxWaitTicks;
    private bool _sorted = true;

    /// <summary>The number of assignments recorded.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waits.Count;
            }
        }
    }

    /// <summary>The mean wait; zero when nothing was recorded.</summary>
    public Duration MeanWait
    {
        get
        {
            lock (_lock)
            {
                return _waits.Count == 0 ? Duration.Zero : Duration.FromTicks(_totalWaitTicks / _waits.Count);
            }
        }
    }

    /// <summary>The longest wait; zero when nothing was recorded.</summary>
    public Duration MaxWait
    {
        get
        {
            lock (_lock)
            {
                return Duration.FromTicks(_maxWaitTicks);
            }
        }
    }

    /// <summary>How many tickets each agent was given (agents given none are absent), ordered by agent id.</summary>
    public IReadOnlyList<KeyValuePair<AgentId, int>> AssignedPerAgent
    {
        get
        {
            lock (_lock)
            {
                return [.. _perAgent.OrderBy(p => p.Key)];
            }
        }
    }

    /// <summary>Records one assignment.</summary>
    /// <param name="assignment">The assignment.</param>
    public void Record(Assignment assignment)
    {
        var wait = assignment.Waited.BclCompatibleTicks;
        lock (_lock)
        {
            _perAgent[assignment.Agent] = _perAgent.GetValueOrDefault(assignment.Agent) + 1;
            _sorted &= _waits.Count == 0 || _waits[^1] <= wait;
            _waits.Add(wait);
            _totalWaitTicks += wait;
            _maxWaitTicks = Math.Max(_maxWaitTicks, wait);
        }
    }

    /// <summary>The wait at a percentile (nearest rank), for example 50 for the median or 90.</summary>
    /// <param name="percentile">Between 0 and 100.</param>
    /// <returns>The wait; zero when nothing was recorded.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentile"/> is outside 0–100.</exception>
    public Duration WaitPercentile(double percentile)
    {
        if (percentile is < 0 or > 100 || double.IsNaN(percentile))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile is between 0 and 100.");
        }

        lock (_lock)
        {
            if (_waits.Count == 0)
            {
                return Duration.Zero;
            }

            if (!_sorted)
            {
                _waits.Sort();
                _sorted = true;
            }

            var rank = (int)Math.Ceiling(percentile / 100 * _waits.Count);
            return Duration.FromTicks(_waits[Math.Clamp(rank - 1, 0, _waits.Count - 1)]);
        }
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _perAgent.Clear();
            _waits.Clear();
            _totalWaitTicks = 0;
            _maxWaitTicks = 0;
            _sorted = true;
        }
    }
}
