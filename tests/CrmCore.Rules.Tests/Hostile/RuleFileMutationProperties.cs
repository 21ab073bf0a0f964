using System.Text;
using CrmCore.Rules.Facts;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Rules.Tests.Hostile;

/// <summary>Random byte mutations of valid rule files never throw out of the library; what loads also evaluates and explains.</summary>
public class RuleFileMutationProperties
{
    private static readonly byte[][] Packs = DefaultRulePack.FileNames.Select(n => DefaultRulePack.GetSource(n).Content.ToArray()).ToArray();

    private static readonly byte[][] Inserts =
    [
        [0xFF], [0xC3], [0xB4, 0xF3], [0xE4, 0xB8], .. new[] { "\\ud800", "\\u0000", "\"", "{", "[", "]", "((((", "!!!!", "* 2147483647 * 2147483647", "Tags.Sum(a => Tags.Sum(b => Tags.Sum(c => 1)))", "\"Points\":1,\"Points\":2," }.Select(Encoding.UTF8.GetBytes),
    ];

    [Property(MaxTest = 300)]
    public Property Load_ByteMutationOfAPackFile_NeverThrowsAndLoadedSetsRun()
    {
        var gen =
            from file in Gen.Elements(Packs)
            from pos in Gen.Choose(0, 4000)
            from cut in Gen.Choose(0, 6)
            from flip in Gen.Choose(0, 255)
            from insert in Gen.Elements(Inserts)
            from mode in Gen.Choose(0, 2)
            select Mutate(file, pos, cut, (byte)flip, insert, mode);
        return Prop.ForAll(Arb.From(gen), bytes =>
        {
            var result = RuleLoader.Load([RuleSource.FromBytes("mutated.json", bytes)]);
            Assert.Equal(result.Success, !result.Errors.Any());
            Assert.All(result.Diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
            Assert.All(result.Errors, d => Assert.True(d.Line >= 0));
            if (result.RuleSet is { } set)
            {
                var facts = CustomerFacts.From(new CustomerFactsInput { AnnualRevenue = 1e6m, Employees = int.MaxValue, Tags = ["a"] }, TestFacts.Now, TestFacts.Zone);
                _ = set.EvaluateCustomer(facts);
                _ = set.ExplainCustomer(facts);
                _ = set.Classify(facts);
            }
        });
    }

    private static byte[] Mutate(byte[] file, int pos, int cut, byte flip, byte[] insert, int mode)
    {
        var at = Math.Min(pos, file.Length - 1);
        var list = file.ToList();
        switch (mode)
        {
            case 0:
                list[at] = flip;
                break;
            case 1:
                list.RemoveRange(at, Math.Min(cut, list.Count - at));
                list.InsertRange(at, insert);
                break;
            default:
                list.InsertRange(at, insert);
                break;
        }

        return [.. list];
    }
}
