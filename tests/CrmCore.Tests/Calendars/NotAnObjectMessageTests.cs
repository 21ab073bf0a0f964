using System.Globalization;
using CrmCore.Calendars;
using CrmCore.Escalation;
using CrmCore.Relationships;
using CrmCore.Sla;

namespace CrmCore.Tests.Calendars;

/// <summary>
/// Each loader of a user's JSON file says in its own words that the root must be an object: in zh-Hans the whole sentence is Chinese
/// (the calendar, SLA and escalation loaders used to put an English subject into the Chinese sentence: "A calendar必须是 JSON 对象。").
/// </summary>
public sealed class NotAnObjectMessageTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    public static TheoryData<string, string, string> Loaders() => new()
    {
        { "calendar", "A calendar must be a JSON object.", "日历必须是 JSON 对象。" },
        { "sla", "An SLA policy set must be a JSON object.", "SLA 策略集必须是 JSON 对象。" },
        { "escalation", "An escalation policy must be a JSON object.", "升级策略必须是 JSON 对象。" },
        { "contact", "A contact policy must be a JSON object.", "沟通策略必须是 JSON 对象。" },
    };

    [Theory]
    [MemberData(nameof(Loaders))]
    public void ARootThatIsNoObject_IsSaidInEachLanguageWholly(string loader, string english, string chinese)
    {
        foreach (var json in new[] { "[]", "3", "\"calendar\"" })
        {
            var problem = Assert.Single(loader switch
            {
                "calendar" => CalendarJson.Load(json).Problems,
                "sla" => SlaPolicyJson.Load(json).Problems,
                "escalation" => EscalationPolicyJson.Load(json).Problems,
                _ => ContactPolicyJson.Load(json).Problems,
            });

            Assert.Equal("$", problem.Path);
            Assert.Equal(english, problem.Message);
            Assert.Equal(chinese, problem.MessageIn(Zh));
            Assert.DoesNotMatch("[A-Za-z]{3,}", chinese.Replace("JSON", string.Empty, StringComparison.Ordinal).Replace("SLA", string.Empty, StringComparison.Ordinal));
        }
    }
}
