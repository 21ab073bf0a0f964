using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmCore.Rules.Compilation;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Loading;
using CrmCore.Decoding;

namespace CrmCore.Rules;

/// <summary>
/// Loads CrmCore rule files (RulesEngine workflow JSON) strictly: every key checked against RulesEngine's model (case-sensitive),
/// every expression compiled and sandbox-checked at load, every problem reported with its place. Never throws for bad content;
/// the result lists the problems. Thread-safe (stateless).
/// </summary>
public static class RuleLoader
{
    /// <summary>Loads one file from its text.</summary>
    /// <param name="fileName">The name used in diagnostics.</param>
    /// <param name="json">The JSON text.</param>
    /// <param name="options">Options; <see cref="RuleLoadOptions.Default"/> when null.</param>
    /// <returns>The rule set or the problems.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fileName"/> or <paramref name="json"/> is null.</exception>
    public static RuleLoadResult Load(string fileName, string json, RuleLoadOptions? options = null)
        => Load([RuleSource.FromText(fileName, json)], options);

    /// <summary>Reads and loads files from disk into one rule set. Unreadable files are reported (CRM040), not thrown.</summary>
    /// <param name="paths">The file paths.</param>
    /// <param name="options">Options; <see cref="RuleLoadOptions.Default"/> when null.</param>
    /// <returns>The rule set or the problems.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    public static RuleLoadResult LoadFiles(IEnumerable<string> paths, RuleLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= RuleLoadOptions.Default;
        options.Validate();
        var sources = new List<RuleSource>();
        var bag = new DiagnosticBag();
        foreach (var path in paths)
        {
            try
            {
                var info = new FileInfo(path);
                if (info.Exists && info.Length > options.MaxFileBytes)
                {
                    bag.Error(RuleDiagnosticCodes.FileTooLarge, TooLargeMessage(info.Length, options), new SourceRef(path, string.Empty, 1, 1));
                    continue;
                }

                sources.Add(RuleSource.FromBytes(path, File.ReadAllBytes(path)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                bag.Error(RuleDiagnosticCodes.FileUnreadable, UnreadableText(path, e), new SourceRef(path, string.Empty, 0, 0));
            }
        }

        if (sources.Count == 0 && bag.HasErrors)
        {
            return new RuleLoadResult(null, bag.Items, string.Empty);
        }

        // The readable files are still checked, so one unreadable file does not hide the others' problems.
        var loaded = Load(sources, options);
        if (!bag.HasErrors)
        {
            return loaded;
        }

        return new RuleLoadResult(null, [.. bag.Items, .. loaded.Diagnostics], loaded.ContentHash);
    }

    /// <summary>Loads several sources into one rule set (workflow names must be unique across them).</summary>
    /// <param name="sources">The sources, in order.</param>
    /// <param name="options">Options; <see cref="RuleLoadOptions.Default"/> when null.</param>
    /// <returns>The rule set or the problems.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sources"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static RuleLoadResult Load(IEnumerable<RuleSource> sources, RuleLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        options ??= RuleLoadOptions.Default;
        options.Validate();
        var list = sources.ToList();
        var bag = new DiagnosticBag();
        var workflows = new List<WorkflowDefinition>();
        foreach (var source in list)
        {
            workflows.AddRange(Parse(source, bag, options));
        }

        var hash = Hash(list);
        if (workflows.Count == 0 && !bag.HasErrors)
        {
            bag.Error(
                RuleDiagnosticCodes.MissingRequired,
                DiagnosticStrings.Text(list.Count == 0 ? "NoWorkflow_NoFiles" : "NoWorkflow", string.Join(", ", list.Select(s => s.Name))),
                list.Count > 0 ? new SourceRef(list[0].Name, "$", 1, 1) : new SourceRef(string.Empty, string.Empty, 0, 0));
        }

        CompiledRuleSetParts parts;
        var compiler = new RuleSetCompiler(bag, options);
        try
        {
            parts = compiler.Compile(workflows);
        }
        catch (Exception e) when (e is InsufficientExecutionStackException or InvalidOperationException or ArgumentException or NotSupportedException or OverflowException)
        {
            // A last line of defence: the limits are meant to make this unreachable, but a host must get a result, not a throw. The
            // message is ours (the exception's is .NET's, for programmers) and names the rule being compiled, at its place.
            var text = DiagnosticStrings.Text(e is InsufficientExecutionStackException ? "CompileFailed_Deep" : "CompileFailed_Other");
            var (workflow, rule, where) = compiler.Current;
            bag.Error(RuleDiagnosticCodes.ExpressionTooLarge, text, where ?? new SourceRef(list.Count > 0 ? list[0].Name : string.Empty, "$", 1, 1), workflow, rule);
            return new RuleLoadResult(null, bag.Items, hash);
        }

        if (bag.HasErrors)
        {
            return new RuleLoadResult(null, bag.Items, hash);
        }

        var set = new RuleSet(parts, workflows, bag.Items, hash);
        return new RuleLoadResult(set, bag.Items, hash);
    }

