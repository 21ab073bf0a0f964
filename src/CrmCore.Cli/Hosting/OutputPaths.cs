using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Hosting;

/// <summary>
/// Checks the files a command will write before it reads or writes anything: no output may be one of the command's inputs (the data
/// file, the mapping file, the SQLite database and its side files) or another of its outputs, and each must be a file in a folder that
/// exists and can be written. Paths are compared after resolving them against the working directory and following every symbolic link
/// along them (<see cref="RealPath"/>).
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

    /// <summary>Whether two paths name one file: compared by <see cref="Key"/>, in the system's case rule.</summary>
    public static bool SameFile(CliContext context, string path, string other) => PathComparer.Equals(Key(context, path), Key(context, other));

    /// <summary>The most symbolic links followed for one path (as Linux's own limit): a loop of links ends there.</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// A path's identity: resolved against the working directory with every symbolic link along it followed, a folder's higher up as
    /// well as the file's, the way the system would open it; the part of a path that does not exist yet is kept as written (no link can
    /// be there). On Windows, whose paths drop <c>..</c> before any link is followed, the path is made full first; elsewhere a <c>..</c>
    /// after a linked folder goes up from the link's target, as the system does.
    /// </summary>
    internal static string Key(CliContext context, string path) =>
        RealPath(OperatingSystem.IsWindows() ? context.ResolvePath(path) : Path.Combine(context.Console.WorkingDirectory, path));

    /// <summary><paramref name="path"/> (rooted) with every symbolic link along it followed; as made full when a link cannot be read
    /// or too many are met.</summary>
    internal static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            var root = Path.GetPathRoot(path);
            if (string.IsNullOrEmpty(root))
            {
                return full;
            }

            var current = root;
            var parts = new Stack<string>(Parts(path[root.Length..]).AsEnumerable().Reverse());
            var links = 0;
            while (parts.TryPop(out var part))
            {
                if (part == ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    current = Path.GetDirectoryName(current) ?? current;
                    continue;
                }

                var next = Path.Combine(current, part);
                if (new FileInfo(next).LinkTarget is not { } target)
                {
                    current = next;
                    continue;
                }

                if (++links > MaxLinks)
                {
                    return full;
                }

                // The link's target is read in its place (from the root when it is rooted, else from the link's folder), its own parts
                // followed in turn, then the rest of the path.
                var targetRoot = Path.GetPathRoot(target);
                if (!string.IsNullOrEmpty(targetRoot))
                {
                    current = targetRoot;
                    target = target[targetRoot.Length..];
                }

                foreach (var targetPart in Parts(target).AsEnumerable().Reverse())
                {
                    parts.Push(targetPart);
                }
            }

            return Path.GetFullPath(current);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return full;
        }
    }

    private static List<string> Parts(string path) =>
        [.. path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries)];

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

            // A FIFO or a device is not opened here: opening a FIFO would wait for a reader, and closing it would end that reader's input.
            if (File.Exists(full) && CrmCore.Import.Export.FileKind.Of(full) == CrmCore.Import.Export.FileKind.Kind.Regular)
            {
                using (new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                {
                }
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new CliException(Explain(context, ex, StoreMessages.OutputNotWritable, option, path));
        }
    }

    /// <summary>
    /// <paramref name="message"/> with the cause of a failed write or read as its last argument, in the run's language: the file or its
    /// folder missing, access denied, the disk full, the file in use, the path too long, a read-only file system (worded once, as the
    /// import words them: <see cref="CrmCore.Import.Reading.TableReader.FileFailureCause"/>), else the system's error code, or plain words
    /// for an error without one (<see cref="UnnamedCause"/>), with .NET's own text on a detail line below (<see cref="WithDetail(CliContext, string, Exception)"/>); never
    /// .NET's English text as the cause.
    /// </summary>
    /// <param name="context">The run.</param>
    /// <param name="error">What the write or read threw.</param>
    /// <param name="message">The message, whose last placeholder is the cause.</param>
    /// <param name="args">Its other arguments, in order.</param>
    public static string Explain(CliContext context, Exception error, Msg message, params string[] args)
    {
        var known = Cause(context, error);
        var text = context.T(message, [.. args, known ?? UnnamedCause(context, error)]);
        return known is null ? WithDetail(context, text, error) : text;
    }

    /// <summary>The cause of a failed write or read in the run's language, or null when it is not one crm can name.</summary>
    public static string? Cause(CliContext context, Exception error) =>
        CrmCore.Import.Reading.TableReader.FileFailureCause(error) is { } key ? CrmCore.Import.Localization.ImportStrings.Get(key, context.Language.Culture) : null;

    /// <summary>
    /// The cause of a failed write or read that <see cref="Cause"/> cannot name, in the run's language: the operating system's error code
    /// (<c>the system reported error N</c>), or for an error that has none, words by kind (<see cref="CauseWithoutCode"/>). The caller puts
    /// .NET's text on a detail line.
    /// </summary>
    public static string UnnamedCause(CliContext context, Exception error) =>
        CauseWithoutCode(context, error) ?? context.T(StoreMessages.ReasonSystemError, CliContext.OsErrorCode(error)!.Value);

    /// <summary>
    /// Plain words for an I/O failure that carries no operating-system error code (<see cref="CliContext.OsErrorCode"/>), by kind: the data
    /// ended early (<see cref="EndOfStreamException"/>), the drive missing (<see cref="DriveNotFoundException"/>), or any other input/output
    /// error; null when the failure has a code of the system's to say instead.
    /// </summary>
    public static string? CauseWithoutCode(CliContext context, Exception error) => error switch
    {
        EndOfStreamException => context.T(StoreMessages.ReasonDataEnded),
        DriveNotFoundException => context.T(StoreMessages.ReasonDriveMissing),
        _ when CliContext.OsErrorCode(error) is null => context.T(StoreMessages.ReasonNoSystemCode),
        _ => null,
    };

    /// <summary><paramref name="message"/> followed by a detail line holding the exception's own (.NET's, English) text on one line.</summary>
    public static string WithDetail(CliContext context, string message, Exception error) => WithDetail(context, message, error.Message);

    /// <summary><paramref name="message"/> followed by a detail line holding <paramref name="detail"/> (a server's, .NET's or a library's
    /// own English text) on one line; the message alone when there is no detail.</summary>
    public static string WithDetail(CliContext context, string message, string? detail) =>
        detail is null ? message : message + Environment.NewLine + context.T(StoreMessages.Detail, Commands.StoreErrors.OneLine(detail));
}
