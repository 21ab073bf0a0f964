using System.Collections.Immutable;

namespace CrmCore.Sla;

/// <summary>
/// Chooses a ticket's SLA policy: the first rule whose condition matches wins, else the default policy. Immutable and thread-safe
/// when the conditions are.
/// </summary>
public sealed class SlaPolicySet
{
    /// <summary>Creates a policy set.</summary>
    /// <param name="name">The set's name, for example <c>doc-001</c>.</param>
    /// <param name="rules">The ordered rules.</param>
    /// <param name="defaultPolicy">The policy when no rule matches.</param>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public SlaPolicySet(string name, IEnumerable<SlaPolicyRule> rules, SlaPolicy defaultPolicy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(defaultPolicy);
        Name = name;
        Rules = [.. rules];
        Default = defaultPolicy;
    }

    /// <summary>The set's name.</summary>
    public string Name { get; }

    /// <summary>The ordered rules.</summary>
    public ImmutableArray<SlaPolicyRule> Rules { get; }

    /// <summary>The policy when no rule matches.</summary>
    public SlaPolicy Default { get; }

    /// <summary>Every policy of the set: the rules' policies in order, then the default.</summary>
    public IEnumerable<SlaPolicy> Policies => Rules.Select(r => r.Policy).Append(Default);

    /// <summary>Chooses the policy for a ticket.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <returns>The first matching rule's policy, or <see cref="Default"/>.</returns>
    public SlaPolicy Select(SlaTicket ticket)
    {
        var index = SelectIndex(ticket);
        return index < 0 ? Default : Rules[index].Policy;
    }

    /// <summary>The index of the first matching rule, or -1 for the default policy.</summary>
    internal int SelectIndex(SlaTicket ticket)
    {
        var rules = Rules;
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Condition.Matches(ticket))
            {
                return i;
            }
        }

        return -1;
    }
}
