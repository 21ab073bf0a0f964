using System.CommandLine;
using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Hosting;

/// <summary>Wires command actions to a <see cref="CliContext"/> and turns expected failures into exit codes.</summary>
internal static class CommandExtensions
{
    /// <summary>Sets the action of a command; a <see cref="CliException"/> becomes its message and exit code.</summary>
    public static void SetCliAction(this Command command, ICliConsole console, Func<CliContext, ParseResult, int> action)
    {
        command.SetAction(parse =>
        {
            var language = CliLanguage.FromName(parse.GetValue(GlobalOptions.Language)) ?? CliLanguage.FromCulture(console.UiCulture);
            var context = new CliContext(console, language) { InputEncoding = EncodingOption.ValueIn(parse), EscalationFile = EscalationOption.ValueIn(parse) };
            try
            {
                return action(context, parse);
            }
            catch (CliException ex)
            {
                context.WriteError(ex.Message);
                return ex.ExitCode;
            }
        });
    }
}
