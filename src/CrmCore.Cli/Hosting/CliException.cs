namespace CrmCore.Cli.Hosting;

/// <summary>
/// An expected failure of a command that ends it with a message and an exit code
/// (for example a missing input file, or a feature that is not available in this build).
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.InvalidInput)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public CliException()
    {
        ExitCode = ExitCodes.InvalidInput;
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.InvalidInput;
    }

    /// <summary>Gets the exit code the process ends with.</summary>
    public int ExitCode { get; }
}
