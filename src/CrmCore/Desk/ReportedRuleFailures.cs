namespace CrmCore.Desk;

/// <summary>
/// The rule failures <see cref="ServiceDesk.AdvanceAsync"/> has already reported, so that a broken rule is reported once per ticket or
/// customer rather than at every due instant of every open ticket (the escalation path) or every day (the churn assessment). A failure
/// is the same when its subject (ticket or customer), workflow, rule, file position and English text are: a rule set reloaded with the
/// same broken rule at the same place is not reported again, one whose failure moved or changed is. Kept in memory only, at most
/// <see cref="Kept"/> failures (the oldest forgotten first), so a restarted desk, or one past that many, reports a failure once more.
/// Used under the desk's gate: not thread-safe on its own.
/// </summary>
internal sealed class ReportedRuleFailures
{
    /// <summary>How many reported failures are remembered at most.</summary>
    public const int Kept = 10_000;

    private readonly HashSet<Key> _reported = [];
    private readonly Queue<Key> _order = new();
    private readonly HashSet<Key> _pending = [];

    /// <summary>The failures of <paramref name="failures"/> not reported yet, and not already among this call's pending ones; they become
    /// pending, remembered only by <see cref="Committed"/> (a failed call's are dropped by <see cref="RolledBack"/> and reported again).</summary>
    public IEnumerable<DeskRuleFailed> Unreported(IEnumerable<DeskRuleFailed> failures)
    {
        foreach (var failure in failures)
        {
            var key = Key.Of(failure);
            if (!_reported.Contains(key) && _pending.Add(key))
            {
                yield return failure;
            }
        }
    }

    /// <summary>Remembers the pending failures: the call that reports them committed.</summary>
    public void Committed()
    {
        foreach (var key in _pending)
        {
            if (_reported.Add(key))
            {
                _order.Enqueue(key);
            }
        }

        _pending.Clear();
        while (_order.Count > Kept)
        {
            _reported.Remove(_order.Dequeue());
        }
    }

    /// <summary>Forgets the pending failures: the call that found them failed, so nothing reported them.</summary>
    public void RolledBack() => _pending.Clear();

    private readonly record struct Key(string Subject, string Workflow, string Rule, string? File, int Line, int Column, string Reason)
    {
        public static Key Of(DeskRuleFailed failure) => new(
            failure switch
            {
                TicketRuleFailed ticket => "ticket:" + ticket.TicketId.Value,
                CustomerRuleFailed customer => "customer:" + customer.CustomerId.Value,
                _ => failure.GetType().Name,
            },
            failure.Workflow, failure.Rule, failure.File, failure.Line, failure.Column, failure.Reason);
    }
}
