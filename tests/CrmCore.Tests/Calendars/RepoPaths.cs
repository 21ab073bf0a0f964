namespace CrmCore.Tests.Calendars;

/// <summary>Finds files of the repository (the folder holding CrmCore.sln) from the test's output folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmCore.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CrmCore.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string CalendarData => Path.Combine(Root, "samples", "data", "calendars");

    public static string ReadCalendarData(string relative) => File.ReadAllText(Path.Combine(CalendarData, relative));

    /// <summary>A resolver for calendar imports relative to samples/data/calendars.</summary>
    public static string? ResolveImport(string source)
    {
        var path = Path.Combine(CalendarData, source);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
