using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Storage;

/// <summary>Turns domain events into outbox rows: the event's type name and its public properties as JSON (instants in ISO-8601).</summary>
internal static class OutboxEvents
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new InstantConverter(), new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static List<(string AggregateId, string EventType, string Payload, Instant OccurredAt)> Rows(string aggregateId, IReadOnlyList<IDomainEvent>? events)
    {
        var rows = new List<(string, string, string, Instant)>(events?.Count ?? 0);
        foreach (var e in events ?? [])
        {
            rows.Add((aggregateId, e.GetType().Name, JsonSerializer.Serialize(e, e.GetType(), Options), e.OccurredAt));
        }

        return rows;
    }

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InstantPattern.ExtendedIso.Parse(reader.GetString()!).GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }
}
