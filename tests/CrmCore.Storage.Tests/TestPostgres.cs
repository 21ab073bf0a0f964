namespace CrmCore.Storage.Tests;

/// <summary>
/// Where the PostgreSQL tests find their server: the connection string in <c>CRMCORE_TEST_POSTGRES</c> (start one with
/// <c>eval "$(bash eng/ci/postgres.sh start)"</c>). Without it the PostgreSQL cases are left out locally; under <c>CI=true</c>
/// they are kept and fail, so CI can never pass without the database.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "CRMCORE_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when PostgreSQL cases should run (configured, or CI where they must).</summary>
    public static bool Enabled => ConnectionString is not null || IsCi;

    public static string Require() => ConnectionString
        ?? throw new InvalidOperationException($"{Variable} is not set: under CI=true the PostgreSQL tests must run. Start a server with: eval \"$(bash eng/ci/postgres.sh start)\"");
}
