namespace CrmCore.Samples.ServiceDesk;

/// <summary>The sample's command line is wrong: the message, in the language asked for, names the option and what it accepts.</summary>
internal sealed class SampleUsageException : Exception
{
    /// <summary>Creates the exception with the message to print.</summary>
    /// <param name="message">The message, localized, with the list of options.</param>
    public SampleUsageException(string message)
        : base(message)
    {
    }
}
