using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Cli.Input;

/// <summary>The parsed values of one row, keyed by field name; absent or empty values are missing.</summary>
internal sealed class RowValues
{
    private const string WrittenSuffix = "\u0000written";

    private readonly Dictionary<string, object> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Stores a parsed value.</summary>
    public void Set(string field, object value) => _values[field] = value;

    /// <summary>Keeps the text of an instant as written (with its offset, or a bare date), for writing the row back.</summary>
    public void SetWritten(string field, string text) => _values[field + WrittenSuffix] = text;

    /// <summary>The text of an instant as written in the file; null when absent.</summary>
    public string? Written(string field) => Get<string>(field + WrittenSuffix);

    /// <summary>Gets a value indicating whether the field has a value.</summary>
    public bool Has(string field) => _values.ContainsKey(field);

    public string? Text(string field) => Get<string>(field);

    public string RequiredText(string field) =>
        Get<string>(field) ?? throw new InvalidOperationException($"Required field '{field}' was not validated.");

    public int? Integer(string field) => GetValue<int>(field);

    public decimal? Decimal(string field) => GetValue<decimal>(field);

    public LocalDate? Date(string field) => GetValue<LocalDate>(field);

    public Instant? Instant(string field) => GetValue<Instant>(field);

    public Instant RequiredInstant(string field) =>
        GetValue<Instant>(field) ?? throw new InvalidOperationException($"Required field '{field}' was not validated.");

    public bool? Boolean(string field) => GetValue<bool>(field);

    public IReadOnlyList<string> List(string field) => Get<IReadOnlyList<string>>(field) ?? [];

    public Urgency? Urgency(string field) => GetValue<Urgency>(field);

    public TicketStatus? Status(string field) => GetValue<TicketStatus>(field);

    private T? Get<T>(string field)
        where T : class => _values.TryGetValue(field, out var v) ? (T)v : null;

    private T? GetValue<T>(string field)
        where T : struct => _values.TryGetValue(field, out var v) ? (T)v : null;
}
