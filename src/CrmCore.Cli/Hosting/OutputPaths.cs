using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Hosting;

/// <summary>
/// Checks the files a command will write before it reads or writes anything: no output may be one of the command's inputs (the data
/// file, the mapping file, the SQLite database and its side files) or another of its outputs, and each must be a file in a folder that
/// exists and can be written. Paths are compared after resolving them against the working directory and following symbolic links.
/// </summary>
internal static class OutputPaths
{
    private static readonly StringComparer PathComparer = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <summary>
    /// Refuses a clash or an unwritable output with a <see cref="CliException"/>: a clash is a usage error (exit code 2), a missing folder,
    /// a folder given as the file or a path that cannot be written is exit code 1. Outputs and inputs that are null are skipped.
    /// </summary>
    /// <param name="context">The run.</param>
    /// <param name="inputs">What the command reads: how to name it in a message, and its path as given.</param>
    /// <param name="outputs">What the command writes: its option, and its path as given.</param>
    public static void Check(CliContext context, IEnumerable<(Msg What, string? Path)> inputs, IEnumerable<(string Option, string? Path)> outputs) =>
        CheckPaths(context, inputs, outputs, writable: true);

    /// <summary>
    /// Refuses only a clash (a usage error, exit code 2): for commands that create an output's folders themselves. Inputs and outputs
    /// that are null are skipped.
    /// </summary>
    public static void CheckClashes(CliContext context, IEnumerable<(Msg What, string? Path)> inputs, IEnumerable<(string Option, string? Path)> outputs) =>
        CheckPaths(context, inputs, outputs, writable: false);

    /// <summary>An input named by its option (<c>--tickets</c>...), for <see cref="Check"/>: the message names the option.</summary>
    public static (Msg What, string? Path) Input(string option, string? path) => (new Msg(option, option), path);

    private static void CheckPaths(CliContext context, IEnumerable<(Msg What, string? Path)> inputs, IEnumerable<(string Option, string? Path)> outputs, bool writable)
    {
        var taken = new List<(string Key, string Name)>();
        foreach (var (what, path) in inputs)
        {
            if (path is not null)
            {
                taken.Add((Key(context, path), context.T(what)));
            }
        }

        foreach (var (option, path) in outputs)
        {
            if (path is null)
            {
                continue;
            }

            var key = Key(context, path);
            foreach (var (other, name) in taken)
            {
                if (PathComparer.Equals(key, other))
                {
                    throw new CliException(context.T(StoreMessages.OutputIsInput, option, path, name), ExitCodes.Usage);
                }
            }

            if (writable)
            {
                CheckWritable(context, option, path);
            }

            taken.Add((key, option));
        }
    }

    /// <summary>The inputs of a SQLite store (<c>sqlite:PATH</c>): the database and its journal files; none for another store.</summary>
    public static IEnumerable<(Msg What, string? Path)> StoreFiles(string? store)
    {
        if (store is null || !store.StartsWith("sqlite:", StringComparison.Ordinal) || store.Length == "sqlite:".Length)
        {
            yield break;
        }

        var path = store["sqlite:".Length..];
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            yield return (StoreMessages.TheDatabase, path + suffix);
        }
    }

    /// <summary>A path's identity: resolved against the working directory, its links followed.</summary>
    private static string Key(CliContext context, string path)
    {
        var full = context.ResolvePath(path);
        try
        {
            var directory = Path.GetDirectoryName(full);
            if (directory is not null && Directory.Exists(directory))
            {
                // A linked folder on the way (macOS /tmp, say) names the same file as its target.
                var realDirectory = new DirectoryInfo(directory).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory;
                full = Path.Combine(realDirectory, Path.GetFileName(full));
            }

            return File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : full;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return full;
        }
    }

    private static void CheckWritable(CliContext context, string option, string path)
    {
        var full = context.ResolvePath(path);
        if (Directory.Exists(full))
        {
            throw new CliException(context.T(StoreMessages.OutputIsFolder, option, path));
        }

        var folder = Path.GetDirectoryName(full) ?? full;
        if (!Directory.Exists(folder))
        {
            throw new CliException(context.T(StoreMessages.OutputFolderMissing, option, path, folder));
        }

        try
        {
            // The folder must take a new file (a report is created, an export is written aside and moved), and a file already there must
            // open for writing; neither probe changes what is there.
            using (new FileStream(Path.Combine(folder, "." + Guid.NewGuid().ToString("N") + ".crm-probe"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            if (File.Exists(full))
            {
                using (new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                {
                }
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new CliException(context.T(StoreMessages.OutputNotWritable, option, path));
        }
    }

    /// <summary>A plain reason for a failed write (a missing folder, no permission, a full disk), or the system's own text otherwise.</summary>
    public static string Reason(CliContext context, Exception error) => error switch
    {
        DirectoryNotFoundException => context.T(StoreMessages.ReasonFolderMissing),
        UnauthorizedAccessException => context.T(StoreMessages.ReasonPermission),
        IOException io when (io.HResult & 0xFFFF) is 28 or 112 => context.T(StoreMessages.ReasonDiskFull),
        _ => error.Message,
    };
}
