using System.Globalization;

namespace CrmCore.Import;

/// <summary>
/// A file could not be used as a whole: a mapping file that is not valid, a table with no header row, bytes that are not text in the
/// file's encoding, a file over the size limit. Carries the file, the 1-based line and column when known, and the reason; the message
/// reads <c>file:line:col: reason</c>. Row-level problems are not exceptions: they are rejected rows in the <see cref="Reports.ImportReport"/>.
/// </summary>
public sealed class ImportFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The file.</param>
    /// <param name="line">The 1-based line, or 0 when unknown.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    /// <param name="reason">What is wrong and how to fix it.</param>
    /// <param name="inner">The underlying error, or null.</param>
    public ImportFileException(string file, int line, int column, string reason, Exception? inner = null)
        : base(Format(file, line, column, reason), inner)
    {
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message only (for serializers and tests).</summary>
    public ImportFileException()
        : this(string.Empty, 0, 0, "import failed")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The reason.</param>
    public ImportFileException(string message)
        : this(string.Empty, 0, 0, message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    /// <param name="message">The reason.</param>
    /// <param name="innerException">The underlying error.</param>
    public ImportFileException(string message, Exception innerException)
        : this(string.Empty, 0, 0, message, innerException)
    {
    }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    private static string Format(string file, int line, int column, string reason) => (line, column) switch
    {
        (> 0, > 0) => string.Create(CultureInfo.InvariantCulture, $"{file}:{line}:{column}: {reason}"),
        (> 0, _) => string.Create(CultureInfo.InvariantCulture, $"{file}:{line}: {reason}"),
        _ when file.Length > 0 => $"{file}: {reason}",
        _ => reason,
    };
}
