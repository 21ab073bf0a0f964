using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmCore.Rules.Compilation;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Loading;

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
        var sources = new List<RuleSource>();
        var bag = new DiagnosticBag();
        foreach (var path in paths)
        {
            try
            {
                sources.Add(RuleSource.FromBytes(path, File.ReadAllBytes(path)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                bag.Error(RuleDiagnosticCodes.FileUnreadable, $"The file could not be read: {e.Message}", new SourceRef(path, string.Empty, 0, 0));
            }
        }

        return bag.HasErrors ? new RuleLoadResult(null, bag.Items, string.Empty) : Load(sources, options);
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
            workflows.AddRange(Parse(source, bag));
        }

        var hash = Hash(list);
        if (workflows.Count == 0 && !bag.HasErrors)
        {
            bag.Error(RuleDiagnosticCodes.MissingRequired, "No workflow found.", new SourceRef(list.Count > 0 ? list[0].Name : string.Empty, "$", 1, 1));
        }

        var parts = new RuleSetCompiler(bag, options).Compile(workflows);
        if (bag.HasErrors)
        {
            return new RuleLoadResult(null, bag.Items, hash);
        }

        var set = new RuleSet(parts, workflows, bag.Items, hash);
        return new RuleLoadResult(set, bag.Items, hash);
    }

    private static List<WorkflowDefinition> Parse(RuleSource source, DiagnosticBag bag)
    {
        JNode root;
        var bytes = source.Content.Span;
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
