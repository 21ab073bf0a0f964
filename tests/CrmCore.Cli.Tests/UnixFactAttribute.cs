namespace CrmCore.Cli.Tests;

/// <summary>A fact that needs Unix (named pipes as files, mkfifo): skipped, and reported as skipped, on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason off Linux and macOS.</summary>
    public UnixFactAttribute()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Skip = "Needs Unix: named pipes as files (mkfifo).";
        }
    }
}
