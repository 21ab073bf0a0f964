using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Input;

/// <summary>A localizable detail: a message and its (culture-invariant) arguments.</summary>
/// <param name="Message">The message.</param>
/// <param name="Arguments">The placeholder values.</param>
internal sealed record Detail(Msg Message, params string[] Arguments)
{
    /// <summary>Formats the detail in a language.</summary>
    public string In(CliLanguage language) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Message.In(language), Arguments);
}
