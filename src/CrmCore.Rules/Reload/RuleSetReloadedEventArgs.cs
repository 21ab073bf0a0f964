namespace CrmCore.Rules.Reload;

/// <summary>Raised after a new version was published. Immutable.</summary>
public sealed class RuleSetReloadedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="previous">The version replaced, or null for the first load.</param>
    /// <param name="current">The new version.</param>
    public RuleSetReloadedEventArgs(RuleSetVersion? previous, RuleSetVersion current)
    {
        Previous = previous;
        Current = current;
    }

    /// <summary>The version replaced, or null.</summary>
    public RuleSetVersion? Previous { get; }

    /// <summary>The new version.</summary>
    public RuleSetVersion Current { get; }
}
