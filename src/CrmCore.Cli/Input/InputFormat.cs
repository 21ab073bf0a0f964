namespace CrmCore.Cli.Input;

/// <summary>The file formats accepted for customers, tickets and surveys.</summary>
internal enum InputFormat
{
    /// <summary>Comma-separated values with a header row of fact names (<c>.csv</c>).</summary>
    Csv,

    /// <summary>A JSON array of objects (<c>.json</c>).</summary>
    Json,

    /// <summary>One JSON object per line (<c>.jsonl</c>, <c>.ndjson</c>).</summary>
    JsonLines,
}
