namespace CrmCore.Decoding;

/// <summary>Why bytes could not be decoded as text, where, and which encoding they seem to be in. Immutable.</summary>
/// <param name="Line">The 1-based line of the first bad byte.</param>
/// <param name="Column">The 1-based character column of the first bad byte (characters decoded before it on its line, plus one).</param>
/// <param name="ByteOffset">The 0-based offset of the first bad byte in the input.</param>
/// <param name="Message">An English explanation with the remedy, for example
/// "not UTF-8; it looks like GBK: save as UTF-8, or pass --encoding gb18030".</param>
/// <param name="LikelyEncoding">The web name of the encoding the bytes look like (<c>gb18030</c>, <c>utf-16</c>, <c>utf-16BE</c>), or null when unknown.</param>
public sealed record TextDecodingProblem(int Line, int Column, long ByteOffset, string Message, string? LikelyEncoding);
