namespace CrmCore.Cli.Input;

/// <summary>A row read from a file together with the line it came from.</summary>
/// <typeparam name="TRow">The row model.</typeparam>
/// <param name="Line">The 1-based line where the row starts.</param>
/// <param name="Row">The row.</param>
internal sealed record SourceRow<TRow>(int Line, TRow Row);
