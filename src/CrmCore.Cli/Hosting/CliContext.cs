using System.Globalization;
using System.Text;
using CrmCore.Cli.Input;
using CrmCore.Cli.Localization;
using CrmCore.Decoding;
using Spectre.Console;

namespace CrmCore.Cli.Hosting;

/// <summary>What a running command needs: the console, the chosen language, and helpers to read files and report.</summary>
internal sealed class CliContext
{
    private IAnsiConsole? _ansi;

    public CliContext(ICliConsole console, CliLanguage language)
    {
        Console = console;
        Language = language;
    }

    /// <summary>Gets the console.</summary>
    public ICliConsole Console { get; }

    /// <summary>Gets the language of messages and labels.</summary>
    public CliLanguage Language { get; }

    /// <summary>Gets the encoding of input files named by <c>--encoding</c>, or null for strict UTF-8.</summary>
    public Encoding? InputEncoding { get; init; }

    /// <summary>
    /// Gets or sets the desk store the command opened (<c>--store</c> as given), so a failure of that store is reported as the store's,
    /// in plain words (<see cref="Commands.StoreErrors"/>); null until a store is opened.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>
    /// Gets or sets whether the PostgreSQL server of <see cref="Store"/> answered (the store's schema was read): a failure after this is
    /// one of the command under way (a statement past Command Timeout=, a connection lost), never one to connect.
    /// </summary>
    public bool StoreReached { get; set; }

    /// <summary>Gets the escalation policy file named by <c>--escalation</c>, or null.</summary>
    public string? EscalationFile { get; init; }

    /// <summary>
    /// The escalation ladders Escalation rules may name: those of <see cref="EscalationFile"/>, or of documents 001 and 003.
    /// </summary>
    /// <exception cref="CliException">The file is missing, unreadable or not a valid escalation policy (exit code 1; every problem on standard error).</exception>
    public IReadOnlyCollection<string> EscalationLadders()
    {
        if (EscalationFile is not { } path)
        {
            return [.. CrmCore.Escalation.EscalationPolicyJson.Document001.Ladders.Concat(CrmCore.Escalation.EscalationPolicyJson.Document003.Ladders).Select(l => l.Name)];
        }

        var result = CrmCore.Escalation.EscalationPolicyJson.Load(ReadText(path, MaxJsonFileBytes));
        if (result.Value is { } policy)
        {
            return [.. policy.Ladders.Select(l => l.Name)];
        }

        foreach (var problem in result.Problems)
        {
            WriteProblem(path, problem);
        }

        throw new CliException(T(Messages.EscalationInvalid, path, result.Problems.Length));
    }

    /// <summary>
    /// Writes one problem of a loaded file (calendar, escalation or contact policy) to standard error: <c>file:line:col: error $.path: ...</c>
    /// when the problem has a line and a JSON path (a value placed in the text, a key given twice), <c>file:line:col: error: ...</c> when the
    /// path is only the document's root (<c>$</c>, a JSON syntax error), <c>file: error $.path: ...</c> when there is no line.
    /// </summary>
    public void WriteProblem(string file, CrmCore.Calendars.LoadProblem problem)
    {
        var message = problem.MessageIn(Language.Culture);
        if (problem.Line <= 0)
        {
            Error.WriteLine($"{file}: {T(Messages.ErrorPrefix)} {problem.Path}: {message}");
            return;
        }

        var at = string.Create(CultureInfo.InvariantCulture, $"{file}:{problem.Line}:{problem.Column}");
        Error.WriteLine(problem.Path is { Length: > 0 } path && path != "$"
            ? $"{at}: {T(Messages.ErrorPrefix)} {path}: {message}"
            : $"{at}: {T(Messages.ErrorPrefix)}: {message}");
    }

    /// <summary>Gets standard output.</summary>
    public TextWriter Out => Console.Out;

    /// <summary>Gets standard error.</summary>
    public TextWriter Error => Console.Error;

    /// <summary>Gets a Spectre console on standard output: plain text (no ANSI, no colours) when redirected.</summary>
    public IAnsiConsole Ansi => _ansi ??= CreateAnsi(Console);

    /// <summary>Formats a message in the chosen language.</summary>
    public string T(Msg message, params object?[] args) =>
        args.Length == 0 ? message.In(Language) : string.Format(CultureInfo.InvariantCulture, message.In(Language), args);

