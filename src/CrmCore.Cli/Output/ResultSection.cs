using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Output;

/// <summary>A titled table among several printed by one command.</summary>
/// <param name="Key">The stable key: JSON property, CSV <c>section</c> value.</param>
/// <param name="Title">The localized title shown above the table.</param>
/// <param name="Table">The rows.</param>
internal sealed record ResultSection(string Key, Msg Title, ResultTable Table);
