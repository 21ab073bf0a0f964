namespace CrmCore.Cli.Hosting;

/// <summary>The process exit codes of <c>crm</c>; they are part of its contract with scripts.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The input (data rows, rule files, calendars) is invalid, or the feature is not available in this build.</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing or malformed argument.</summary>
    public const int Usage = 2;
}
