using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// Published rule sets and calendars, every version kept with its content hash, publisher and time, so a host can list the
/// versions and roll back. The history is append-only: a roll-back publishes the old content again as a new version. Thread-safe.
/// </summary>
public interface IPublicationStore
{
    /// <summary>Publishes a document. Publishing the same content as the current version adds no version and returns the current one.</summary>
    /// <param name="kind">Rule set or calendar.</param>
    /// <param name="name">The document's name: 1 to 200 characters.</param>
    /// <param name="content">The document text (validated by the caller before publishing).</param>
    /// <param name="publishedBy">Who publishes it; not empty.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new (or unchanged current) version.</returns>
    /// <exception cref="ArgumentException">A name or publisher is empty or too long.</exception>
    Task<PublishedVersion> PublishAsync(
        PublicationKind kind, string name, string content, string publishedBy, Instant at, CancellationToken cancellationToken = default);

    /// <summary>The current (latest) version with its content.</summary>
    /// <param name="kind">Rule set or calendar.</param>
    /// <param name="name">The document's name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The document, or null when nothing was published under that name.</returns>
    Task<PublishedDocument?> GetCurrentAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default);

    /// <summary>One version with its content.</summary>
    /// <param name="kind">Rule set or calendar.</param>
    /// <param name="name">The document's name.</param>
    /// <param name="version">The version number.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The document, or null when there is no such version.</returns>
    Task<PublishedDocument?> GetAsync(PublicationKind kind, string name, int version, CancellationToken cancellationToken = default);

    /// <summary>Every version, oldest first.</summary>
    /// <param name="kind">Rule set or calendar.</param>
    /// <param name="name">The document's name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The versions; empty when nothing was published.</returns>
    Task<IReadOnlyList<PublishedVersion>> ListAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default);

    /// <summary>Rolls back: publishes the content of <paramref name="version"/> again as a new version that records where it came from.</summary>
    /// <param name="kind">Rule set or calendar.</param>
    /// <param name="name">The document's name.</param>
    /// <param name="version">The version to restore.</param>
    /// <param name="publishedBy">Who rolls back.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new version.</returns>
    /// <exception cref="PublicationNotFoundException">There is no such version.</exception>
    Task<PublishedVersion> RollBackAsync(
        PublicationKind kind, string name, int version, string publishedBy, Instant at, CancellationToken cancellationToken = default);
}
