using CrmCore.Packaging.Tests.Infrastructure;

namespace CrmCore.Packaging.Tests.Consumer;

/// <summary>The README's "Embedding it" code, read from README.md at test time so the test follows the README.</summary>
internal static class ReadmeExample
{
    /// <summary>The heading of the README section whose first C# block is the embedding example.</summary>
    public const string Heading = "## Embedding it";

    /// <summary>The first <c>```csharp</c> block under <see cref="Heading"/> in README.md.</summary>
    public static string Code()
    {
        var path = Path.Combine(RepoPaths.Root, "README.md");
        var lines = TextDiff.Split(File.ReadAllText(path));
        var section = Array.FindIndex(lines, l => l.TrimEnd() == Heading);
        if (section < 0)
        {
            throw new InvalidOperationException($"{path}: no '{Heading}' section.");
        }

        var open = Array.FindIndex(lines, section, l => l.TrimStart().StartsWith("```csharp", StringComparison.Ordinal));
        var nextSection = Array.FindIndex(lines, section + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        if (open < 0 || (nextSection >= 0 && open > nextSection))
        {
            throw new InvalidOperationException($"{path}:{section + 1}: the '{Heading}' section has no ```csharp block.");
        }

        var close = Array.FindIndex(lines, open + 1, l => l.TrimStart().StartsWith("```", StringComparison.Ordinal));
        if (close < 0)
        {
            throw new InvalidOperationException($"{path}:{open + 1}: the ```csharp block is not closed.");
        }

        return string.Join('\n', lines[(open + 1)..close]) + "\n";
    }
}
