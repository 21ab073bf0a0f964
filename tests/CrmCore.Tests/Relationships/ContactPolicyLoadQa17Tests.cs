using System.Globalization;
using CrmCore.Relationships;

namespace CrmCore.Tests.Relationships;

/// <summary>Contact policy load problems at line:col, and a root that is not an object told wholly in Chinese (wave 17).</summary>
public sealed class ContactPolicyLoadQa17Tests
{
    private static readonly CultureInfo ZhHans = CultureInfo.GetCultureInfo("zh-Hans");

    [Theory]
    [InlineData("[1, 2]", 1, 1)]
    [InlineData("\n  \"a policy\"", 2, 3)]
    [InlineData("// no policy\n42", 2, 1)]
    public void Load_NotAnObject_SubjectInBothLanguages_AtTheValue(string json, int line, int column)
    {
        var problem = Assert.Single(ContactPolicyJson.Load(json).Problems);

        Assert.Equal("A contact policy must be a JSON object.", problem.Message);
        Assert.Equal("沟通策略必须是 JSON 对象。", problem.MessageIn(ZhHans));
        Assert.Equal((line, column), (problem.Line, problem.Column));
    }

    [Fact]
    public void Load_EveryProblem_HasTheLineAndColumnOfItsValue()
    {
        const string json = """
            {
              "name": "tricky",
              "cadences": [ { "tiers": ["A"], "channel": "fax", "every": "P1W2D", "purpose": "x" } ],
              "care": { "leadDays": -3, "birthdays": true, "holidays": [], "channel": "care-message" },
              "contractExpiry": { "channel": "call" },
              "colour": "blue"
            }
            """;

        var problems = ContactPolicyJson.Load(json).Problems;

        Assert.Equal(
            [
                ("$.cadences[0].channel", "3:46"), ("$.cadences[0].every", "3:62"), ("$.care.leadDays", "4:25"),
                ("$.colour", "6:13"), ("$.contractExpiry", "5:21"),
            ],
            problems.Select(p => (p.Path, p.Where)).OrderBy(p => p.Path, StringComparer.Ordinal).ToArray());
    }
}
