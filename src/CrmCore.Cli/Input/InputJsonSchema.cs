using System.Text.Json.Nodes;

namespace CrmCore.Cli.Input;

/// <summary>Writes the JSON Schema (draft 2020-12) of one input row, derived from its <see cref="RowSchema{TRow}"/>.</summary>
internal static class InputJsonSchema
{
    /// <summary>Builds the schema of one row object (a line of a <c>.jsonl</c> file, an item of a <c>.json</c> array).</summary>
    public static JsonObject Build<TRow>(RowSchema<TRow> schema)
    {
        var properties = new JsonObject();
        foreach (var field in schema.Fields)
        {
            var property = TypeOf(field);
            property["description"] = field.Description;
            properties[field.Name] = property;
        }

        var required = new JsonArray(schema.Fields.Where(f => f.Required).Select(f => (JsonNode)JsonValue.Create(f.Name)!).ToArray());
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://crmcore.invalid/schemas/{schema.Name}.schema.json",
            ["title"] = schema.Title,
            ["description"] = $"One row of a {schema.Name} file: an item of a .json array, or one line of a .jsonl file. CSV files use the same names as headers.",
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = required,
            ["additionalProperties"] = false,
        };
    }

    private static JsonObject TypeOf(FieldSpec field)
    {
        var node = field.Kind switch
        {
            FieldKind.Text => new JsonObject { ["type"] = "string", ["minLength"] = field.Required ? 1 : 0 },
            FieldKind.Integer => new JsonObject { ["type"] = "integer" },
            FieldKind.Decimal => new JsonObject { ["type"] = "number" },
            FieldKind.Date => new JsonObject { ["type"] = "string", ["format"] = "date" },
            FieldKind.Instant => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            FieldKind.DateOrInstant => new JsonObject
            {
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["type"] = "string", ["format"] = "date" },
                    new JsonObject { ["type"] = "string", ["format"] = "date-time" }),
            },
            FieldKind.Boolean => new JsonObject { ["type"] = "boolean" },
            FieldKind.TextList => new JsonObject
            {
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                    new JsonObject { ["type"] = "string", ["description"] = "Items separated by ';' or '|'." }),
            },
            FieldKind.Urgency => Enumeration(FieldParser.UrgencyNames),
            FieldKind.TicketStatus => Enumeration(FieldParser.StatusNames),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Kind, "Unknown field kind."),
        };

        if (field.Minimum is { } min)
        {
            node["minimum"] = min;
        }

        if (field.Maximum is { } max)
        {
            node["maximum"] = max;
        }

        return node;
    }

    private static JsonObject Enumeration(IEnumerable<string> names) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray(names.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()) };
}
