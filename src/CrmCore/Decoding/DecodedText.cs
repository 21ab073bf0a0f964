namespace CrmCore.Decoding;

/// <summary>
/// The outcome of <see cref="StrictTextDecoder.Decode(ReadOnlySpan{byte}, System.Text.Encoding?)"/>: the text, or the first
/// problem with its position. Immutable.
/// </summary>
public sealed record DecodedText
{
    /// <summary>The decoded text without a byte order mark; null when <see cref="Problem"/> is set.</summary>
    public string? Text { get; init; }

    /// <summary>The web name of the encoding that was used (for example <c>utf-8</c>, <c>gb18030</c>).</summary>
    public string EncodingName { get; init; } = "utf-8";

    /// <summary>Why the bytes could not be decoded, with the position; null on success.</summary>
    public TextDecodingProblem? Problem { get; init; }

    /// <summary>True when <see cref="Text"/> is set.</summary>
    public bool Success => Problem is null;
}
