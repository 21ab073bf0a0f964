namespace CrmCore.Import.Tests;

/// <summary>A fact that needs Linux (sysfs as a folder where no file can be created): skipped, and reported as skipped, elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason off Linux.</summary>
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/sys"))
        {
            Skip = "Needs Linux: sysfs (/sys) is the folder where no file can be created, whoever runs the test.";
        }
    }
}
