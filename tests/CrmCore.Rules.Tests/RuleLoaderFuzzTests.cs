using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Rules.Tests;

/// <summary>Whatever the bytes, loading returns a result with diagnostics and never throws.</summary>
public class RuleLoaderFuzzTests
{
    private static readonly string[] PackTexts = DefaultRulePack.FileNames
        .Select(n => Encoding.UTF8.GetString(DefaultRulePack.GetSource(n).Content.Span))
        .ToArray();

    private static readonly string[] Snippets = ["{", "}", "[", "]", "\"", ",", ":", "null", "1e999", "\"Rules\"", "\"Operator\":\"or\"", "customer.", "(", "\\u0000", "高", "true", "-", "\"Properties\":{\"Points\":\"x\"}"];

    [Property(MaxTest = 300)]
    public Property Load_MutatedPackFile_NeverThrowsAndFailuresHaveErrors()
    {
        var gen =
            from text in Gen.Elements(PackTexts)
            from pos in Gen.Choose(0, 10_000)
            from cut in Gen.Choose(0, 12)
            from snippet in Gen.Elements(Snippets)
            select Mutate(text, pos, cut, snippet);
        return Prop.ForAll(Arb.From(gen), text =>
        {
            var result = RuleLoader.Load("fuzz.json", text);
            Assert.Equal(result.Success, !result.Errors.Any());
            Assert.All(result.Diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
            Assert.All(result.Diagnostics, d => Assert.DoesNotContain("   at ", d.Message, StringComparison.Ordinal));
        });
    }

    [Property(MaxTest = 200)]
    public Property Load_RandomBytes_NeverThrows() => Prop.ForAll(
        Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i))),
        bytes => !RuleLoader.Load([RuleSource.FromBytes("random.bin", bytes)]).Success);

    private static string Mutate(string text, int pos, int cut, string snippet)
    {
        pos %= text.Length;
        cut = Math.Min(cut, text.Length - pos);
        return text.Remove(pos, cut).Insert(pos, snippet);
    }
}
