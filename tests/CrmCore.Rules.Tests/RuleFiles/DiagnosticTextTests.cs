using System.Text;
using CrmCore.Decoding;
using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Tests.RuleFiles;

/// <summary>
/// Diagnostics in plain words, in English and Chinese from the resources, at the right place, and every problem of a rule reported
/// (QA 16 items 11 and 13).
/// </summary>
public sealed class DiagnosticTextTests
{
    /// <summary>/tmp/qa16/r/syntax.json: a trailing comma after a rule.</summary>
    private const string Syntax = """
        [
          {
            "WorkflowName": "Tagging",
            "Rules": [
              { "RuleName": "A", "SuccessEvent": "a", "Expression": "customer.AnnualRevenue > 10", },
            ]
          }
        """;

    /// <summary>/tmp/qa16/r/types.json.</summary>
    private const string Types = """
        [
          {
            "WorkflowName": "Tagging",
            "Rules": [
              { "RuleName": 5, "SuccessEvent": "a", "Expression": "customer.AnnualRevenue > 10" },
              { "RuleName": "B", "SuccessEvent": ["b"], "Expression": true },
              { "RuleName": "C", "SuccessEvent": "c", "Expression": "customer.AnnualRevenue > \"abc\"" },
              { "RuleName": "D", "SuccessEvent": "d", "Expression": "customer.Name + 1" },
              { "RuleName": "E", "SuccessEvent": "e", "Enabled": "false", "Expression": "true" }
            ]
          }
        ]
        """;

    /// <summary>/tmp/qa16/r/enabled.json.</summary>
    private const string Enabled = """
        [
          {
            "WorkflowName": "Tagging",
            "Rules": [
              { "rulename": "B", "SuccessEvent": "b", "Expression": "customer.AnnualRevenue > 10", "Enabled": "yes" },
              { "RuleName": "C", "SuccessEvent": "c", "Expression": "customer.AnnualRevenue > 10", "Enabled": "yes" }
            ]
          }
        ]
        """;

