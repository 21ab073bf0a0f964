using NodaTime;

namespace CrmCore.Storage;

/// <summary>The in-memory <see cref="IPublicationStore"/>. Nothing survives the process. Thread-safe.</summary>
public sealed class InMemoryPublicationStore : IPublicationStore
{
    private readonly Dictionary<(PublicationKind, string), List<PublishedDocument>> _documents = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<PublishedVersion> PublishAsync(PublicationKind kind, string name, string content, string publishedBy, Instant at, CancellationToken cancellationToken = default)
    {
        PublicationRules.Check(name, publishedBy);
        ArgumentNullException.ThrowIfNull(content);
        return Task.FromResult(Add(kind, name, content, publishedBy, at, null, skipSame: true));
    }

    /// <inheritdoc />
    public Task<PublishedDocument?> GetCurrentAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_documents.TryGetValue((kind, name), out var list) ? list[^1] : null);
        }
    }

    /// <inheritdoc />
    public Task<PublishedDocument?> GetAsync(PublicationKind kind, string name, int version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_documents.TryGetValue((kind, name), out var list) && version >= 1 && version <= list.Count ? list[version - 1] : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PublishedVersion>> ListAsync(PublicationKind kind, string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PublishedVersion>>(_documents.TryGetValue((kind, name), out var list) ? [.. list.Select(d => d.Version)] : []);
        }
    }

    /// <inheritdoc />
    public async Task<PublishedVersion> RollBackAsync(PublicationKind kind, string name, int version, string publishedBy, Instant at, CancellationToken cancellationToken = default)
    {
        PublicationRules.Check(name, publishedBy);
        var old = await GetAsync(kind, name, version, cancellationToken).ConfigureAwait(false) ?? throw new PublicationNotFoundException(kind, name, version);
        return Add(kind, name, old.Content, publishedBy, at, version, skipSame: false);
    }

    private PublishedVersion Add(PublicationKind kind, string name, string content, string publishedBy, Instant at, int? rolledBackFrom, bool skipSame)
    {
        var hash = ContentHash.Of(content);
        lock (_gate)
        {
            if (!_documents.TryGetValue((kind, name), out var list))
            {
                list = [];
                _documents.Add((kind, name), list);
            }

            if (skipSame && list.Count > 0 && list[^1].Version.ContentHash == hash)
            {
                return list[^1].Version;
            }

            var version = new PublishedVersion(kind, name, list.Count + 1, hash, publishedBy, at, rolledBackFrom);
            list.Add(new PublishedDocument(version, content));
            return version;
        }
    }
}
