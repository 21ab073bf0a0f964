using System.CommandLine;
using System.Globalization;
using CrmCore.Cli.Commands;
using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Hosting;

/// <summary>
/// Builds the <c>crm</c> command tree and runs it against an <see cref="ICliConsole"/>. The same entry point serves
/// the real process and in-process tests.
/// </summary>
internal static class CliApplication
{
    /// <summary>Parses and runs a command line; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(IReadOnlyList<string> args, ICliConsole console)
    {
        var language = CliLanguage.FromArguments(args, console.UiCulture);
        WriteLanguageNote(args, console);
        var previousUi = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language.Culture;
        try
        {
            var root = BuildRoot(console);
            HelpTexts.Localize(root, language.IsChinese);

            var parse = root.Parse(HelpRequest(args));
            if (parse.Errors.Count > 0)
            {
                var context = new CliContext(console, language);
                foreach (var error in parse.Errors)
                {
                    context.WriteError(UsageErrorTexts.In(error.Message, language));
                }

                console.Error.WriteLine(context.T(Messages.UsageHint, CommandPath(parse.CommandResult.Command)));
                return ExitCodes.Usage;
            }

            if (parse.Action is System.CommandLine.Help.HelpAction && language.IsChinese)
            {
                // System.CommandLine's Chinese texts leave a few help labels and the usage line's placeholders in English: the help is
                // written aside, they are replaced and the columns aligned again for the Chinese characters' width.
                using var help = new StringWriter(CultureInfo.InvariantCulture);
                var code = parse.Invoke(new InvocationConfiguration { Output = help, Error = console.Error, EnableDefaultExceptionHandler = false });
                console.Out.Write(HelpLabels.Chinese(help.ToString(), HelpTexts.UsagePlaceholders(root)));
                return code;
            }

            return parse.Invoke(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
#pragma warning disable CA1031 // The process boundary: any unexpected failure becomes a message and exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // A CrmCore exception has its text in the run's language (every CrmException is worded in English and zh-Hans).
            var context = new CliContext(console, language);
            context.WriteError(context.T(Messages.InternalError, ex is CrmException crm ? crm.LocalizedMessage(language.Culture) : ex.Message));
            return ExitCodes.InvalidInput;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    /// <summary>
    /// Says on standard error, in one line, that a <c>--lang</c> culture without texts of its own (Traditional Chinese, or another language)
    /// reads English, so the fallback is not silent. The note is in the language of the user's UI culture: the language crm would speak
    /// without <c>--lang</c>.
    /// </summary>
    private static void WriteLanguageNote(IReadOnlyList<string> args, ICliConsole console)
    {
        if (CliLanguage.CultureOf(CliLanguage.ValueIn(args)) is { } asked && CliLanguage.FallbackNote(asked) is { } note)
        {
            console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, note.In(CliLanguage.FromCulture(console.UiCulture)), asked.Name));
        }
    }

    /// <summary>Builds the root command with every subcommand.</summary>
    public static RootCommand BuildRoot(ICliConsole console)
    {
        var root = new RootCommand("crm: validate, try, explain and diff CrmCore rules; tag customers; business calendars; monthly reports.")
        {
            GlobalOptions.Language(),
        };
        root.Add(RulesCommands.Create(console));
        root.Add(TagCommand.Create(console));
        root.Add(CalendarCommands.Create(console));
        root.Add(ReportCommand.Create(console));
        root.Add(PlanCommand.Create(console));
        root.Add(SchemaCommand.Create(console));
        root.Add(DataCommand.Create(console));
        root.Add(DbCommand.Create(console));
        root.Add(AuditCommand.Create(console));
        root.Add(ImportCommand.CreateImport(console));
        root.Add(ImportCommand.CreateExport(console));
        NumberOptions.ReadAll(root);
        return root;
    }

    /// <summary>
    /// <c>crm</c> alone and <c>crm help [command...]</c> print the help (of the root or of that command); <c>--lang</c> is kept.
    /// </summary>
    internal static IReadOnlyList<string> HelpRequest(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        var lang = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Count)
            {
                lang.Add(args[i]);
                lang.Add(args[++i]);
            }
            else if (args[i].StartsWith("--lang=", StringComparison.Ordinal) || args[i].StartsWith("--lang:", StringComparison.Ordinal))
            {
                lang.Add(args[i]);
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if (rest.Count == 0)
        {
            return [.. lang, "--help"];
        }

        return rest[0] == "help" ? [.. rest.Skip(1), .. lang, "--help"] : args;
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c; s = c.Parents.FirstOrDefault())
        {
            names.Add(c is RootCommand ? "crm" : c.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