    [Fact]
    public void Load_TrailingComma_IsPlainCrm001InBothLanguages()
    {
        var d = Assert.Single(RuleLoader.Load("syntax.json", Syntax).Diagnostics);

        Assert.Equal(RuleDiagnosticCodes.InvalidJson, d.Code);
        Assert.Equal((5, 92), (d.Line, d.Column));
        Assert.Contains("a comma before `}`", d.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("reader options", d.Message, StringComparison.Ordinal);
        Assert.Equal("`}` 前面不能有逗号（多余的逗号）；请删除它。", d.MessageZhHans);
    }

    [Theory]
    [InlineData("[ { \"WorkflowName\": \"Tagging\", \"Rules\": [", "ends before the JSON is complete", "文件在 JSON 结束之前就结束了")]
    [InlineData("[ { \"WorkflowName\" \"Tagging\" } ]", "`\"` is not expected here", "此处不应出现 `\"`")]
    [InlineData("[ { \"WorkflowName\": \"\\ud800\" } ]", "an escape that is not text", "不代表文字的转义")]
    public void Load_OtherJsonErrors_ArePlainInBothLanguages(string json, string english, string chinese)
    {
        var d = Assert.Single(RuleLoader.Load("bad.json", json).Diagnostics);

        Assert.Equal(RuleDiagnosticCodes.InvalidJson, d.Code);
        Assert.Contains(english, d.Message, StringComparison.Ordinal);
        Assert.Contains(chinese, d.MessageZhHans, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GbkFile_Crm041HasChineseText()
    {
        var bytes = StrictTextDecoder.GetEncoding("gb18030").GetBytes(TestFacts.Workflow("Tagging", ("r", "customer.AnnualRevenue > 1", "大客户")));

        var d = Assert.Single(RuleLoader.Load([RuleSource.FromBytes("gbk.json", bytes)]).Diagnostics);

        Assert.Equal(RuleDiagnosticCodes.InvalidEncoding, d.Code);
        Assert.Equal("The file is not UTF-8; it looks like GBK: save as UTF-8, or pass --encoding gb18030.", d.Message);
        Assert.Equal("文件不是 UTF-8 编码，看起来是 GBK：请另存为 UTF-8，或加上 --encoding gb18030。", d.MessageZhHans);
    }

    [Fact]
    public void Load_BadUtf8Byte_Crm041NamesTheByteInBothLanguages()
    {
        var bytes = Encoding.UTF8.GetBytes("[ { \"WorkflowName\": \"Tagging\" } ]");
        bytes[20] = 0xFF;

        var d = Assert.Single(RuleLoader.Load([RuleSource.FromBytes("bad.json", bytes)]).Diagnostics);

        Assert.Contains("0xFF", d.Message, StringComparison.Ordinal);
        Assert.Contains("字节 0xFF", d.MessageZhHans, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisCasedMember_Crm017HasChineseText()
    {
        var d = Assert.Single(RuleLoader.Load("r.json", TestFacts.Workflow("Tagging", ("Case", "customer.annualrevenue >= 1", "x"))).Diagnostics);

        Assert.Equal(RuleDiagnosticCodes.MisCasedMember, d.Code);
        Assert.Equal("`annualrevenue` is declared as `AnnualRevenue`; write it with the declared case.", d.Message);
        Assert.Equal("`annualrevenue` 的声明写法是 `AnnualRevenue`；请按声明的大小写书写。", d.MessageZhHans);
    }

    [Fact]
    public void Load_NoWorkflow_NamesTheFileInBothLanguages()
    {
        var d = Assert.Single(RuleLoader.Load("emptyarr.json", "[]").Diagnostics);

        Assert.Equal(RuleDiagnosticCodes.MissingRequired, d.Code);
        Assert.Contains("emptyarr.json holds no workflow", d.Message, StringComparison.Ordinal);
        Assert.Contains("emptyarr.json 中没有任何工作流", d.MessageZhHans, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoSources_SaysNoFileWasGiven()
    {
        var d = Assert.Single(RuleLoader.Load([]).Diagnostics);

        Assert.Equal("No workflow found: no rule file was given.", d.Message);
        Assert.Equal("未找到工作流：没有提供任何规则文件。", d.MessageZhHans);
    }

    [Fact]
    public void Load_TypesJson_Crm020IsPlainAndAtTheRightCharacter()
    {
        var diagnostics = RuleLoader.Load("types.json", Types).Diagnostics;

        var c = Assert.Single(diagnostics, d => d.RuleName == "C");
        Assert.Equal(RuleDiagnosticCodes.ExpressionError, c.Code);
        Assert.Equal("customer.AnnualRevenue > \"abc\"".IndexOf('"', StringComparison.Ordinal), c.ExpressionPosition);
        Assert.Contains("`customer.AnnualRevenue` is a number, but it is compared with the text \"abc\"", c.Message, StringComparison.Ordinal);
        Assert.Contains("character 26", c.Message, StringComparison.Ordinal);
        Assert.Contains("是数字，却与文本 \"abc\" 比较", c.MessageZhHans, StringComparison.Ordinal);
        var d = Assert.Single(diagnostics, d => d.RuleName == "D");
        Assert.Equal(RuleDiagnosticCodes.UnknownFact, d.Code);
        Assert.Equal(9, d.ExpressionPosition);
        Assert.Contains("`customer` has no fact `Name`", d.Message, StringComparison.Ordinal);
        Assert.Contains("没有名为 `Name` 的事实", d.MessageZhHans, StringComparison.Ordinal);
        foreach (var x in diagnostics)
        {
            Assert.DoesNotContain("(Parameter", x.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Decimal", x.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_TypesJson_AValueOfTheWrongTypeIsOneDiagnostic()
    {
        var b = RuleLoader.Load("types.json", Types).Diagnostics.Where(d => d.RuleName == "B").ToList();

        Assert.Equal([(RuleDiagnosticCodes.WrongValueType, 42), (RuleDiagnosticCodes.WrongValueType, 63)], b.Select(d => (d.Code, d.Column)).OrderBy(x => x.Column).ToList());
    }

    [Fact]
    public void Load_SingleQuotedText_SaysToUseDoubleQuotesInBothLanguages()
    {
        var d = Assert.Single(RuleLoader.Load("r.json", TestFacts.Workflow("Tagging", ("Single", "customer.Industry == '制造业'", "z"))).Diagnostics);

        Assert.Contains("put text in double quotes", d.Message, StringComparison.Ordinal);
        Assert.Contains("文本请用英文双引号", d.MessageZhHans, StringComparison.Ordinal);
        Assert.DoesNotContain("Character literal", d.MessageZhHans, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisCasedRuleName_StillChecksTheRulesOtherKeys()
    {
        var diagnostics = RuleLoader.Load("enabled.json", Enabled).Diagnostics;

        Assert.Equal(
            [(RuleDiagnosticCodes.UnknownKey, "B", 5), (RuleDiagnosticCodes.WrongValueType, "B", 5), (RuleDiagnosticCodes.WrongValueType, "C", 6)],
            diagnostics.Select(d => (d.Code, d.RuleName, d.Line)).ToList());
        Assert.All(diagnostics.Skip(1), d => Assert.Contains("`Enabled` must be true or false", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RuleWithoutName_IsStillCrm006()
    {
        var d = Assert.Single(RuleLoader.Load("r.json", """[ { "WorkflowName": "Tagging", "Rules": [ { "SuccessEvent": "b", "Expression": "true" } ] } ]""").Diagnostics);

        Assert.Equal(RuleDiagnosticCodes.MissingRequired, d.Code);
    }

    [Fact]
    public void Resources_EveryEnglishTextHasAChineseOneWithTheSamePlaceholders()
    {
        var assembly = typeof(RuleLoader).Assembly;
        var neutral = new System.Resources.ResourceManager("CrmCore.Rules.Diagnostics.DiagnosticStrings", assembly);
        var set = neutral.GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var keys = set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToList();

        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var en = neutral.GetString(key, System.Globalization.CultureInfo.InvariantCulture)!;
            var zh = neutral.GetString(key, Localization.TextCultures.SimplifiedChinese)!;
            Assert.NotEqual(en, zh);
            if (key.StartsWith("Template", StringComparison.Ordinal) || key.StartsWith("Word", StringComparison.Ordinal))
            {
                // Translation patterns: the Chinese may leave out a quoted value (such as the list of known keys).
                Assert.Empty(Placeholders(zh).Except(Placeholders(en)));
                continue;
            }

            Assert.Equal(Placeholders(en), Placeholders(zh));
            var values = Enumerable.Repeat<object?>("v", 10).ToArray();
            Assert.Null(Record.Exception(() => string.Format(System.Globalization.CultureInfo.InvariantCulture, en, values)));
            Assert.Null(Record.Exception(() => string.Format(System.Globalization.CultureInfo.InvariantCulture, zh, values)));
        }
    }

    [Fact]
    public void Translations_ComeFromTheResources_InOrder()
    {
        var d = new RuleDiagnostic { Code = RuleDiagnosticCodes.UnknownKey, Severity = RuleSeverity.Error, Message = "`localParams` is not a key of a rule (keys are case-sensitive). Did you mean `LocalParams`?" };

        Assert.Equal("`localParams` 不是规则的字段（字段区分大小写）。您是不是想写 `LocalParams`？", RuleDiagnosticMessages.Get(d, Localization.TextCultures.SimplifiedChinese));
        Assert.Equal("`Rules` 必须是数组，而不是对象。", RuleDiagnosticMessages.TryTranslate("`Rules` must be an array, not an object."));
    }

    private static List<string> Placeholders(string text)
        => System.Text.RegularExpressions.Regex.Matches(text, @"\{\d\}").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToList();
}

/// <summary>Explanations in Chinese show yes/no facts in Chinese words (QA 16 item 13).</summary>
public sealed class ExplainValueWordTests
{
    [Theory]
    [InlineData(false, "DoNotContact 否 为假")]
    [InlineData(true, "DoNotContact 是 为真")]
    public void ToText_ZhHans_YesNoFactInChinese(bool doNotContact, string expected)
    {
        var set = RuleLoader.Load("r.json", TestFacts.Workflow("Tagging", ("Dnc", "customer.DoNotContact", "do-not-contact"))).GetRuleSetOrThrow();
        var customer = TestFacts.Customer(new Facts.CustomerFactsInput { DoNotContact = doNotContact });

        var zh = set.ExplainCustomer(customer).ToText(System.Globalization.CultureInfo.GetCultureInfo("zh-Hans"));
        var en = set.ExplainCustomer(customer).ToText(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains(expected, zh, StringComparison.Ordinal);
        Assert.DoesNotContain("False", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("True", zh, StringComparison.Ordinal);
        Assert.Contains($"DoNotContact {doNotContact}", en, StringComparison.Ordinal);
    }
}

/// <summary>Loader messages that had no Chinese text now have one (QA 16 item 13).</summary>
public sealed class MoreTranslationsTests
{
    [Theory]
    [InlineData("""[ { "WorkflowName": "Tagging", "GlobalParams": 5, "Rules": [ { "RuleName": "r", "SuccessEvent": "t", "Expression": "true" } ] } ]""", "`GlobalParams` 必须是由 { \"Name\", \"Expression\" } 对象组成的数组，而不是数字。")]
    [InlineData("""[ { "WorkflowName": "Tagging", "RuleExpressionType": 0, "Rules": [ { "RuleName": "r", "SuccessEvent": "t", "Expression": "true" } ] } ]""", "`RuleExpressionType` 写成了数字 0；请写 \"LambdaExpression\"。")]
    [InlineData("""[ { "WorkflowName": "Tagging", "Rules": [ { "RuleName": "r", "SuccessEvent": "a;b", "Expression": "true" } ] } ]""", "标签名称 \"a;b\" 不能包含 `;` 或 `|`（数据文件的列表分隔符）和控制字符，也不能以空格开头或结尾。")]
    [InlineData("""[ { "WorkflowName": "Tagging", "Rules": [ { "RuleName": "r", "SuccessEvent": "t", "Rules": [ { "RuleName": "c", "Expression": "true" } ] } ] } ]""", "带嵌套 `Rules` 的规则需要 `Operator`（\"And\"、\"AndAlso\"、\"Or\" 或 \"OrElse\"）。")]
    [InlineData("""[ { "WorkflowName": "Routing", "Rules": [ { "RuleName": "r", "SuccessEvent": "t", "Properties": { "Skill": "a", "Skill": "b" }, "Expression": "true" } ] } ]""", "`Properties.Skill` 出现了两次；无法确定要用哪个值，因此两个都不使用。")]
    public void Get_Chinese_TranslatesMessagesThatHadNoChinese(string json, string chinese)
    {
        var texts = RuleLoader.Load("r.json", json).Diagnostics.Select(d => RuleDiagnosticMessages.Get(d, Localization.TextCultures.SimplifiedChinese)).ToList();

        Assert.Contains(chinese, texts);
    }
}