    /// <summary>Writes <c>error: message</c> to standard error.</summary>
    public void WriteError(string message) => Error.WriteLine($"{T(Messages.ErrorPrefix)}: {message}");

    /// <summary>Resolves a path against the working directory.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, Console.WorkingDirectory);

    /// <summary>The most bytes read from a small JSON file a user writes (teams file, escalation policy, calendar): 1 MiB.</summary>
    public const int MaxJsonFileBytes = 1 << 20;

    /// <summary>The most bytes read from a customers, tickets or surveys file: 512 MiB (the file is decoded in memory).</summary>
    public const int MaxDataFileBytes = 512 << 20;

    /// <summary>
    /// Reads a user's text file strictly, the one way every <c>crm</c> command reads the files it is given: at most
    /// <paramref name="maxBytes"/> bytes (a longer file is refused before it is read), UTF-8 (with or without BOM) or the
    /// <c>--encoding</c> given. Bytes that are not valid in it end the command with a positioned error that names the encoding the file
    /// seems to be in. Every error names the file as the user wrote it (with line:col where there is one), in the run's language.
    /// </summary>
    /// <param name="path">The file, as given on the command line.</param>
    /// <param name="maxBytes">The largest file accepted, in bytes (at least 1).</param>
    /// <returns>The decoded text.</returns>
    /// <exception cref="CliException">The file does not exist, cannot be read, is larger than <paramref name="maxBytes"/> or is not valid
    /// text (exit code 1).</exception>
    public string ReadText(string path, int maxBytes) => Read(path, maxBytes, utf8Only: false).Text;

    /// <summary>
    /// Reads a user's text file that is always UTF-8 whatever <c>--encoding</c> says (import mappings: JSON written for the tool, while
    /// <c>--encoding</c> names the encoding of the table beside them), strictly and bounded as <see cref="ReadText"/> does; a UTF-8 BOM
    /// is allowed. Returns the bytes read too, so a caller can hash exactly what it used.
    /// </summary>
    /// <param name="path">The file, as given on the command line.</param>
    /// <param name="maxBytes">The largest file accepted, in bytes (at least 1).</param>
    /// <returns>The decoded text and the file's bytes.</returns>
    /// <exception cref="CliException">The file does not exist, cannot be read, is larger than <paramref name="maxBytes"/> or is not valid
    /// UTF-8 (exit code 1).</exception>
    public (string Text, byte[] Bytes) ReadUtf8Text(string path, int maxBytes) => Read(path, maxBytes, utf8Only: true);

    private (string Text, byte[] Bytes) Read(string path, int maxBytes, bool utf8Only)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        var full = ResolvePath(path);
        if (Directory.Exists(full))
        {
            throw new CliException(T(Messages.FileUnreadable, path, T(Messages.FileIsFolder)));
        }

        if (!File.Exists(full))
        {
            throw new CliException(T(Messages.FileNotFound, path));
        }

