using System.Globalization;
using CrmCore.Access;

namespace CrmCore.Tests.Access;

public sealed class AccessPolicyJsonLanguageTests
{
    private const string Role = "\"roles\": { \"a\": ";

    [Theory]
    [InlineData("[1]", "policy.json:1:1: the access policy must be a JSON object.", "policy.json:1:1: 访问策略必须是 JSON 对象。")]
    [InlineData("{ \"name\": \"甲\", \"name\": \"乙\", " + Role + "{ \"scope\": \"all\" } } }", "'name' appears twice.", "“name”出现了两次。")]
    [InlineData("{ \"name\": \"甲\", \"colour\": 1, " + Role + "{ \"scope\": \"all\" } } }", "unknown property 'colour'; known: name, source, roles.", "未知属性“colour”；可用的属性：name、source、roles。")]
    [InlineData("{ " + Role + "{ \"scope\": \"all\" } } }", "policy.json:1:1: the policy has no 'name' (a non-empty string).", "policy.json:1:1: 策略没有“name”（非空字符串）。")]
    [InlineData("{ \"name\": 5, " + Role + "{ \"scope\": \"all\" } } }", "'name' must be a string.", "“name”必须是字符串。")]
    [InlineData("{ \"name\": \"甲\" }", "'roles' must be an object with at least one role.", "“roles”必须是至少包含一个角色的对象。")]
    [InlineData("{ \"name\": \"甲\", \"roles\": { \" \": { \"scope\": \"all\" } } }", "a role name is blank.", "角色名称为空。")]
    [InlineData("{ \"name\": \"甲\", " + Role + "{ \"scope\": \"all\" }, \"a\": { \"scope\": \"all\" } } }", "role 'a' appears twice.", "角色“a”出现了两次。")]
    [InlineData("{ \"name\": \"甲\", " + Role + "1 } }", "role 'a': expected an object with scope, fields and update.", "角色“a”：应为包含 scope、fields 和 update 的对象。")]
    [InlineData("{ \"name\": \"甲\", " + Role + "{ \"scope\": \"mine\" } } }", "role 'a': scope: 'mine' is not one of none, own, team, all.", "角色“a”：scope 的值“mine”不是 none, own, team, all 之一。")]
    [InlineData("{ \"name\": \"甲\", " + Role + "{ \"scope\": \"all\", \"fields\": { \"name\": \"peek\" } } } }", "role 'a', field 'name': 'peek' is not one of hidden, masked, read, read-unmasked.", "角色“a”，字段“name”：“peek”不是 hidden, masked, read, read-unmasked 之一。")]
    [InlineData("{ \"name\": \"甲\", " + Role + "{ \"scope\": \"all\", \"fields\": [] } } }", "role 'a': 'fields' must be an object of field name to access (hidden, masked, read, read-unmasked).", "角色“a”：“fields”必须是从字段名到访问级别（hidden, masked, read, read-unmasked）的对象。")]
    [InlineData("{ \"name\": \"甲\", " + Role + "{ \"scope\": \"all\", \"fields\": { \"contact.fax\": \"read\" } } } }", "role 'a': unknown field 'contact.fax'; known: *, contact.*, transactions.*, name", "角色“a”：未知字段“contact.fax”；可用的字段：*, contact.*, transactions.*, name")]
    [InlineData("{ \"name\": \"甲\", " + Role + "{ \"scope\": \"all\", \"update\": \"name\" } } }", "role 'a': 'update' must be an array of field names.", "角色“a”：“update”必须是字段名数组。")]
    [InlineData("{ \"name\": \"甲\", " + Role + "{ \"scope\": \"all\", \"update\": [\"fax\"] } } }", "role 'a': 'update' lists 'fax', which is not a field; known: *, contact.*", "角色“a”：“update”列出的“fax”不是字段；可用的字段：*, contact.*")]
    [InlineData("{ \"name\": \"甲\", " + Role + "{ \"scope\": \"all\", \"colour\": 1 } } }", "role 'a': unknown property 'colour'; known: scope, fields, update.", "角色“a”：未知属性“colour”；可用的属性：scope、fields、update。")]
    [InlineData("{ \"name\": \"甲\", " + Role + "{ } } }", "role 'a' has no 'scope' (none, own, team, all).", "角色“a”没有“scope”（none, own, team, all）。")]
    [InlineData("{ \"name\": \"甲\", " + Role + "{ \"scope\": \"all\", \"fields\": { \"*\": \"hidden\" }, \"update\": [\"name\"] } } }", "role 'a' may not update 'name': the role sees it hidden; a field must be readable to be updated.", "角色“a”不能更新“name”：该角色对它的访问级别为 hidden；字段须可读才能更新。")]
    [InlineData("{ \"name\": \"甲\" \"roles\": {} }", "Not valid JSON: ", "不是有效的 JSON：")]
    [InlineData("{ \"name\": \"甲\"", "The JSON ends too early", "JSON 提前结束")]
    public void Parse_EachProblem_IsInEnglishOrChineseByTheCulturePassed(string json, string english, string chinese)
    {
        var en = Error(json, "en-US");
        var zh = Error(json, "zh-Hans");

        Assert.Contains(english, en, StringComparison.Ordinal);
        Assert.Contains(chinese, zh, StringComparison.Ordinal);
        Assert.DoesNotContain(english, zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Heading_IsInTheCulturePassed()
    {
        const string json = "{ \"name\": \"甲\", \"colour\": 1, \"roles\": { \"a\": { \"scope\": \"all\" } } }";

        Assert.StartsWith("The access policy policy.json is invalid:" + Environment.NewLine, Error(json, "en"), StringComparison.Ordinal);
        Assert.StartsWith("访问策略 policy.json 无效：" + Environment.NewLine, Error(json, "zh-CN"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Limits_AreInTheCulturePassed()
    {
        var large = "{\"name\":\"" + new string('x', AccessPolicyJson.MaxLength) + "\"}";
        var deep = "{ \"name\": \"深\", \"roles\": " + string.Concat(Enumerable.Repeat("[", 20)) + string.Concat(Enumerable.Repeat("]", 20)) + " }";
        var many = "{ \"name\": \"甲\", \"roles\": { " + string.Join(", ", Enumerable.Range(0, AccessPolicyJson.MaxRoles + 1).Select(i => $"\"r{i}\": {{ \"scope\": \"all\" }}")) + " } }";

        Assert.Equal($"big.json:1:1: the access policy has {large.Length} characters; at most {AccessPolicyJson.MaxLength} are read.", Error(large, "en", "big.json"));
        Assert.Equal($"big.json:1:1: 访问策略有 {large.Length} 个字符；最多读取 {AccessPolicyJson.MaxLength} 个。", Error(large, "zh-Hans", "big.json"));
        var tooDeep = deep.IndexOf('[', StringComparison.Ordinal) + 8; // the root object is level 1: the 8th '[' opens level 9
        Assert.Equal($"policy.json:1:{tooDeep}: Nested too deeply: objects and arrays may be nested at most 8 levels.", Error(deep, "en"));
        Assert.Equal($"policy.json:1:{tooDeep}: 嵌套过深：对象和数组最多可嵌套 8 层。", Error(deep, "zh-Hans"));
        Assert.Contains($"the policy has {AccessPolicyJson.MaxRoles + 1} roles; at most {AccessPolicyJson.MaxRoles} are allowed.", Error(many, "en"), StringComparison.Ordinal);
        Assert.Contains($"策略有 {AccessPolicyJson.MaxRoles + 1} 个角色；最多允许 {AccessPolicyJson.MaxRoles} 个。", Error(many, "zh-Hans"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Positions_CountChineseTextAsOneColumnACharacter()
    {
        const string line2 = "  \"roles\": { \"客服专员\": { \"scope\": \"mine\" } } }";
        const string json = "{ \"name\": \"中文策略名称\",\n" + line2;
        var column = line2.IndexOf("\"mine\"", StringComparison.Ordinal) + 1;

        Assert.Contains($"policy.json:2:{column}: 角色“客服专员”：scope 的值“mine”", Error(json, "zh-Hans"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Positions_CountAnEmojiAsTwoColumnsAsAStringIndexDoes()
    {
        const string line2 = "  \"roles\": { \"😀客服\": { \"scope\": \"mine\" } } }";
        const string json = "{ \"name\": \"😀中文\",\n" + line2;
        var column = line2.IndexOf("\"mine\"", StringComparison.Ordinal) + 1;

        Assert.Contains($"policy.json:2:{column}: 角色“😀客服”：scope 的值“mine”", Error(json, "zh-Hans"), StringComparison.Ordinal);
        Assert.Contains($"policy.json:2:{column}: role '😀客服': scope: 'mine'", Error(json, "en"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextAfterThePolicy_IsAnErrorAtThatText()
    {
        const string json = "{ \"name\": \"😀\", \"roles\": { \"a\": { \"scope\": \"all\" } } } x";

        Assert.Equal($"policy.json:1:{json.IndexOf(" x", StringComparison.Ordinal) + 2}: Not valid JSON: 'x' is not expected here (look for a missing or extra comma, quote or bracket).", Error(json, "en"));
    }

    [Fact]
    public void Parse_SyntaxError_IsAtItsCharacterColumnAfterChineseText()
    {
        const string json = "{ \"name\": \"中文策略名称\" \"roles\": {} }";
        var column = json.IndexOf("\"roles\"", StringComparison.Ordinal) + 1;

        Assert.StartsWith($"policy.json:1:{column}: 不是有效的 JSON：", Error(json, "zh-Hans"), StringComparison.Ordinal);
        Assert.StartsWith($"policy.json:1:{column}: Not valid JSON: ", Error(json, "en"), StringComparison.Ordinal);
    }

    private static string Error(string json, string culture, string source = "policy.json") =>
        Assert.Throws<FormatException>(() => AccessPolicyJson.Parse(json, source, CultureInfo.GetCultureInfo(culture))).Message;
}
