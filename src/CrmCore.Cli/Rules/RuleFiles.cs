using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Rules;

namespace CrmCore.Cli.Rules;

/// <summary>Turns rule arguments (files, or folders of <c>*.json</c> files) into sources named as the user wrote them.</summary>
internal static class RuleFiles
{
    /// <summary>Reads every rule file named by the arguments; a folder contributes its <c>*.json</c> files in name order.</summary>
    /// <exception cref="CliException">A file or folder does not exist.</exception>
    public static IReadOnlyList<RuleSource> Read(CliContext context, IEnumerable<string> arguments)
    {
        var sources = new List<RuleSource>();
        foreach (var argument in arguments)
        {
            var full = context.ResolvePath(argument);
            if (Directory.Exists(full))
            {
                foreach (var file in Directory.GetFiles(full, "*.json").Order(StringComparer.Ordinal))
                {
                    var shown = Path.Join(argument, Path.GetFileName(file));
                    sources.Add(RuleSource.FromBytes(shown, ReadBounded(context, file, shown)));
                }
            }
            else if (File.Exists(full))
            {
                sources.Add(RuleSource.FromBytes(argument, ReadBounded(context, full, argument)));
            }
            else
            {
                throw new CliException(context.T(Messages.FileNotFound, argument));
            }
        }

        return sources;
    }

    /// <summary>The load options of the command line: the defaults, with <c>--encoding</c> when given and the escalation ladders
    /// of <c>--escalation</c> (or documents 001 and 003).</summary>
    public static RuleLoadOptions Options(CliContext context) =>
        RuleLoadOptions.Default with { Encoding = context.InputEncoding, EscalationLadders = context.EscalationLadders() };

    /// <summary>
    /// Reads a file, but never more than one byte over the largest allowed rule file: a huge file is then reported (CRM042)
    /// by the loader without being read whole.
    /// </summary>
    private static byte[] ReadBounded(CliContext context, string full, string shown)
    {
        try
        {
            using var stream = File.OpenRead(full);
            var limit = RuleLoadOptions.Default.MaxFileBytes + 1L;
            var buffer = new byte[(int)Math.Min(stream.Length, limit)];
            stream.ReadExactly(buffer);
            return buffer;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The exception's text is .NET's, in English only: the reason is said in our words, in the chosen language, as for every file.
            throw new CliException(context.ReadFailure(shown, ex));
        }
    }

    /// <summary>
    /// Loads a rule set for running (test, explain, diff, tag). Errors are printed in compiler style to standard error
    /// and end the command with exit code 1; warnings are printed and the set is used.
    /// </summary>
    public static RuleSet Load(CliContext context, string argument)
    {
        var result = RuleLoader.Load(Read(context, [argument]), Options(context));
        foreach (var diagnostic in result.Diagnostics)
        {
            context.Error.WriteLine(DiagnosticFormatter.Format(diagnostic, context.Language));
        }

        return result.RuleSet ?? throw new CliException(context.T(Messages.RulesDidNotLoad, argument, result.Errors.Count()));
    }
}
