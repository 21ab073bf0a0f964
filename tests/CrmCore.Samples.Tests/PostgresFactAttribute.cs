namespace CrmCore.Samples.Tests;

/// <summary>A fact that needs PostgreSQL: skipped locally without <c>CRMCORE_TEST_POSTGRES</c>, run (and failing) under <c>CI=true</c>.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>The variable holding the Npgsql connection string.</summary>
    public const string Variable = "CRMCORE_TEST_POSTGRES";

    /// <summary>Sets the skip reason when PostgreSQL is not configured outside CI.</summary>
    public PostgresFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (ConnectionString is null && !ci)
        {
            Skip = $"{Variable} is not set (run: eval \"$(bash eng/ci/postgres.sh start)\").";
        }
    }

    /// <summary>The connection string, or null when not set.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>The connection string; throws (failing the test) when it is missing, as under <c>CI=true</c>.</summary>
    public static string Require() => ConnectionString
        ?? throw new InvalidOperationException($"{Variable} is not set: under CI=true the PostgreSQL tests must run. Start a server with: eval \"$(bash eng/ci/postgres.sh start)\"");
}
