namespace CrmCore.Metrics;

/// <summary>Turns a list of validation problems into one argument exception.</summary>
internal static class OptionsGuard
{
    private const int MaxListed = 20;

    public static void ThrowIfAny(IReadOnlyList<string> problems, string paramName)
    {
        if (problems.Count == 0)
        {
            return;
        }

        var listed = string.Join(" ", problems.Take(MaxListed));
        var more = problems.Count > MaxListed ? $" (and {problems.Count - MaxListed} more problems)" : string.Empty;
        throw new ArgumentException(listed + more, paramName);
    }
}
