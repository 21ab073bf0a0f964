namespace CrmCore.Calendars;

/// <summary>Reads text resources embedded in the CrmCore assembly (shipped schemas and defaults).</summary>
internal static class EmbeddedText
{
    /// <summary>Reads a resource by its path relative to the project folder, with dots for slashes (for example <c>Calendars.calendar.schema.json</c>).</summary>
    /// <param name="relativeName">The resource name after the <c>CrmCore.</c> prefix.</param>
    /// <returns>The UTF-8 text.</returns>
    /// <exception cref="InvalidOperationException">The resource is missing (a packaging error).</exception>
    public static string Read(string relativeName)
    {
        var assembly = typeof(EmbeddedText).Assembly;
        using var stream = assembly.GetManifestResourceStream("CrmCore." + relativeName)
            ?? throw new InvalidOperationException($"Embedded resource 'CrmCore.{relativeName}' is missing; available: {string.Join(", ", assembly.GetManifestResourceNames())}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
