using System.Collections.Immutable;
using System.Globalization;
using CrmCore.Calendars;
using CrmCore.Churn;
using NodaTime;

namespace CrmCore.Relationships;

/// <summary>
/// Works out the proactive contact plan of one customer for a window of dates from a <see cref="ContactPolicy"/> and a business
/// calendar: regular contact by tier, birthday and holiday care, contract-expiry warnings, churn follow-ups and care for silent
/// customers. Pure: it changes nothing and keeps nothing (<see cref="ContactPlanBook"/> keeps the entries). Generates nothing for a
/// customer who asked not to be contacted. Thread-safe (immutable).
/// </summary>
public sealed class ContactPlanner
{
    /// <summary>The longest window planned at once, in days (a little over a year).</summary>
    public const int MaxWindowDays = 400;

    private readonly ImmutableArray<(string Name, LocalDate FirstDay)> _holidayRuns;

    private readonly CultureInfo? _culture;

    /// <summary>
    /// Creates a planner that writes the purposes of care, warnings and follow-ups in the caller's language: the
    /// <see cref="CultureInfo.CurrentUICulture"/> of the thread that calls <see cref="Plan"/> (see <see cref="ContactPlanner(ContactPolicy, BusinessCalendar, CultureInfo)"/>).
    /// </summary>
    /// <param name="policy">The policy.</param>
    /// <param name="calendar">The business calendar: working days for moving due dates, holidays for holiday care, its zone for times.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ContactPlanner(ContactPolicy policy, BusinessCalendar calendar)
        : this(policy, calendar, null)
    {
    }

