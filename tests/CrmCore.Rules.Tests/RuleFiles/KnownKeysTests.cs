using CrmCore.Rules.Loading;

namespace CrmCore.Rules.Tests.RuleFiles;

/// <summary>
/// The "did you mean" behind unknown keys and values: a case-insensitive match wins, else the nearest key by edit distance, and
/// only when it is close enough (at most a third of the typed word's length, at least 1 and at most 3 edits).
/// </summary>
public class KnownKeysTests
{
    [Theory]
    [InlineData("rulename", "RuleName")] // case only: returned in the known spelling
    [InlineData("EXPRESSION", "Expression")]
    [InlineData("Expresion", "Expression")] // one edit
    [InlineData("Oprator", "Operator")]
    [InlineData("SuccesEvnt", "SuccessEvent")] // two edits in ten characters
    [InlineData("Enabld", "Enabled")]
    public void Suggest_CloseKey_IsSuggested(string typed, string expected) => Assert.Equal(expected, KnownKeys.Suggest(typed, KnownKeys.Rule));

    [Theory]
    [InlineData("Zzzzzzzzzz")]
    [InlineData("Foo")]
    public void Suggest_FarKey_IsNotSuggested(string typed) => Assert.Null(KnownKeys.Suggest(typed, KnownKeys.Rule));

    [Theory]
    [InlineData("ab", "xy", null)] // two characters allow one edit: two are too many
    [InlineData("ab", "ax", "ax")]
    [InlineData("abcdef", "abcdxy", "abcdxy")] // six characters allow two edits
    [InlineData("abcdef", "abcxyz", null)]
    [InlineData("abcdefghi", "abcdefxyz", "abcdefxyz")] // nine allow three
    [InlineData("abcdefghijklmnop", "abcdefghijklwxyz", null)] // never more than three, however long the word
    [InlineData("abcdefghijklmnop", "abcdefghijklmxyz", "abcdefghijklmxyz")]
    public void Suggest_AllowedEdits_GrowWithTheLengthUpToThree(string typed, string known, string? expected) =>
        Assert.Equal(expected, KnownKeys.Suggest(typed, ["unrelated-and-long", known]));

    [Fact]
    public void Suggest_SeveralCandidates_TakesTheNearestThenTheFirst()
    {
        Assert.Equal("abcd", KnownKeys.Suggest("abcx", ["abxy", "abcd", "abce"]));
        Assert.Equal("Or", KnownKeys.Suggest("or", ["And", "Or", "OrElse"]));
    }

    [Fact]
    public void Keys_AreRulesEnginesPropertyNames()
    {
        Assert.Contains("WorkflowName", KnownKeys.Workflow);
        Assert.Contains("GlobalParams", KnownKeys.Workflow);
        Assert.Contains("RuleName", KnownKeys.Rule);
        Assert.Contains("LocalParams", KnownKeys.Rule);
        Assert.Equal(["Expression", "Name"], KnownKeys.ScopedParam.Order(StringComparer.Ordinal));
        Assert.Equal(["OnFailure", "OnSuccess"], KnownKeys.RuleActions.Order(StringComparer.Ordinal));
        Assert.Equal(["Context", "Name"], KnownKeys.ActionInfo.Order(StringComparer.Ordinal));
        Assert.Equal(["ErrorType", "SuccessMessage"], KnownKeys.Removed);
        Assert.Contains("WorkflowRulesToInject", KnownKeys.Obsolete);
        Assert.DoesNotContain("RuleName", KnownKeys.Obsolete);
    }
}
