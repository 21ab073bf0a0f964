namespace CrmCore.Storage.Tests.Processes;

/// <summary>
/// The tests that start host processes load the machine (and the database) heavily; they run on their own, after the
/// others, so the contract tests' connection and command timeouts never race against them on a small CI machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTestsCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Host processes";
}
