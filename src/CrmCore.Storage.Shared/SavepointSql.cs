using System.Collections.Concurrent;
using System.Globalization;

namespace CrmCore.Storage;

/// <summary>The savepoint statements a <see cref="DbSession"/> sends (the same SQL on SQLite and PostgreSQL), each text built once, so
/// that the connection's kept command for it (<see cref="DbHandle.Command"/>) is found by the same string every time. Thread-safe.</summary>
internal static class SavepointSql
{
    private static readonly ConcurrentDictionary<string, (string Set, string Release, string RollbackTo)> Texts = new(StringComparer.Ordinal);

    /// <summary>A savepoint's name: <paramref name="prefix"/> and the depth.</summary>
    public static string Name(string prefix, int depth) => prefix + depth.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>SAVEPOINT name</c>.</summary>
    public static string Set(string name) => Of(name).Set;

    /// <summary><c>RELEASE SAVEPOINT name</c>.</summary>
    public static string Release(string name) => Of(name).Release;

    /// <summary><c>ROLLBACK TO SAVEPOINT name</c>.</summary>
    public static string RollbackTo(string name) => Of(name).RollbackTo;

    private static (string Set, string Release, string RollbackTo) Of(string name) =>
        Texts.GetOrAdd(name, static n => ("SAVEPOINT " + n, "RELEASE SAVEPOINT " + n, "ROLLBACK TO SAVEPOINT " + n));
}
