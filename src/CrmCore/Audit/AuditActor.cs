namespace CrmCore.Audit;

/// <summary>
/// Who is acting in the current asynchronous flow, for the changes the stores audit by themselves (customer fields, contact plan
/// statuses: <see cref="CustomerAudit"/>, <see cref="PlanAudit"/>). A host sets it once per request or job with
/// <c>using (AuditActor.Begin(user.Id)) { … }</c>; it flows into awaited calls and is restored when the scope ends. Without a scope the
/// actor is <see cref="System"/>. Thread-safe (an <see cref="AsyncLocal{T}"/>).
/// </summary>
public static class AuditActor
{
    /// <summary>The actor recorded when no scope is active: <c>system</c>.</summary>
    public const string System = "system";

    private static readonly AsyncLocal<string?> Ambient = new();

    /// <summary>The actor of the innermost active scope, or <see cref="System"/>.</summary>
    public static string Current => Ambient.Value ?? System;

    /// <summary>Makes <paramref name="actor"/> the current actor until the returned scope is disposed.</summary>
    /// <param name="actor">A user id or system name; not blank, at most <see cref="AuditEntry.MaxNameLength"/> characters.</param>
    /// <returns>The scope; disposing it restores the previous actor.</returns>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is blank or too long.</exception>
    public static IDisposable Begin(string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (actor.Length > AuditEntry.MaxNameLength)
        {
            throw new ArgumentException($"The actor has {actor.Length} characters; at most {AuditEntry.MaxNameLength} are allowed.", nameof(actor));
        }

        var scope = new Scope(Ambient.Value);
        Ambient.Value = actor;
        return scope;
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Ambient.Value = previous;
            }
        }
    }
}
