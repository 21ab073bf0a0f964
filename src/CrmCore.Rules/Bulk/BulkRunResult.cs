namespace CrmCore.Rules.Bulk;

/// <summary>What one bulk classification run did.</summary>
/// <param name="Evaluated">How many customers were evaluated.</param>
/// <param name="WasFullRun">True when every customer was evaluated (asked for, a new classifier, or a new clock for time-derived rules).</param>
public readonly record struct BulkRunResult(int Evaluated, bool WasFullRun);
