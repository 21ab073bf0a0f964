using System.Globalization;
using System.Text.Json;

namespace CrmCore.Access;

/// <summary>A JSON value with the line and column where it starts, read by <see cref="Parse"/> (bounded depth and size).</summary>
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

    /// <summary>Parses <paramref name="bytes"/>; throws <see cref="JsonException"/> with line and column on bad JSON.</summary>
    public static PolicyJsonNode Parse(byte[] bytes, int maxDepth)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = maxDepth });
        if (!reader.Read())
        {
            throw new JsonException("The text is empty.", null, 0, 0);
        }

        var lines = LineStarts(bytes);
        var node = Read(ref reader, bytes, lines);
        if (reader.Read())
        {
            // Reported as JsonException reports positions (0-based line, UTF-8 byte in it), like the reader's own errors.
            var (line, _) = Position(bytes, lines, reader.TokenStartIndex);
            throw new JsonException("Unexpected text after the policy object.", null, line - 1, reader.TokenStartIndex - lines[line - 1]);
        }

        return node;
    }

    private static PolicyJsonNode Read(ref Utf8JsonReader reader, byte[] bytes, List<int> lines)
    {
        var (line, column) = Position(bytes, lines, reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new PolicyJsonNode(JsonTokenType.StartObject, line, column);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    node.Members.Add((key, Read(ref reader, bytes, lines)));
                }

                return node;
            }

            case JsonTokenType.StartArray:
            {
                var node = new PolicyJsonNode(JsonTokenType.StartArray, line, column);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    node.Items.Add(Read(ref reader, bytes, lines));
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

    private static List<int> LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static (int Line, int Column) Position(byte[] bytes, List<int> lines, long offset)
    {
        var index = lines.BinarySearch((int)offset);
        var line = index >= 0 ? index : ~index - 1;
        var column = 1;
        for (var i = lines[line]; i < offset && i < bytes.Length; i++)
        {
            if ((bytes[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line + 1, column);
    }
}
