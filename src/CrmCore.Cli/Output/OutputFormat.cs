namespace CrmCore.Cli.Output;

/// <summary>How result rows are printed (<c>--output</c>).</summary>
internal enum OutputFormat
{
    /// <summary>A text table for people (Spectre.Console); no colours when redirected.</summary>
    Table,

    /// <summary>An indented JSON array of objects, UTF-8 without escaping of Chinese text.</summary>
    Json,

    /// <summary>RFC 4180 CSV with a header of stable English column keys; lists joined with <c>;</c>.</summary>
    Csv,
}
