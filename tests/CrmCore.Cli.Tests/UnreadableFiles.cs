namespace CrmCore.Cli.Tests;

/// <summary>
/// Files this process cannot read, for the "cannot be read" messages. A file made mode 000 stops every user but root (and Windows has no
/// chmod), so <see cref="ModeNoneFactAttribute"/> skips there. A write-only sysfs file (<c>/sys/bus/pci/rescan</c>, mode 0200, with no read
/// operation) is refused with "permission denied" (EACCES) by the kernel even to root, so <see cref="WriteOnlySysfsFactAttribute"/> proves the
/// same message as root too; it is skipped where there is no such file (no /sys, or no PCI bus).
/// </summary>
internal static class UnreadableFiles
{
    /// <summary>A write-only file of the kernel's sysfs, or null when this machine has none.</summary>
    public static string? WriteOnlySysfsFile { get; } = OperatingSystem.IsLinux() && File.Exists("/sys/bus/pci/rescan") ? "/sys/bus/pci/rescan" : null;

    /// <summary>Writes a file and takes every permission from it (mode 000).</summary>
    public static string ModeNone(string path)
    {
        File.WriteAllText(path, "{}");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.None);
        }

        return path;
    }
}

/// <summary>A fact that needs a file of mode 000 to be unreadable: skipped on Windows and for a privileged user (root reads it anyway).</summary>
public sealed class ModeNoneFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason where mode 000 does not stop this process.</summary>
    public ModeNoneFactAttribute()
    {
        if (OperatingSystem.IsWindows() || Environment.IsPrivilegedProcess)
        {
            Skip = "A file of mode 000 is readable here (root, or Windows); the write-only sysfs case proves the message instead.";
        }
    }
}

/// <summary>A fact that needs <see cref="UnreadableFiles.WriteOnlySysfsFile"/>: skipped where there is none.</summary>
public sealed class WriteOnlySysfsFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason without a write-only sysfs file.</summary>
    public WriteOnlySysfsFactAttribute()
    {
        if (UnreadableFiles.WriteOnlySysfsFile is null)
        {
            Skip = "No write-only sysfs file (/sys/bus/pci/rescan) on this machine.";
        }
    }
}
