namespace CrmCore.Cli.Input;

/// <summary>One column of an input file: its fact name, kind, whether it is required and its allowed range.</summary>
/// <param name="Name">The column (CSV header) or property (JSON) name; matched case-insensitively.</param>
/// <param name="Kind">The kind of value.</param>
/// <param name="Description">A one-line English description used in the JSON Schema and in docs.</param>
internal sealed record FieldSpec(string Name, FieldKind Kind, string Description)
{
    /// <summary>Gets a value indicating whether a row without this value is rejected. Default <see langword="false"/>.</summary>
    public bool Required { get; init; }

    /// <summary>Gets other accepted names for the column, e.g. the rules fact name. Default: none.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Gets the smallest allowed number (inclusive), or <see langword="null"/> for no bound.</summary>
    public decimal? Minimum { get; init; }

    /// <summary>Gets the largest allowed number (inclusive), or <see langword="null"/> for no bound.</summary>
    public decimal? Maximum { get; init; }

    /// <summary>
    /// Gets the instant field this one may not come before (a ticket's <c>ResolvedAt</c> is not before its <c>RaisedAt</c>), or
    /// <see langword="null"/> for none. A row where both are given and this one is earlier is rejected (CLI109), by every command.
    /// </summary>
    public string? NotBefore { get; init; }
}
