using System.Reflection;
using System.Text.RegularExpressions;
using CrmCore.Cli.Localization;

namespace CrmCore.Cli.Tests.Localization;

public sealed partial class MessagesTests
{
    public static TheoryData<string> AllMessages()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(Messages).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            data.Add(field.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllMessages))]
    public void Message_HasBothLanguagesWithSamePlaceholders(string name)
    {
        var msg = (Msg)typeof(Messages).GetField(name)!.GetValue(null)!;
        Assert.False(string.IsNullOrWhiteSpace(msg.En));
        Assert.False(string.IsNullOrWhiteSpace(msg.Zh));
        Assert.Equal(Placeholders(msg.En), Placeholders(msg.Zh));
    }

    [Fact]
    public void Table_HasChineseTextForUserFacingMessages()
    {
        var withChinese = typeof(Messages).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (Msg)f.GetValue(null)!)
            .Count(m => HanRegex().IsMatch(m.Zh));
        Assert.True(withChinese > 30, $"only {withChinese} messages contain Chinese text");
    }

    private static string[] Placeholders(string text) =>
        PlaceholderRegex().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderRegex();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanRegex();
}
