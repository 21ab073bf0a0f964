using System.Globalization;
using System.Text;
using CrmCore.Agents;

namespace CrmCore.Storage;

/// <summary>Writes a <see cref="SkillSet"/> as one canonical text (<c>Billing:2,Technical:1</c>, sorted as the set sorts) and reads it back.</summary>
internal static class SkillCodec
{
    public static string Encode(SkillSet skills)
    {
        var builder = new StringBuilder();
        foreach (var item in skills.Items)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(item.Skill.Code).Append(':').Append(item.Level.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    public static SkillSet Decode(string text)
    {
        if (text.Length == 0)
        {
            return SkillSet.Empty;
        }

        var levels = new List<SkillLevel>();
        foreach (var part in text.Split(','))
        {
            var colon = part.LastIndexOf(':');
            levels.Add(new SkillLevel(new Skill(part[..colon]), int.Parse(part[(colon + 1)..], CultureInfo.InvariantCulture)));
        }

        return SkillSet.Create(levels);
    }
}
