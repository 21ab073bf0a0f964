using CrmCore.Access;

namespace CrmCore.Tests.Access;

public sealed class AccessPolicyJsonTests
{
    [Fact]
    public void Default_HasTheSixRolesOfDocuments000And001()
    {
        var policy = AccessPolicy.Documents000And001;

        Assert.Equal(["account-manager", "admin", "agent", "analyst", "marketing", "supervisor"], policy.Roles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(RecordScope.Own, policy.Roles["agent"].Scope);
        Assert.Equal(RecordScope.Team, policy.Roles["supervisor"].Scope);
        Assert.Equal(FieldAccess.Hidden, policy.Roles["agent"].AccessTo(CustomerField.AnnualAmount));
        Assert.Equal(FieldAccess.ReadUnmasked, policy.Roles["supervisor"].AccessTo(CustomerField.AnnualAmount));
    }

    [Fact]
    public void MostSpecificKeyWins_RegardlessOfOrder()
    {
        var policy = AccessPolicyJson.Parse(
            """{ "name": "p", "roles": { "r": { "scope": "all", "fields": { "contact.phone": "masked", "contact.*": "read", "*": "hidden" } } } }""",
            "p.json");

        var role = policy.Roles["r"];
        Assert.Equal(FieldAccess.Masked, role.AccessTo(CustomerField.ContactPhone));
        Assert.Equal(FieldAccess.Read, role.AccessTo(CustomerField.ContactEmail));
        Assert.Equal(FieldAccess.Hidden, role.AccessTo(CustomerField.Name));
    }

    [Fact]
    public void Problems_NameTheFileLineColumnAndRole()
    {
        const string json = """
            {
              "name": "broken",
              "roles": {
                "agent": {
                  "scope": "mine",
                  "fields": { "contact.fax": "read", "name": "masked" },
                  "update": ["name"]
                }
              }
            }
            """;

        var error = Assert.Throws<FormatException>(() => AccessPolicyJson.Parse(json, "policy.json"));

        Assert.Contains("policy.json:5:16: role 'agent': scope: 'mine' is not one of none, own, team, all.", error.Message, StringComparison.Ordinal);
        Assert.Contains("policy.json:6:34: role 'agent': unknown field 'contact.fax'", error.Message, StringComparison.Ordinal);
        Assert.Contains("policy.json:7:18: role 'agent' may not update 'name': the role sees it masked", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"name\": \"x\", \"roles\": { } }", "policy.json:1:25: 'roles' must be an object with at least one role.")]
    [InlineData("[1]", "policy.json:1:1: the access policy must be a JSON object.")]
    [InlineData("{ \"name\": ", "policy.json:1:")]
    [InlineData("{ \"roles\": { \"a\": { \"scope\": \"all\", \"colour\": 1 } } }", "policy.json:1:47: role 'a': unknown property 'colour'")]
    public void BadPolicies_AreRejectedWithTheirPlace(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => AccessPolicyJson.Parse(json, "policy.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLargeOrTooDeep_IsRefusedBeforeParsing()
    {
        var large = "{\"name\":\"" + new string('x', AccessPolicyJson.MaxLength) + "\"}";
        var deep = string.Concat(Enumerable.Repeat("[", 50)) + string.Concat(Enumerable.Repeat("]", 50));

        Assert.Contains("at most", Assert.Throws<FormatException>(() => AccessPolicyJson.Parse(large, "big.json")).Message, StringComparison.Ordinal);
        Assert.StartsWith("deep.json:1:", Assert.Throws<FormatException>(() => AccessPolicyJson.Parse(deep, "deep.json")).Message, StringComparison.Ordinal);
    }
}
