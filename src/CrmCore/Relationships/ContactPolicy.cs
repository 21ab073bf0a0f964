using System.Collections.Immutable;
using CrmCore.Calendars;

namespace CrmCore.Relationships;

/// <summary>
/// A relationship maintenance policy: contact cadences by tier, birthday and holiday care, contract-expiry warnings, churn follow-ups
/// and care for silent customers, and where a due date on a holiday moves. Loaded from JSON by <see cref="ContactPolicyJson"/>;
/// documents 001 and 003 ship as <see cref="Document001"/> and <see cref="Document003"/>. Immutable and thread-safe.
/// Do-not-contact is not a setting: it is always enforced (see <see cref="ContactPlanBook"/>).
/// </summary>
public sealed record ContactPolicy
{
    private static readonly Lazy<ContactPolicy> Doc001 = new(() => ContactPolicyJson.Load(EmbeddedText.Read("Relationships.Defaults.contact-policy-doc001.json")).GetValueOrThrow());
    private static readonly Lazy<ContactPolicy> Doc003 = new(() => ContactPolicyJson.Load(EmbeddedText.Read("Relationships.Defaults.contact-policy-doc003.json")).GetValueOrThrow());

    /// <summary>Document 001: A weekly call and monthly visit; B a call every 2 weeks and a monthly email; C a monthly email/SMS batch;
    /// birthday and holiday care 3 days ahead; contract-expiry warning 30 days ahead.</summary>
    public static ContactPolicy Document001 => Doc001.Value;

    /// <summary>Document 003: high value (高价值) a monthly revisit; potential (潜力) every 2 months; silent customers a care message;
    /// churn risk a supervisor call within 24 business hours; birthday and holiday care 3 days ahead; contract-expiry warning 30 days ahead.</summary>
    public static ContactPolicy Document003 => Doc003.Value;

    /// <summary>The policy's name, for example <c>document-001</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The regular contacts by tier; a tier with no cadence gets no regular contact.</summary>
    public ImmutableArray<ContactCadence> Cadences { get; init; } = [];

    /// <summary>Where a regular contact, contract warning or churn follow-up due on a non-working day moves. Default <see cref="HolidayShift.NextWorkingDay"/>.</summary>
    public HolidayShift DueOnHoliday { get; init; } = HolidayShift.NextWorkingDay;

    /// <summary>Birthday and holiday care; null for none.</summary>
    public CareSettings? Care { get; init; }

    /// <summary>Contract-expiry warnings; null for none.</summary>
    public ContractExpirySettings? ContractExpiry { get; init; }

    /// <summary>Churn follow-ups; null for none.</summary>
    public ChurnFollowUpSettings? ChurnFollowUp { get; init; }

    /// <summary>Care for silent customers; null for none.</summary>
    public SilentCareSettings? SilentCare { get; init; }

    /// <summary>
    /// Finds the parts of this policy that would plan nothing on <paramref name="calendar"/> for customers of <paramref name="tiers"/>:
    /// each care holiday name that is part of no holiday name of the calendar (naming the calendar's holidays and the closest one, so
    /// <c>Spring Festval</c> suggests <c>Spring Festival (春节)</c>), and, when tiers are given, each cadence tier that none of them is.
    /// These are warnings: the policy is valid and plans the rest. Each problem's path is the policy JSON's
    /// (<c>$.care.holidays[0]</c>, <c>$.cadences[1].tiers[0]</c>); <see cref="ContactPolicyJson.Check"/> adds the line and column of a
    /// policy file.
    /// </summary>
    /// <param name="calendar">The calendar the policy plans on.</param>
    /// <param name="tiers">The tiers of the customers planned (null or blank for a customer with none); null to leave cadences unchecked.</param>
    /// <returns>The warnings; empty when every part can plan something.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    public ImmutableArray<LoadProblem> Check(BusinessCalendar calendar, IEnumerable<string?>? tiers = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return ContactPolicyCheck.Run(this, calendar, tiers);
    }

    /// <summary>The cadences that apply to a tier.</summary>
    /// <param name="tier">The tier name; null has none.</param>
    /// <returns>The cadences, in policy order.</returns>
    public IEnumerable<ContactCadence> CadencesFor(string? tier) => Cadences.Where(c => c.AppliesTo(tier));
}
