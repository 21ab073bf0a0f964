namespace CrmCore.Rules.Reload;

/// <summary>
/// Serves the current rule set and replaces it atomically when a reload succeeds. Readers take <see cref="Current"/> once per unit
/// of work and use that immutable snapshot; they never see a half-loaded set. Implementations are thread-safe.
/// </summary>
public interface IRuleSetProvider
{
    /// <summary>The version in service, or null when nothing has loaded yet.</summary>
    RuleSetVersion? Current { get; }

    /// <summary>Raised after a successful reload.</summary>
    event EventHandler<RuleSetReloadedEventArgs>? Reloaded;

    /// <summary>Raised after a failed reload; the previous version stays in service.</summary>
    event EventHandler<RuleSetReloadFailedEventArgs>? ReloadFailed;

    /// <summary>Loads sources and, when they load without error, publishes them as the new version.</summary>
    /// <param name="sources">The rule sources.</param>
    /// <returns>The load result (with every diagnostic).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sources"/> is null.</exception>
    RuleLoadResult Reload(IEnumerable<RuleSource> sources);

    /// <summary>Reads files and reloads from them (see <see cref="Reload(IEnumerable{RuleSource})"/>).</summary>
    /// <param name="paths">The file paths.</param>
    /// <returns>The load result; unreadable files are reported as CRM040.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    RuleLoadResult ReloadFromFiles(IEnumerable<string> paths);
}
