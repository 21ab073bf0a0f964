namespace CrmCore.Cli.Hosting;

/// <summary>Constants shared by the hosting layer.</summary>
internal static class CliDefaults
{
    /// <summary>The table width used when output is not a terminal (files, pipes, tests).</summary>
    public const int RedirectedWidth = 160;
}
