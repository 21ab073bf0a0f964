namespace CrmCore.Storage.Tests;

/// <summary>A fact that needs PostgreSQL: skipped locally without <c>CRMCORE_TEST_POSTGRES</c>, run (and failing) under <c>CI=true</c>.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when PostgreSQL is not configured outside CI.</summary>
    public PostgresFactAttribute()
    {
        if (!TestPostgres.Enabled)
        {
            Skip = $"{TestPostgres.Variable} is not set (run: eval \"$(bash eng/ci/postgres.sh start)\").";
        }
    }
}
