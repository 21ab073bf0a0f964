namespace CrmCore.Cli.Localization;

/// <summary>One user-facing message in both languages; composite-format placeholders must match.</summary>
/// <param name="En">The English text.</param>
/// <param name="Zh">The Simplified Chinese text.</param>
internal sealed record Msg(string En, string Zh)
{
    /// <summary>Gets the text for a language.</summary>
    public string In(CliLanguage language) => language.IsChinese ? Zh : En;
}
