using NodaTime;

namespace CrmCore.Storage;

/// <summary>One published version of a rule set or calendar, without its content. Immutable.</summary>
/// <param name="Kind">Rule set or calendar.</param>
/// <param name="Name">The document's name, for example <c>default</c> or <c>cn-mainland</c>.</param>
/// <param name="Version">1 for the first publication, then increasing by one.</param>
/// <param name="ContentHash">The SHA-256 of the content's UTF-8 bytes, lowercase hex.</param>
/// <param name="PublishedBy">Who published it.</param>
/// <param name="PublishedAt">When.</param>
/// <param name="RolledBackFrom">For a roll-back, the version whose content it restored; null for a normal publication.</param>
public sealed record PublishedVersion(
    PublicationKind Kind, string Name, int Version, string ContentHash, string PublishedBy, Instant PublishedAt, int? RolledBackFrom);