    /// <summary>Creates a planner that writes the purposes of care, warnings and follow-ups in a culture's language.</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="calendar">The business calendar: working days for moving due dates, holidays for holiday care, its zone for times.</param>
    /// <param name="culture">The language of the purposes the planner writes (<c>No interaction since 2025-10-20</c>, <c>自 2025-10-20 起没有互动</c>):
    /// Simplified Chinese for a Simplified Chinese culture (see <see cref="Localization.TextCultures"/>), English otherwise; null for the
    /// caller's: the <see cref="CultureInfo.CurrentUICulture"/> of the thread that calls <see cref="Plan"/>. A cadence's purpose is the
    /// policy's own text.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> or <paramref name="calendar"/> is null.</exception>
    public ContactPlanner(ContactPolicy policy, BusinessCalendar calendar, CultureInfo? culture)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calendar);
        Policy = policy;
        Calendar = calendar;
        _culture = culture;
        _holidayRuns = HolidayRuns(calendar.Definition.Holidays);
    }

    /// <summary>
    /// Raised, on the thread that calls <see cref="Plan"/>, for each entry whose due date lies outside the calendar's horizon, so it could
    /// not be checked against working days: care for a silent customer whose silence began before the horizon (or whose move off a
    /// weekend or holiday would leave it). The entry keeps the date and is planned at the start of that day. Dates inside the horizon
    /// but past the calendar's holiday data are reported by the calendar itself (<see cref="BusinessCalendar.HolidayCoverageExceeded"/>).
    /// Handlers must be quick and thread-safe.
    /// </summary>
    public event EventHandler<PlanDateUncheckedEventArgs>? DueDateUnchecked;

    /// <summary>
    /// Raised, on the thread that calls <see cref="Plan"/>, for a customer with no recorded interaction and no first-contact date when
    /// the policy plans care for silent customers (<see cref="ContactPolicy.SilentCare"/>): whether the customer is silent cannot be told,
    /// so no such care is planned for it; the rest of its plan is made as usual. Raised once per call. Handlers must be quick and
    /// thread-safe.
    /// </summary>
    public event EventHandler<PlanSilenceUnknownEventArgs>? SilenceUnknown;

    /// <summary>The policy.</summary>
    public ContactPolicy Policy { get; }

    /// <summary>The business calendar.</summary>
    public BusinessCalendar Calendar { get; }

    /// <summary>
    /// The proactive entries of <paramref name="subject"/> whose nominal date (before moving off holidays) falls in
    /// [<paramref name="from"/>, <paramref name="to"/>], ordered by due time; care for a silent customer is included whenever the
    /// silence began on or before <paramref name="to"/>, due on the day it began (moved off holidays as the policy says), so every
    /// window gives it the same due date; a day outside the calendar's horizon is kept as it is and reported through
    /// <see cref="DueDateUnchecked"/>. The silence begins the policy's <see cref="SilentCareSettings.After"/> after the last interaction,
    /// or, when none is recorded, after the first contact (<see cref="PlanSubject.FirstContactOn"/>); a customer with neither date is
    /// reported through <see cref="SilenceUnknown"/>. Ids are deterministic, so the same window planned twice gives equal ids. Empty for a customer
    /// who asked not to be contacted.
    /// </summary>
    /// <param name="subject">The customer.</param>
    /// <param name="from">The first date of the window.</param>
    /// <param name="to">The last date of the window (inclusive).</param>
    /// <returns>New entries in status 未开始.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>, or the window is longer than <see cref="MaxWindowDays"/>.</exception>
    /// <exception cref="CalendarHorizonException">A due date in the window falls outside the calendar's horizon.</exception>
    public IReadOnlyList<ContactPlanEntry> Plan(PlanSubject subject, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (to < from || Period.DaysBetween(from, to) >= MaxWindowDays)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"The window {from:yyyy-MM-dd}..{to:yyyy-MM-dd} must not be empty or longer than {MaxWindowDays} days.");
        }

        if (subject.DoNotContact)
        {
            return [];
        }

        var entries = new List<ContactPlanEntry>();
        PlanCadences(subject, from, to, entries);
        PlanCare(subject, from, to, entries);
        PlanContractExpiry(subject, from, to, entries);
        PlanChurn(subject, from, to, entries);
        PlanSilentCare(subject, from, to, entries);
        entries.Sort((a, b) => a.PlannedAt != b.PlannedAt ? a.PlannedAt.CompareTo(b.PlannedAt) : string.CompareOrdinal(a.Id.Value, b.Id.Value));
        return entries;
    }

    /// <summary>Moves a date off a non-working day as <paramref name="shift"/> says.</summary>
    /// <param name="date">The date.</param>
    /// <param name="shift">The rule.</param>
    /// <returns>The date itself when it is a working day or the rule is <see cref="HolidayShift.Keep"/>; else the next or previous working day.</returns>
    /// <exception cref="CrmException">No working day within a year (code <c>CRM-PLAN-NO-WORKING-DAY</c>).</exception>
    public LocalDate MoveOffHoliday(LocalDate date, HolidayShift shift)
    {
        if (shift == HolidayShift.Keep || Calendar.IsAlwaysOpen)
        {
            return date;
        }

        var step = shift == HolidayShift.NextWorkingDay ? 1 : -1;
        for (var i = 0; i < 366; i++, date = date.PlusDays(step))
        {
            if (Calendar.IsWorkingDay(date))
            {
                return date;
            }
        }

        throw CrmException.Worded("CRM-PLAN-NO-WORKING-DAY", "Error_PlanNoWorkingDay", Calendar.Name, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private void PlanCadences(PlanSubject subject, LocalDate from, LocalDate to, List<ContactPlanEntry> entries)
    {
        foreach (var cadence in Policy.CadencesFor(subject.Tier))
        {
            var key = $"{Kebab(cadence.Channel)}-{cadence.Every}";
            for (var k = 0; ; k++)
            {
                var nominal = cadence.Occurrence(subject.CadenceAnchor, k);
                if (nominal > to)
                {
                    break;
                }

                if (nominal >= from)
                {
                    entries.Add(Entry(subject, PlanKind.Cadence, key, nominal, Policy.DueOnHoliday, cadence.Channel, cadence.Purpose, occasion: null));
                }
            }
        }
    }

    private void PlanCare(PlanSubject subject, LocalDate from, LocalDate to, List<ContactPlanEntry> entries)
    {
        if (Policy.Care is not { } care)
        {
            return;
        }

        if (care.Birthdays)
        {
            foreach (var (contact, birthday) in subject.Birthdays)
            {
                for (var year = from.Year; year <= to.Year + 1; year++)
                {
                    // AnnualDate.InYear gives 28 February for a 29 February birthday in a common year.
                    var occasion = birthday.InYear(year);
                    var nominal = occasion.PlusDays(-care.LeadDays);
                    if (nominal >= from && nominal <= to)
                    {
                        entries.Add(Entry(subject, PlanKind.Birthday, contact, nominal, care.DueOnHoliday, care.Channel, Text("Plan_Purpose_Birthday", contact, occasion), occasion));
                    }
                }
            }
        }

        foreach (var (name, occasion) in _holidayRuns)
        {
            var nominal = occasion.PlusDays(-care.LeadDays);
            if (nominal >= from && nominal <= to && care.Holidays.Any(h => name.Contains(h, StringComparison.OrdinalIgnoreCase)))
            {
                entries.Add(Entry(subject, PlanKind.Holiday, name, nominal, care.DueOnHoliday, care.Channel, Text("Plan_Purpose_Holiday", name, occasion), occasion));
            }
        }
    }

    private void PlanContractExpiry(PlanSubject subject, LocalDate from, LocalDate to, List<ContactPlanEntry> entries)
    {
        if (Policy.ContractExpiry is not { } settings || subject.ContractEndsOn is not { } end)
        {
            return;
        }

        var nominal = end.PlusDays(-settings.LeadDays);
        if (nominal >= from && nominal <= to)
        {
            entries.Add(Entry(subject, PlanKind.ContractExpiry, "contract", nominal, Policy.DueOnHoliday, settings.Channel, Text("Plan_Purpose_ContractEnds", end), end));
        }
    }

    private void PlanChurn(PlanSubject subject, LocalDate from, LocalDate to, List<ContactPlanEntry> entries)
    {
        if (Policy.ChurnFollowUp is not { } settings || subject.Churn is not { IsOutOfDate: false } churn)
        {
            return;
        }

        var triggered = settings.Band == ChurnBand.High ? churn.EnteredHighBand : churn.Band >= settings.Band;
        var evaluatedOn = churn.EvaluatedAt.InZone(Calendar.Zone).Date;
        if (!triggered || evaluatedOn < from || evaluatedOn > to)
        {
            return;
        }

        var dueBy = churn.FollowUpDue ?? (Calendar.IsAlwaysOpen ? churn.EvaluatedAt + settings.Within : Calendar.Add(churn.EvaluatedAt, settings.Within));
        var id = new PlanEntryId(string.Create(CultureInfo.InvariantCulture, $"{subject.Customer.Value}/{PlanKind.ChurnFollowUp}/score-{churn.Score}/{churn.EvaluatedAt.ToUnixTimeSeconds()}"));
        entries.Add(new ContactPlanEntry(
            id, subject.Customer, PlanKind.ChurnFollowUp, settings.Channel, subject.AccountManager, dueBy.InZone(Calendar.Zone).Date, churn.EvaluatedAt, dueBy,
            Text("Plan_Purpose_Churn", churn.Score, Text($"Plan_Band_{churn.Band}"))));
    }

    private void PlanSilentCare(PlanSubject subject, LocalDate from, LocalDate to, List<ContactPlanEntry> entries)
    {
        if (Policy.SilentCare is not { } settings)
        {
            return;
        }

        // The silence runs from the last interaction; a customer never contacted since the relationship began is silent from its first
        // contact. With neither date nothing can be told, and the caller hears so rather than the customer quietly getting no care.
        string purposeKey;
        LocalDate since;
        if (subject.LastInteractionAt is { } last)
        {
            since = last.InZone(Calendar.Zone).Date;
            purposeKey = "Plan_Purpose_Silent";
        }
        else if (subject.FirstContactOn is { } first)
        {
            since = first;
            purposeKey = "Plan_Purpose_SilentSinceFirstContact";
        }
        else
        {
            SilenceUnknown?.Invoke(this, new PlanSilenceUnknownEventArgs(subject.Customer));
            return;
        }

        var silentFrom = since.Plus(settings.After);
        if (silentFrom > to)
        {
            return;
        }

        var purpose = Text(purposeKey, since);
        // Due when the silence rule first made it due, whatever the window: planning a later window gives the same entry (same id, same
        // due date), which is overdue from then on. A silence that began outside the calendar's horizon keeps its date (no working days
        // are known there), planned at the start of the day, and is reported: the customer still gets the care.
        if (TryMoveWithinHorizon(silentFrom, Policy.DueOnHoliday) is not { } dueOn)
        {
            var dayStart = silentFrom.AtStartOfDayInZone(Calendar.Zone).ToInstant();
            entries.Add(new ContactPlanEntry(
                EntryId(subject, PlanKind.SilentCare, "silence", silentFrom), subject.Customer, PlanKind.SilentCare, settings.Channel, subject.AccountManager,
                silentFrom, dayStart, silentFrom.PlusDays(1).AtStartOfDayInZone(Calendar.Zone).ToInstant(), purpose, silentFrom));
            var horizon = new DateInterval(Calendar.Definition.HorizonStart, Calendar.Definition.HorizonEnd);
            DueDateUnchecked?.Invoke(this, new PlanDateUncheckedEventArgs(subject.Customer, PlanKind.SilentCare, silentFrom, Calendar.Name, horizon));
            return;
        }

        entries.Add(Entry(subject, PlanKind.SilentCare, "silence", silentFrom, dueOn, settings.Channel, purpose, silentFrom));
    }

    /// <summary>
    /// The date moved off a non-working day as <paramref name="shift"/> says, or null when the date, or a day the move reads, is outside
    /// the calendar's horizon (or the move finds no working day there).
    /// </summary>
    private LocalDate? TryMoveWithinHorizon(LocalDate date, HolidayShift shift)
    {
        if (Calendar.IsAlwaysOpen)
        {
            return date;
        }

        var (first, last) = (Calendar.Definition.HorizonStart, Calendar.Definition.HorizonEnd);
        if (date < first || date > last)
        {
            return null;
        }

        if (shift == HolidayShift.Keep)
        {
            return date;
        }

        var step = shift == HolidayShift.NextWorkingDay ? 1 : -1;
        for (var day = date; day >= first && day <= last; day = day.PlusDays(step))
        {
            if (Calendar.IsWorkingDay(day))
            {
                return day;
            }
        }

        return null;
    }

    private ContactPlanEntry Entry(PlanSubject subject, PlanKind kind, string key, LocalDate nominal, HolidayShift shift, ContactChannel channel, string purpose, LocalDate? occasion) =>
        Entry(subject, kind, key, nominal, MoveOffHoliday(nominal, shift), channel, purpose, occasion);

    private ContactPlanEntry Entry(PlanSubject subject, PlanKind kind, string key, LocalDate nominal, LocalDate dueOn, ContactChannel channel, string purpose, LocalDate? occasion)
    {
        var dayStart = dueOn.AtStartOfDayInZone(Calendar.Zone).ToInstant();
        var dayEnd = dueOn.PlusDays(1).AtStartOfDayInZone(Calendar.Zone).ToInstant();
        var open = Calendar.IsAlwaysOpen ? dayStart : Calendar.NextOpen(dayStart);
        var plannedAt = open < dayEnd ? open : dayStart;
        return new ContactPlanEntry(EntryId(subject, kind, key, nominal), subject.Customer, kind, channel, subject.AccountManager, dueOn, plannedAt, dayEnd, purpose, occasion);
    }

    private static PlanEntryId EntryId(PlanSubject subject, PlanKind kind, string key, LocalDate nominal) =>
        new($"{subject.Customer.Value}/{kind}/{key}/{nominal:yyyy-MM-dd}");

    private string Text(string key, params object?[] args) => Localization.Strings.Format(key, _culture, args);

    private static string Kebab(ContactChannel channel) => channel switch
    {
        ContactChannel.CareMessage => "care-message",
        ContactChannel.SupervisorCall => "supervisor-call",
        _ => channel.ToString().ToLowerInvariant(),
    };

    private static ImmutableArray<(string Name, LocalDate FirstDay)> HolidayRuns(ImmutableArray<Holiday> holidays)
    {
        // One occasion per holiday name and year: the first day of its first run (China's 2025 National Day run is split by Mid-Autumn).
        var runs = ImmutableArray.CreateBuilder<(string, LocalDate)>();
        var seen = new HashSet<(string, int)>();
        foreach (var holiday in holidays.Where(h => h.IsWholeDay && !string.IsNullOrWhiteSpace(h.Name)).OrderBy(h => h.Date))
        {
            if (seen.Add((holiday.Name, holiday.Date.Year)))
            {
                runs.Add((holiday.Name, holiday.Date));
            }
        }

        return runs.ToImmutable();
    }
}
