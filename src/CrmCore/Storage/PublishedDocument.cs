namespace CrmCore.Storage;

/// <summary>A published version with its content. Immutable.</summary>
/// <param name="Version">The version's facts.</param>
/// <param name="Content">The document text exactly as published.</param>
public sealed record PublishedDocument(PublishedVersion Version, string Content);
