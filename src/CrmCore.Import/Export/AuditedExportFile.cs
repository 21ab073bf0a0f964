using System.Security.Cryptography;

namespace CrmCore.Import.Export;

/// <summary>
/// Writes an export file that appears at its path only once its audit record, with the file's SHA-256, is stored: the content goes to
/// a temporary file beside the path, is hashed, the record is written, and only then is the file moved into place. A record that
/// cannot be written (or a write that fails) leaves no file behind, so no export leaves the store unrecorded. Thread-safe (stateless).
/// </summary>
public static class AuditedExportFile
{
    /// <summary>Writes and records an export file.</summary>
    /// <param name="path">Where the file goes; replaced if it exists, once recorded.</param>
    /// <param name="write">Writes the content to the stream it is given (left open).</param>
    /// <param name="record">Stores the audit record, given the content's SHA-256 (hex, lower case).</param>
    /// <param name="cancellationToken">Cancels before the record is written.</param>
    /// <returns>The SHA-256 of the file written.</returns>
    /// <exception cref="IOException">The file cannot be written; nothing is left behind.</exception>
    public static async Task<string> WriteAsync(string path, Action<Stream> write, Func<string, CancellationToken, Task> record, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(record);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.partial");
        try
        {
            string hash;
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            await using (stream.ConfigureAwait(false))
            {
                write(stream);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Position = 0;
                hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            }

            await record(hash, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
            return hash;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
