using System.Text;

namespace CrmCore.Rules;

/// <summary>One rule file's name and UTF-8 content (a BOM is allowed). Immutable.</summary>
public sealed class RuleSource
{
    private readonly byte[] _content;

    private RuleSource(string name, byte[] content)
    {
        Name = name;
        _content = content;
    }

    /// <summary>The name used in diagnostics (usually the file path).</summary>
    public string Name { get; }

    /// <summary>The raw bytes.</summary>
    public ReadOnlyMemory<byte> Content => _content;

    /// <summary>Creates a source from text.</summary>
    /// <param name="name">The name used in diagnostics.</param>
    /// <param name="json">The JSON text.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static RuleSource FromText(string name, string json)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(json);
        return new RuleSource(name, Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Creates a source from UTF-8 bytes (with or without BOM). The bytes are copied.</summary>
    /// <param name="name">The name used in diagnostics.</param>
    /// <param name="utf8">The bytes.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public static RuleSource FromBytes(string name, ReadOnlySpan<byte> utf8)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new RuleSource(name, utf8.ToArray());
    }
}
