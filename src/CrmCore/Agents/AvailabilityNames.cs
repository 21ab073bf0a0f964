using System.Globalization;

namespace CrmCore.Agents;

/// <summary>Display names of <see cref="Availability"/> values for agents' screens, in English and Simplified Chinese. Thread-safe.</summary>
public static class AvailabilityNames
{
    /// <summary>
    /// The display name in the given culture: Simplified Chinese (在线 / 离开 / 离线) for Simplified Chinese cultures (zh, zh-CN,
    /// zh-SG, zh-Hans; see <see cref="Localization.TextCultures"/>), English otherwise.
    /// </summary>
    /// <param name="availability">The value.</param>
    /// <param name="culture">The culture; null means <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="Availability"/>.</exception>
    public static string DisplayName(this Availability availability, CultureInfo? culture = null)
    {
        var chinese = Localization.TextCultures.IsSimplifiedChinese(culture);
        return availability switch
        {
            Availability.Online => chinese ? "在线" : "Online",
            Availability.Away => chinese ? "离开" : "Away",
            Availability.Offline => chinese ? "离线" : "Offline",
            _ => throw new ArgumentOutOfRangeException(nameof(availability), availability, "Unknown availability."),
        };
    }
}
