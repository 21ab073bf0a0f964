using System.Globalization;
using System.Text.Json;
using CrmCore.Decoding;

namespace CrmCore.Access;

/// <summary>A JSON value with the 1-based line and UTF-16 column where it starts (<see cref="LineIndex"/>), read by <see cref="Parse"/>
/// (bounded depth and size).</summary>
internal sealed class PolicyJsonNode
{
    private PolicyJsonNode(JsonTokenType kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    public JsonTokenType Kind { get; }

    public int Line { get; }

    public int Column { get; }

    public string? Text { get; private init; }

    public List<(string Key, PolicyJsonNode Value)> Members { get; } = [];

    public List<PolicyJsonNode> Items { get; } = [];

    public string Where(string source) => string.Create(CultureInfo.InvariantCulture, $"{source}:{Line}:{Column}");

    /// <summary>Parses <paramref name="bytes"/>; throws <see cref="JsonException"/> with line and byte position on bad JSON (including
    /// nesting deeper than <paramref name="maxDepth"/> and any text after the value but whitespace and comments). Positions are
    /// <see cref="LineIndex"/>'s: 1-based, columns in UTF-16 characters.</summary>
    public static PolicyJsonNode Parse(byte[] bytes, int maxDepth)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = maxDepth });
        if (!reader.Read())
        {
            throw new JsonException("The text is empty.", null, 0, 0);
        }

        var node = Read(ref reader, new LineIndex(bytes));

        // The reader itself throws for anything after the root value but whitespace and comments (one value per text).
        reader.Read();
        return node;
    }

    private static PolicyJsonNode Read(ref Utf8JsonReader reader, LineIndex lines)
    {
        var (line, column) = lines.Position(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new PolicyJsonNode(JsonTokenType.StartObject, line, column);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    node.Members.Add((key, Read(ref reader, lines)));
                }

                return node;
            }

            case JsonTokenType.StartArray:
            {
                var node = new PolicyJsonNode(JsonTokenType.StartArray, line, column);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    node.Items.Add(Read(ref reader, lines));
                }

                return node;
            }

            case JsonTokenType.String:
                return new PolicyJsonNode(JsonTokenType.String, line, column) { Text = reader.GetString() };
            default:
                return new PolicyJsonNode(reader.TokenType, line, column) { Text = Encoding(reader) };
        }
    }

    private static string Encoding(Utf8JsonReader reader) => System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
}
