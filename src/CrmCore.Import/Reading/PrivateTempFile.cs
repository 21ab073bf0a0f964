using Microsoft.Win32.SafeHandles;

namespace CrmCore.Import.Reading;

/// <summary>
/// A new temporary file that only the process holding it can read: on Unix it is unlinked as soon as it is open (its data stays reachable
/// through the handle alone, and a process that is killed leaves nothing behind, where a file deleted on close would stay); on Windows it
/// is deleted when closed. For the customers' data an import keeps aside (an upload's copy, the report's spilled rows).
/// </summary>
internal static class PrivateTempFile
{
    /// <summary>Creates and opens the file for reading and writing.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="name">The file's name, new in the folder.</param>
    /// <returns>The open file.</returns>
    /// <exception cref="IOException">The file cannot be created (the folder missing, the disk full, the name taken).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static SafeFileHandle Open(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (OperatingSystem.IsWindows())
        {
            return File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        }

        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        try
        {
            File.Delete(path);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return handle;
    }
}
