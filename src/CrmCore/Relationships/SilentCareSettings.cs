using NodaTime;

namespace CrmCore.Relationships;

/// <summary>A care message for a customer with no interaction for <see cref="After"/> (document 003: silent customers). Immutable and thread-safe.</summary>
/// <param name="After">How long without any interaction makes a customer silent: a positive period of months, weeks or days.</param>
/// <param name="Channel">How the care is made.</param>
public sealed record SilentCareSettings(Period After, ContactChannel Channel);
