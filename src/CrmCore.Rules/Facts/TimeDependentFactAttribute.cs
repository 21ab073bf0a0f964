namespace CrmCore.Rules.Facts;

/// <summary>
/// Marks a fact whose value changes with the clock alone (for example a ticket's age). Priority rules may not read such facts:
/// the priority queue adds its own time-dependent SLA term, so a Priority rule that reads one is rejected at load (CRM033).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class TimeDependentFactAttribute : Attribute
{
}
