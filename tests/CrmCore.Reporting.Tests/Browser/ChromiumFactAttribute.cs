namespace CrmCore.Reporting.Tests.Browser;

/// <summary>
/// A test that needs Chromium (<c>CRM_CHROMIUM</c>, default <c>/usr/bin/chromium</c>). Skipped when it is missing, except under
/// <c>CI=true</c>, where the test runs and fails (install it with <c>eng/ci/chromium.sh</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium.Path) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"Chromium not found at {Chromium.Path}; run eng/ci/chromium.sh (under CI=true this test fails instead).";
        }
    }
}
