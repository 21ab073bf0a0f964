namespace CrmCore.Sla;

/// <summary>An <see cref="ISlaCondition"/> backed by a delegate. Thread-safe when the delegate is.</summary>
public sealed class PredicateSlaCondition : ISlaCondition
{
    private readonly Func<SlaTicket, bool> _predicate;

    /// <summary>Creates the condition.</summary>
    /// <param name="name">A name for explanations.</param>
    /// <param name="predicate">The predicate.</param>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    /// <exception cref="ArgumentNullException">The predicate is null.</exception>
    public PredicateSlaCondition(string name, Func<SlaTicket, bool> predicate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(predicate);
        Name = name;
        _predicate = predicate;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool Matches(SlaTicket ticket) => _predicate(ticket);
}