    /// <summary>Why a file could not be read, in our words (never the exception's text, which is .NET's and English only).</summary>
    private static DiagnosticText UnreadableText(string path, Exception e) => e switch
    {
        _ when Directory.Exists(path) => DiagnosticStrings.Text("FileUnreadable_Folder"),
        FileNotFoundException or DirectoryNotFoundException => DiagnosticStrings.Text("FileUnreadable_NotFound"),
        UnauthorizedAccessException => DiagnosticStrings.Text("FileUnreadable_Denied"),
        PathTooLongException or ArgumentException or NotSupportedException => DiagnosticStrings.Text("FileUnreadable_BadPath"),
        _ => DiagnosticStrings.Text("FileUnreadable_Io"),
    };

    private static List<WorkflowDefinition> Parse(RuleSource source, DiagnosticBag bag, RuleLoadOptions options)
    {
        if (source.Content.Length > options.MaxFileBytes)
        {
            bag.Error(RuleDiagnosticCodes.FileTooLarge, TooLargeMessage(source.Content.Length, options), new SourceRef(source.Name, string.Empty, 1, 1));
            return [];
        }

        var raw = source.Content.Span;
        var decoded = StrictTextDecoder.Decode(raw, options.Encoding);
        if (decoded.Problem is { } problem)
        {
            bag.Error(RuleDiagnosticCodes.InvalidEncoding, EncodingText(problem, raw, options), new SourceRef(source.Name, string.Empty, problem.Line, problem.Column));
            return [];
        }

        // Strict UTF-8 input is read as it is; text decoded from another encoding is read as its UTF-8 form (same lines and columns).
        var bytes = decoded.EncodingName == "utf-8" ? raw : Encoding.UTF8.GetBytes(decoded.Text!);
        JNode root;
        try
        {
            root = JsonNodeReader.Read(bytes);
        }
        catch (JsonException e)
        {
            var (line, col) = JsonNodeReader.LocateError(bytes, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            bag.Error(RuleDiagnosticCodes.InvalidJson, JsonText(e, decoded.Text ?? Encoding.UTF8.GetString(bytes), line, col), new SourceRef(source.Name, string.Empty, line, col));
            return [];
        }

        return new RuleFileParser(source.Name, bag).Parse(root);
    }

    /// <summary>
    /// Says in plain words, in both languages, what is wrong with the JSON at the reader's position: the file ends too early, a
    /// comma before a closing bracket, a character that does not belong there, too deep nesting or an escape that is not text
    /// (the reader's own message is for programmers).
    /// </summary>
    private static DiagnosticText JsonText(JsonException e, string text, int line, int column)
    {
        if (e.Message.StartsWith("A string holds an invalid escape", StringComparison.Ordinal))
        {
            return DiagnosticStrings.Text("InvalidJson_Escape");
        }

        if (e.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            return DiagnosticStrings.Text("InvalidJson_TooDeep", 64);
        }

        var at = OffsetOf(text, line, column);
        if (at >= text.Length || text.AsSpan(at).Trim().IsEmpty)
        {
            return DiagnosticStrings.Text("InvalidJson_End");
        }

        var c = text[at];
        var before = text.AsSpan(0, at).TrimEnd();
        if (c is ']' or '}' && before.EndsWith(","))
        {
            return DiagnosticStrings.Text("InvalidJson_TrailingComma", c);
        }

        var shown = char.IsSurrogate(c) && at + 1 < text.Length ? text.Substring(at, 2) : c.ToString();
        return DiagnosticStrings.Text("InvalidJson_Unexpected", shown);
    }

    /// <summary>The index in <paramref name="text"/> of a 1-based line and character column (the text's length when beyond it).</summary>
    private static int OffsetOf(string text, int line, int column)
    {
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var l = 1; l < line && i < text.Length; l++)
        {
            var next = text.IndexOf('\n', i);
            i = next < 0 ? text.Length : next + 1;
        }

        return Math.Min(text.Length, i + Math.Max(0, column - 1));
    }

    /// <summary>What the bytes look like instead of the expected encoding, in both languages.</summary>
    private static DiagnosticText EncodingText(TextDecodingProblem problem, ReadOnlySpan<byte> raw, RuleLoadOptions options)
    {
        var shown = problem.ByteOffset >= 0 && problem.ByteOffset < raw.Length
            ? "0x" + raw[(int)problem.ByteOffset].ToString("X2", CultureInfo.InvariantCulture)
            : "?";
        return problem.LikelyEncoding switch
        {
            "gb18030" => DiagnosticStrings.Text("InvalidEncoding_Gbk"),
            { } likely when likely.StartsWith("utf-16", StringComparison.OrdinalIgnoreCase) => DiagnosticStrings.Text("InvalidEncoding_Utf16", likely),
            _ when options.Encoding is { } expected && expected.CodePage != Encoding.UTF8.CodePage => DiagnosticStrings.Text("InvalidEncoding_Other", expected.WebName, shown),
            _ => DiagnosticStrings.Text("InvalidEncoding_Utf8", shown),
        };
    }

    private static string TooLargeMessage(long length, RuleLoadOptions options)
        => string.Create(CultureInfo.InvariantCulture, $"The file is larger than {options.MaxFileBytes} bytes ({options.MaxFileBytes / 1024} KiB), the most a rule file may have ({length} bytes or more). Split it into several files.");

    private static string Hash(List<RuleSource> sources)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var s in sources)
        {
            if (sources.Count > 1)
            {
                sha.AppendData(Encoding.UTF8.GetBytes(s.Name + "\n"));
            }

            sha.AppendData(s.Content.Span);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