        byte[] bytes;
        try
        {
            bytes = ReadBounded(full, maxBytes) ?? throw new CliException(T(Messages.FileTooLarge, path, maxBytes));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ReadFailure(path, ex));
        }

        var decoded = StrictTextDecoder.Decode(bytes, utf8Only ? null : InputEncoding);
        if (decoded.Problem is { } problem)
        {
            throw new CliException(utf8Only
                ? T(Messages.NotUtf8Text, path, problem.Line, problem.Column)
                : T(Messages.NotValidText, path, problem.Line, problem.Column, problem.Message));
        }

        return (decoded.Text!, bytes);
    }

    /// <summary>
    /// Why the file <paramref name="shown"/> (as the user wrote it) could not be read, as one message in the run's language: not found (it
    /// went, or is a link to nothing), permission denied, a folder, the operating system's error code, or for an error without one plain
    /// words by kind (<see cref="OutputPaths.CauseWithoutCode"/>) with .NET's text on a detail line; never .NET's English text as the cause.
    /// </summary>
    /// <param name="shown">The file as given on the command line.</param>
    /// <param name="error">What opening or reading it threw.</param>
    /// <returns>The message, without the <c>error:</c> prefix.</returns>
    public string ReadFailure(string shown, Exception error) => error switch
    {
        FileNotFoundException or DirectoryNotFoundException => T(Messages.FileNotFound, shown),
        _ when Directory.Exists(ResolvePath(shown)) => T(Messages.FileUnreadable, shown, T(Messages.FileIsFolder)),
        UnauthorizedAccessException => T(Messages.FileUnreadable, shown, T(Messages.FileReadDenied)),
        _ when OutputPaths.CauseWithoutCode(this, error) is { } words => OutputPaths.WithDetail(this, T(Messages.FileUnreadable, shown, T(Messages.FileReadFailedBecause, words)), error),
        _ => T(Messages.FileUnreadable, shown, T(Messages.FileReadFailed, OsErrorCode(error)!.Value)),
    };

    /// <summary>
    /// The operating system's code of an I/O error, or null when it has none: on Linux and macOS .NET keeps errno (a positive number) as the
    /// HResult; on Windows the HResult wraps the Win32 error (0x8007xxxx). An error .NET raised itself keeps .NET's own HResult (such as
    /// COR_E_IO, -2146232800, for a plain <see cref="IOException"/>), which is no code of the system's and is never shown as one.
    /// </summary>
    internal static int? OsErrorCode(Exception error) => error.HResult switch
    {
        > 0 and var code => code,
        var code when OperatingSystem.IsWindows() && (code & unchecked((int)0xFFFF0000)) == unchecked((int)0x80070000) => code & 0xFFFF,
        _ => null,
    };

    /// <summary>
    /// Reads a customers, tickets or surveys file and prints every problem to standard error in compiler style,
    /// followed by a one-line summary when anything was rejected.
    /// </summary>
    /// <exception cref="CliException">The file is missing, or its format cannot be told.</exception>
    public RowReadResult<TRow> Load<TRow>(string path, RowSchema<TRow> schema, InputFormat? format, bool strict)
    {
        var chosen = format ?? RowReader.FormatFromExtension(path) ?? throw new CliException(T(Messages.UnknownFormat, path));
        var result = RowReader.Read(path, ReadText(path, MaxDataFileBytes), chosen, schema, strict);
        foreach (var problem in result.Problems)
        {
            Error.WriteLine(ProblemFormatter.Format(problem, Language));
        }

        if (result.StoppedEarly && strict)
        {
            Error.WriteLine(T(Messages.StoppedAtFirst, path));
        }
        else if (!result.IsClean)
        {
            Error.WriteLine(T(Messages.RowsRejected, path, result.Rows.Count, result.RejectedRows, result.Problems.Count));
        }

        return result;
    }

    /// <summary>The file's bytes, or null when it has more than <paramref name="maxBytes"/>; never reads more than one byte past the bound.
    /// A file that can seek is read into an array of its length (no second copy), then probed for one more byte in case it grew; one that
    /// cannot (a pipe) is read in chunks and counted.</summary>
    internal static byte[]? ReadBounded(string full, int maxBytes)
    {
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        if (stream.CanSeek)
        {
            var length = stream.Length;
            if (length > maxBytes)
            {
                return null;
            }

            var bytes = new byte[length];
            var filled = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (filled < bytes.Length)
            {
                // The file shrank after its length was taken: what is there is the file.
                return bytes[..filled];
            }

            Span<byte> probe = stackalloc byte[1];
            if (stream.Read(probe) == 0)
            {
                return bytes;
            }

            // The file grew after its length was taken: read on, counted, up to one byte past the bound.
            using var grown = new MemoryStream();
            grown.Write(bytes);
            grown.Write(probe);
            return ReadCounted(stream, grown, maxBytes);
        }

        return ReadCounted(stream, new MemoryStream(), maxBytes);
    }

    private static byte[]? ReadCounted(Stream stream, MemoryStream buffer, int maxBytes)
    {
        using (buffer)
        {
            if (buffer.Length > maxBytes)
            {
                return null;
            }

            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1L - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    return null;
                }
            }

            return buffer.ToArray();
        }
    }

    private static IAnsiConsole CreateAnsi(ICliConsole console)
    {
        var redirected = console.IsOutputRedirected;
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(console.Out),
        });
        ansi.Profile.Width = console.Width;
        if (redirected)
        {
            ansi.Profile.Capabilities.Unicode = true;
        }

        return ansi;
    }
}
