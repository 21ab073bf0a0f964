using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrmCore.Import.Reading;

namespace CrmCore.Import.Export;

/// <summary>
/// Writes an export file that appears at its path only once its audit record, with the file's SHA-256, is stored: the content goes to
/// a temporary file beside the path, is hashed, the target is checked (not a directory, not read-only), the record is written, and only
/// then is the file moved into place (a rename in the same directory). A record that cannot be written (or a write that fails, or a
/// target that cannot take the file) leaves no file behind and no record, so no export leaves the store unrecorded, not even after a
/// crash. The record comes first on purpose: an export that appeared unrecorded is worse than a record of one that did not. A move
/// that still fails after the record (the target changed meanwhile) throws an <see cref="IOException"/> that says so. A symbolic link
/// stays a link: the file it finally names is the one written aside and replaced. A FIFO, a device or a socket (<c>/dev/stdout</c>) is
/// never replaced: the content waits in the system's temporary folder until the record is stored, then is written into it (on Linux;
/// elsewhere .NET cannot tell such a file from a regular one).
/// <para>
/// The temporary file beside the path is named <c>.{name}.{process id}.{random}.partial</c>: unique per write, and telling which process
/// writes it. A process killed while writing leaves it behind; the next write of the same path removes such leftovers (those whose
/// process is gone, or whose process id now belongs to a process started after the file was last written), never the file of a
/// writer still running, nor one it cannot tell (a name without a process id, or a process it may not inspect).
/// </para>
/// Thread-safe (stateless).
/// </summary>
public static class AuditedExportFile
{
    /// <summary>Writes and records an export file.</summary>
    /// <param name="path">Where the file goes; replaced if it exists, once recorded.</param>
    /// <param name="write">Writes the content to the stream it is given (left open).</param>
    /// <param name="record">Stores the audit record, given the content's SHA-256 (hex, lower case).</param>
    /// <param name="cancellationToken">Cancels before the record is written.</param>
    /// <returns>The SHA-256 of the file written.</returns>
    /// <exception cref="IOException">The file cannot be written, or the path is a directory or a read-only file; nothing is left behind
    /// and nothing is recorded. Or, rarely, the move failed after the record was written (the message says so).</exception>
    public static async Task<string> WriteAsync(string path, Action<Stream> write, Func<string, CancellationToken, Task> record, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(record);
        var full = Path.GetFullPath(path);
        var kind = FileKind.Of(full);
        // A FIFO or a device (/dev/stdout...) is written into once the record is stored, never replaced; its content waits in the
        // system's temporary folder meanwhile, as the folder of a device may take no file. A symbolic link stays a link: its final target
        // is the file written aside and replaced.
        var special = kind == FileKind.Kind.Special;
        var destination = special ? full : FinalTarget(full);
        var temporary = special
            ? Path.Combine(Path.GetTempPath(), $".crm-export.{Guid.NewGuid():N}.partial")
            : Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{HostTag}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.partial");
        if (!special)
        {
            RemoveLeftovers(destination);
        }

        try
        {
            string hash;
            // The content waiting for a FIFO or a device is a private temporary file (PrivateTempFile: readable by this process only, and
            // left behind by no kill); the one beside a file is named, for the move.
            var stream = special
                ? new FileStream(PrivateTempFile.Open(Path.GetTempPath(), Path.GetFileName(temporary)), FileAccess.ReadWrite, 1 << 16)
                : new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            await using (stream.ConfigureAwait(false))
            {
                write(stream);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Position = 0;
                hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
                CheckTarget(destination);
                await record(hash, cancellationToken).ConfigureAwait(false);
                if (special)
                {
                    stream.Position = 0;
                    try
                    {
                        var target = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
                        await using (target.ConfigureAwait(false))
                        {
                            await stream.CopyToAsync(target, CancellationToken.None).ConfigureAwait(false);
                        }
                    }
                    catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                    {
                        throw new IOException($"The export's audit record (sha256:{hash}) was written, but the file could not be written to '{full}': {error.Message}", error);
                    }

                    return hash;
                }
            }

            try
            {
                File.Move(temporary, destination, overwrite: true);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"The export's audit record (sha256:{hash}) was written, but the file could not be moved to '{destination}': {error.Message}", error);
            }

            return hash;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>How much later than a leftover's last write a process must have started to be taken for another process under the same id
    /// (the start time the system gives is exact to about a clock tick; its wall-clock reading may drift by a little).</summary>
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(5);

    /// <summary>Removes the temporary files of earlier writes of <paramref name="destination"/> whose writing process is gone (killed
    /// while writing). A file that cannot be removed, or whose writer cannot be told, is left as it is: it never stops this write.</summary>
    private static void RemoveLeftovers(string destination)
    {
        var folder = Path.GetDirectoryName(destination)!;
        var prefix = $".{Path.GetFileName(destination)}.";
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, prefix.Replace("*", "?", StringComparison.Ordinal).Replace("[", "?", StringComparison.Ordinal) + "*.partial");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        try
        {
            foreach (var candidate in candidates)
            {
                var name = Path.GetFileName(candidate);
                if (!name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                // {host tag}-{process id}.{32 hex digits}.partial after the prefix: anything else is not this writer's temporary file, and
                // one written on another machine (or in another container, whose process ids mean nothing here) is left to its writer.
                var parts = name[prefix.Length..].Split('.');
                if (parts is not [var writer, { Length: 32 } random, "partial"] || !random.All(char.IsAsciiHexDigitLower)
                    || !writer.StartsWith(HostTag + "-", StringComparison.Ordinal)
                    || !int.TryParse(writer.AsSpan(HostTag.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    || !WriterIsGone(pid, candidate) || IsLocked(candidate))
                {
                    continue;
                }

                try
                {
                    File.Delete(candidate);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another cleaner got there first, or the folder forbids it: the leftover stays, harmlessly.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder could not be listed to the end: the leftovers not reached stay.
        }
    }

    /// <summary>This machine's tag in a temporary file's name (8 hex digits of its name's SHA-256): a leftover is removed only by a write on
    /// the machine that made it, where its process id means something.</summary>
    internal static readonly string HostTag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Environment.MachineName)))[..8];

    /// <summary>True when another writer still holds the file open (the writer opens it with <see cref="FileShare.None"/>, a lock other
    /// processes on this system see, whatever their process ids), or it cannot be opened to tell.</summary>
    private static bool IsLocked(string file)
    {
        try
        {
            using var probe = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>True when no running process can be writing <paramref name="file"/> under <paramref name="pid"/>: none has that id, or the
    /// one that has it started after the file was last written. False when it cannot be told.</summary>
    private static bool WriterIsGone(int pid, string file)
    {
        if (pid == Environment.ProcessId)
        {
            // This process: another write of its own (another thread) may be under way.
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited || process.StartTime.ToUniversalTime() > File.GetLastWriteTimeUtc(file) + StartTolerance;
        }
        catch (ArgumentException)
        {
            // No process has that id.
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // The file a symbolic link finally names (a link to a link followed to the end), or the path itself when it is no link.
    private static string FinalTarget(string full)
    {
        if (new FileInfo(full).LinkTarget is null)
        {
            return full;
        }

        return File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
    }

    // What would make the move fail, checked before anything is recorded.
    private static void CheckTarget(string full)
    {
        if (Directory.Exists(full))
        {
            throw new IOException($"Cannot write the export to '{full}': it is a directory. Nothing was written or recorded.");
        }

        // On Windows a read-only file refuses the move; elsewhere .NET reports ReadOnly for a file the user cannot write, which a rename
        // replaces all the same.
        if (OperatingSystem.IsWindows() && File.Exists(full) && File.GetAttributes(full).HasFlag(FileAttributes.ReadOnly))
        {
            throw new IOException($"Cannot write the export to '{full}': the file there is read-only. Nothing was written or recorded.");
        }
    }
}
