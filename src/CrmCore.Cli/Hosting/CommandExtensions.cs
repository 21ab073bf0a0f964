using System.CommandLine;
using System.Text;
using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Hosting;

/// <summary>Wires command actions to a <see cref="CliContext"/> and turns expected failures into exit codes.</summary>
internal static class CommandExtensions
{
    /// <summary>Sets the action of a command; a <c>--store postgresql:</c> connection string that cannot be read is a usage error (exit
    /// code 2) before the action runs; a <see cref="CliException"/> becomes its message and exit code, a failure of the opened desk store
    /// (unreachable, login refused...) one plain line naming it with the password masked and the cause (<see cref="Commands.StoreErrors"/>)
    /// and exit code 1, a file the system would not read or write a file error with exit code 1.</summary>
    public static void SetCliAction(this Command command, ICliConsole console, Func<CliContext, ParseResult, int> action)
    {
        command.SetAction(parse =>
        {
            var language = CliLanguage.FromName(parse.GetValue<string>(GlobalOptions.LanguageName)) ?? CliLanguage.FromCulture(console.UiCulture);
            var context = new CliContext(console, language) { InputEncoding = ValueIn<Encoding?>(parse, EncodingOption.Name), EscalationFile = ValueIn<string?>(parse, EscalationOption.Name) };
            try
            {
                if (ValueIn<string>(parse, "--store") is { } store && store.StartsWith("postgresql:", StringComparison.Ordinal)
                    && Commands.StoreErrors.ConnectionStringProblem(context.Language, "--store", store["postgresql:".Length..]) is { } problem)
                {
                    // Checked before anything is read or written: a connection string Npgsql cannot read is the command line's mistake.
                    context.WriteError(problem);
                    return ExitCodes.Usage;
                }

                return action(context, parse);
            }
            catch (CliException ex)
            {
                context.WriteError(ex.Message);
                return ex.ExitCode;
            }
            catch (Exception ex) when (Commands.StoreErrors.Describe(context, ex) is { } message)
            {
                // The store the user named cannot be opened or used: the user's to mend, said as such (never an internal error).
                context.WriteError(message);
                return ExitCodes.InvalidInput;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A file the system would not read or write (a path through a file, a full disk...): the user's to mend, not an internal error.
                // The cause in the user's language; .NET's text, which names the file, on a detail line.
                var cause = OutputPaths.Cause(context, ex) ?? OutputPaths.UnnamedCause(context, ex);
                context.WriteError(OutputPaths.WithDetail(context, context.T(StoreMessages.FileProblem, cause), ex));
                return ExitCodes.InvalidInput;
            }
        });
    }

    /// <summary>The value of a per-command option (<see cref="EncodingOption"/>, <see cref="EscalationOption"/>) given to the command that
    /// runs; default when it was not given or the command does not take it.</summary>
    private static T? ValueIn<T>(ParseResult parse, string name) =>
        parse.CommandResult.Command.Options.OfType<Option<T>>().FirstOrDefault(o => o.Name == name) is { } option ? parse.GetValue(option) : default;
}
