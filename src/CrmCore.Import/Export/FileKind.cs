using System.Runtime.InteropServices;

namespace CrmCore.Import.Export;

/// <summary>
/// What a path names once every symbolic link is followed: nothing, a regular file, a directory, or something else (a FIFO, a character
/// or block device, a socket), which must be written into, never replaced. .NET has no public call for a file's type, so on Linux it is
/// read with <c>statx</c> (one layout on every architecture); elsewhere a path that exists and is not a directory counts as a regular
/// file (the behaviour before this check). Thread-safe (stateless).
/// </summary>
internal static partial class FileKind
{
    /// <summary>What <see cref="Of"/> found.</summary>
    internal enum Kind
    {
        /// <summary>Nothing there (or a link to nothing).</summary>
        Missing,

        /// <summary>A regular file.</summary>
        Regular,

        /// <summary>A directory.</summary>
        Directory,

        /// <summary>A FIFO, a device, a socket: written into, never replaced.</summary>
        Special,
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 0x1C;
    private const int FileTypeMask = 0xF000;
    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    /// <summary>The kind of file at <paramref name="path"/>, links followed.</summary>
    /// <param name="path">A full path.</param>
    internal static Kind Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var buffer = new byte[256];
            int result;
            try
            {
                result = Statx(AtFdCwd, path, 0, StatxType, buffer);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // A C library without statx (older than glibc 2.28 or musl 1.2.5): what .NET itself can tell.
                return Fallback(path);
            }

            if (result == 0)
            {
                var type = BitConverter.ToUInt16(buffer, ModeOffset) & FileTypeMask;
                return type switch
                {
                    RegularType => Kind.Regular,
                    DirectoryType => Kind.Directory,
                    _ => Kind.Special,
                };
            }

            var error = Marshal.GetLastPInvokeError();
            if (error is ENOENT or ENOTDIR)
            {
                return Kind.Missing;
            }

            // Another failure (no permission to look, an old kernel): fall through to what .NET itself can tell.
        }

        return Fallback(path);
    }

    private static Kind Fallback(string path) => Directory.Exists(path) ? Kind.Directory : File.Exists(path) ? Kind.Regular : Kind.Missing;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
