namespace CrmCore;

/// <summary>Checks the "who" of a recorded change.</summary>
internal static class Actor
{
    /// <summary>Returns the trimmed actor name.</summary>
    /// <exception cref="ArgumentException">The actor is null, empty or white space.</exception>
    public static string Require(string by, string paramName = "by")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by, paramName);
        return by.Trim();
    }
}
