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
                bag.Error(RuleDiagnosticCodes.FileUnreadable, $"The file could not be read: {e.Message}", new SourceRef(path, string.Empty, 0, 0));
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
            bag.Error(RuleDiagnosticCodes.MissingRequired, "No workflow found.", new SourceRef(list.Count > 0 ? list[0].Name : string.Empty, "$", 1, 1));
        }

        CompiledRuleSetParts parts;
        try
        {
            parts = new RuleSetCompiler(bag, options).Compile(workflows);
        }
        catch (Exception e) when (e is InsufficientExecutionStackException or InvalidOperationException or ArgumentException or NotSupportedException or OverflowException)
        {
            // A last line of defence: the limits are meant to make this unreachable, but a host must get a result, not a throw.
            bag.Error(RuleDiagnosticCodes.ExpressionTooLarge, $"The rules could not be compiled: {e.Message}", new SourceRef(list.Count > 0 ? list[0].Name : string.Empty, "$", 1, 1));
            return new RuleLoadResult(null, bag.Items, hash);
        }

        if (bag.HasErrors)
        {
            return new RuleLoadResult(null, bag.Items, hash);
        }

        var set = new RuleSet(parts, workflows, bag.Items, hash);
        return new RuleLoadResult(set, bag.Items, hash);
    }

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
            bag.Error(RuleDiagnosticCodes.InvalidEncoding, $"The file is {problem.Message}.", new SourceRef(source.Name, string.Empty, problem.Line, problem.Column));
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
            var msg = e.Message;
            var cut = msg.IndexOf(" LineNumber:", StringComparison.Ordinal);
            bag.Error(RuleDiagnosticCodes.InvalidJson, $"The file is not valid JSON: {(cut > 0 ? msg[..cut] : msg)}", new SourceRef(source.Name, string.Empty, line, col));
            return [];
        }

        return new RuleFileParser(source.Name, bag).Parse(root);
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
