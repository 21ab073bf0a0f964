namespace CrmCore.Storage;

/// <summary>A roll-back named a rule set or calendar version that was never published.</summary>
public sealed class PublicationNotFoundException : CrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Rule set or calendar.</param>
    /// <param name="name">The document's name.</param>
    /// <param name="version">The missing version.</param>
    public PublicationNotFoundException(PublicationKind kind, string name, int version)
        : base($"{kind} '{name}' has no published version {version}.")
    {
        Kind = kind;
        Name = name;
        Version = version;
    }

    /// <summary>Rule set or calendar.</summary>
    public PublicationKind Kind { get; }

    /// <summary>The document's name.</summary>
    public string Name { get; }

    /// <summary>The missing version.</summary>
    public int Version { get; }
}
