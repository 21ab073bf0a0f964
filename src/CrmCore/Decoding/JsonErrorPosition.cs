namespace CrmCore.Decoding;

/// <summary>
/// A forwarder to <see cref="LineIndex"/> kept only for its one remaining caller in CrmCore.Import (the import mapping file), which
/// should call <see cref="LineIndex"/> itself; delete this type then. Positions are <see cref="LineIndex"/>'s: 1-based, columns in
/// UTF-16 characters.
/// </summary>
internal static class JsonErrorPosition
{
    /// <summary>The 1-based line and column of a position given as a 0-based line and UTF-8 byte in it in <paramref name="text"/>
    /// (<see cref="LineIndex.PositionOfLineByte"/>).</summary>
    /// <param name="text">The text that was parsed.</param>
    /// <param name="lineNumber">The 0-based line; null means 0.</param>
    /// <param name="bytePositionInLine">The 0-based UTF-8 byte in the line; null means 0.</param>
    /// <returns>The position; a position past the end of its line or of the text stops there.</returns>
    public static (int Line, int Column) Of(string text, long? lineNumber, long? bytePositionInLine) =>
        LineIndex.Of(text).PositionOfLineByte(lineNumber, bytePositionInLine);
}
