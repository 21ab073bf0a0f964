using System.Globalization;
using System.Security.Cryptography;
using CrmCore.Decoding;
using CrmCore.Import.Localization;

namespace CrmCore.Import.Reading;

/// <summary>
/// Opens an import file and picks its reader (CSV with a detected or given encoding and a comma or tab delimiter, .xlsx, JSON or JSON
/// Lines): the start every importer shares. The content decides where the name would mislead: an Excel 97-2003 workbook is refused with
/// advice, a workbook named other than .xlsx is read as .xlsx, and text whose header line is separated by tabs (Excel's "Unicode text")
/// is read with tabs.
/// </summary>
internal static class TableSource
{
    /// <summary>Opens a file for reading.</summary>
    /// <param name="path">The file.</param>
    /// <param name="culture">The language of the refusal; null for the current UI culture.</param>
    /// <exception cref="ImportFileException">The file cannot be opened: missing, a folder, access denied, or the system's reason (in
    /// English and zh-Hans, the system's own error inside); names the file.</exception>
    public static FileStream Open(string path, CultureInfo? culture = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => ImportStrings.Get("Error_TableMissing", culture),
                UnauthorizedAccessException when Directory.Exists(path) => ImportStrings.Get("Error_TableIsFolder", culture),
                UnauthorizedAccessException => ImportStrings.Get("Error_TableAccessDenied", culture),
                _ => TableReader.WithCause("Error_TableUnreadable", culture, path, e),
            };
            throw new ImportFileException(path, 0, 0, reason, e);
        }
    }

    /// <summary>
    /// A stream the readers can seek (encoding and delimiter detection, the file hash the ledger recognises a file by, .xlsx and JSON):
    /// the stream itself when it can seek; otherwise (a network or upload stream) a copy of the rest of it in a private temporary file
    /// (<see cref="CopyAsync"/>), so memory stays bounded whatever the content's size. The caller disposes the copy, never the stream it
    /// was given.
    /// </summary>
    /// <param name="stream">The content, from its current position.</param>
    /// <param name="name">The file name, for messages.</param>
    /// <param name="culture">The language of the message when the copy cannot be written.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>The stream to read, and whether it is a copy the caller must dispose.</returns>
    /// <exception cref="ImportFileException">The copy cannot be written, naming the folder and the cause.</exception>
    public static async Task<(Stream Stream, bool IsCopy)> SeekableAsync(Stream stream, string name, CultureInfo? culture, CancellationToken cancellationToken) =>
        stream.CanSeek ? (stream, false) : (await CopyAsync(stream, name, Path.GetTempPath(), culture, cancellationToken).ConfigureAwait(false), true);

    /// <summary>The temporary copy's name starts so (its own prefix: a test or an operator can tell it from the report log's spill files).</summary>
    internal const string UploadCopyPrefix = "crmcore-upload-";

    /// <summary>Copies the rest of a stream into a new file in <paramref name="folder"/> (a seam for tests) that only this process can
    /// read (<see cref="PrivateTempFile"/>: gone from the folder at once on Unix, deleted on close on Windows); at position 0.</summary>
    /// <exception cref="ImportFileException">The copy cannot be created or written (the disk full, the folder missing or not writable),
    /// naming the folder and the cause in the culture's language.</exception>
    internal static async Task<Stream> CopyAsync(Stream stream, string name, string folder, CultureInfo? culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        FileStream copy;
        try
        {
            copy = new FileStream(PrivateTempFile.Open(folder, UploadCopyPrefix + Path.GetRandomFileName()), FileAccess.ReadWrite, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed(e);
        }

        try
        {
            var buffer = new byte[1 << 16];
            int read;
            // Read errors are the caller's stream's own and pass as they are; only writing the copy is this method's failure to name.
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                try
                {
                    await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw Failed(e);
                }
            }

            try
            {
                await copy.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Failed(e);
            }

            copy.Position = 0;
            return copy;
        }
        catch
        {
            try
            {
                await copy.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The error being thrown already says what went wrong; the copy is deleted on close either way.
            }

            throw;
        }

        ImportFileException Failed(Exception e) => new(name, 0, 0, TableReader.WithCause("Error_TemporaryUpload", culture, folder, e), e);
    }

    /// <summary>
    /// What every importer does first with its stream: the SHA-256 of the content (hex, lower case; empty when the stream cannot seek, so
    /// the ledger cannot recognise the file), then the rows as <see cref="Read"/> gives them, from the stream's position.
    /// </summary>
    /// <param name="stream">The content; seekable for CSV encoding detection, .xlsx and JSON.</param>
    /// <param name="name">The file name, for the format and for messages.</param>
    /// <param name="format">The format; Auto decides by the file name.</param>
    /// <param name="encoding">The CSV encoding's web name, or null to detect it.</param>
    /// <param name="cancellationToken">Cancels the hashing.</param>
    /// <param name="culture">The language of the reader's own messages (a file refused); null for the current UI culture.</param>
    /// <exception cref="ArgumentException"><paramref name="encoding"/> is not an encoding the readers read (<see cref="StrictTextDecoder.GetEncoding(string, CultureInfo)"/>),
    /// thrown before the stream is read.</exception>
    public static async Task<(IEnumerable<SourceRow> Rows, string Format, string Encoding, string FileHash)> HashAndReadAsync(
        Stream stream, string name, ImportFormat format, string? encoding, CancellationToken cancellationToken, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);

        // An encoding no reader here reads (latin1, shift_jis) is the caller's error: refused before a byte of the file is read.
        if (encoding is not null)
        {
            _ = StrictTextDecoder.GetEncoding(encoding, culture);
        }

        var fileHash = string.Empty;
        if (stream.CanSeek)
        {
            var start = stream.Position;
            fileHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            stream.Position = start;
        }

        var (rows, formatName, encodingName) = Read(stream, name, format, encoding, culture);
        return (rows, formatName, encodingName, fileHash);
    }

    /// <summary>The rows of a table, with the format (<c>csv</c>, <c>xlsx</c>, <c>json</c> or <c>jsonl</c>) and the text encoding's web name (empty for .xlsx).</summary>
    /// <param name="stream">The content; seekable.</param>
    /// <param name="name">The file name, for the format and for messages.</param>
    /// <param name="format">The format; Auto decides by the file name.</param>
    /// <param name="encoding">The CSV encoding's web name, or null to detect it.</param>
    /// <param name="culture">The language of the reader's own messages (a file refused); null for the current UI culture.</param>
    public static (IEnumerable<SourceRow> Rows, string Format, string Encoding) Read(Stream stream, string name, ImportFormat format, string? encoding, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        var resolved = TableReader.Resolve(name, format);
        switch (stream.CanSeek ? TableReader.Sniff(stream) : ContentKind.Other)
        {
            case ContentKind.OleCompoundFile:
                // What Excel 97-2003 saves (.xls), whatever the file is called: no reader here reads it.
                throw new ImportFileException(name, 0, 0, ImportStrings.Get("Error_XlsWorkbook", culture));
            case ContentKind.Zip when resolved == ImportFormat.Csv:
                // A zip never is text: a workbook under another name (book.xls, book.csv) is read as the .xlsx it is.
                resolved = TableReader.IsWorkbookZip(stream) ? ImportFormat.Xlsx
                    : throw new ImportFileException(name, 0, 0, ImportStrings.Get("Error_ZipNotWorkbook", culture));
                break;
        }

        switch (resolved)
        {
            case ImportFormat.Xlsx:
                return (new CountedRows((rowsKnown, sheetKnown) => TableReader.ReadXlsx(stream, name, culture, rowsKnown, sheetKnown)), "xlsx", string.Empty);
            case ImportFormat.Json:
                return (new CountedRows(rowsKnown => JsonTableReader.Read(stream, name, lines: false, rowsKnown, culture)), "json", "utf-8");
            case ImportFormat.JsonLines:
                return (new CountedRows(rowsKnown => JsonTableReader.Read(stream, name, lines: true, rowsKnown, culture)), "jsonl", "utf-8");
        }

        var chosen = encoding is { } web ? StrictTextDecoder.GetEncoding(web, culture) : TableReader.DetectEncoding(stream, name, culture);
        var delimiter = stream.CanSeek ? TableReader.DetectDelimiter(stream, chosen) : ',';
        return (TableReader.ReadCsv(stream, chosen, name, culture, delimiter), "csv", chosen.WebName);
    }
}
