using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Output;

/// <summary>A result column: a stable key (JSON property, CSV header) and a localized table heading.</summary>
/// <param name="Key">The stable English key, e.g. <c>tier</c>.</param>
/// <param name="Heading">The table heading.</param>
internal sealed record ResultColumn(string Key, Msg Heading);
