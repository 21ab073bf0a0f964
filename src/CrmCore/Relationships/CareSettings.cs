using System.Collections.Immutable;

namespace CrmCore.Relationships;

/// <summary>Birthday and holiday care: a care contact <see cref="LeadDays"/> days ahead of each occasion. Immutable and thread-safe.</summary>
/// <param name="LeadDays">How many days ahead of the occasion the care is due: 0–60 (the documents say 3).</param>
/// <param name="Birthdays">True to plan care ahead of every contact's birthday.</param>
/// <param name="Holidays">Names of the business calendar's holidays that get care, matched as a case-insensitive part of the holiday's
/// name (for example <c>Spring Festival</c>, <c>Mid-autumn Festival</c>); the occasion is the first day of each run of holidays with that name.</param>
/// <param name="Channel">How the care is made (usually <see cref="ContactChannel.CareMessage"/>).</param>
/// <param name="DueOnHoliday">What happens when the care's due date is not a working day (usually the previous working day, so the care stays ahead).</param>
public sealed record CareSettings(int LeadDays, bool Birthdays, ImmutableArray<string> Holidays, ContactChannel Channel, HolidayShift DueOnHoliday);
