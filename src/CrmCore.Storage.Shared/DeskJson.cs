using System.Globalization;
using System.Text.Json;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Satisfaction;
using CrmCore.Sla;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>The list-valued fields of the desk's states as JSON text, mapped by hand through small row records (instants as Unix ticks).</summary>
internal static class DeskJson
{
    public static string Timeline(IReadOnlyList<ProgressNote> notes) =>
        JsonSerializer.Serialize(notes.Select(n => new NoteRow(n.At.ToUnixTimeTicks(), n.By, n.Text, n.IsCustomerFacing)).ToList());

    public static List<ProgressNote> Timeline(string json) =>
        [.. JsonSerializer.Deserialize<List<NoteRow>>(json)!.Select(r => new ProgressNote(Instant.FromUnixTimeTicks(r.At), r.By, r.Text, r.CustomerFacing))];

    public static string Strings(IReadOnlyList<string> values) => JsonSerializer.Serialize(values);

    public static List<string> Strings(string json) => JsonSerializer.Deserialize<List<string>>(json)!;

    public static string Contacts(IReadOnlyList<Contact> contacts) =>
        JsonSerializer.Serialize(contacts.Select(c => new ContactRow(c.Name, c.Role.Code, c.Phone, c.Email, c.Address, c.Birthday?.Month, c.Birthday?.Day)).ToList());

    public static List<Contact> Contacts(string json) =>
        [.. JsonSerializer.Deserialize<List<ContactRow>>(json)!.Select(r => Contact.Restore(r.Name, new ContactRole(r.Role), r.Phone, r.Email) with
        {
            Address = r.Address,
            Birthday = r.BirthMonth is { } m && r.BirthDay is { } d ? new AnnualDate(m, d) : null,
        })];

    public static string Dimensions(IReadOnlyDictionary<SatisfactionDimension, int> scores) =>
        JsonSerializer.Serialize(scores.ToDictionary(p => p.Key.Code, p => p.Value, StringComparer.Ordinal));

    public static Dictionary<SatisfactionDimension, int> Dimensions(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(json)!.ToDictionary(p => new SatisfactionDimension(p.Key), p => p.Value);

    public static string Escalations(IReadOnlyList<EscalationMark> marks) =>
        JsonSerializer.Serialize(marks.Select(m => new EscalationRow(m.Ladder, m.Level, m.RaisedAt.ToUnixTimeTicks())).ToList());

    public static List<EscalationMark> Escalations(string json) =>
        [.. JsonSerializer.Deserialize<List<EscalationRow>>(json)!.Select(r => new EscalationMark(r.Ladder, r.Level, Instant.FromUnixTimeTicks(r.At)))];

    public static string Warnings(IReadOnlyList<SlaWarningMark> marks) =>
        JsonSerializer.Serialize(marks.Select(m => new WarningRow(m.Metric.Code, m.Cycle, m.Breached, m.RaisedAt.ToUnixTimeTicks())).ToList());

    public static List<SlaWarningMark> Warnings(string json) =>
        [.. JsonSerializer.Deserialize<List<WarningRow>>(json)!.Select(r => new SlaWarningMark(new SlaMetric(r.Metric), r.Cycle, r.Breached, Instant.FromUnixTimeTicks(r.At)))];

    public static string Reminders(IReadOnlyList<ReminderMark> marks) =>
        JsonSerializer.Serialize(marks.Select(m => new ReminderRow(m.Kind, m.Key, m.SentAt.ToUnixTimeTicks())).ToList());

    public static List<ReminderMark> Reminders(string json) =>
        [.. JsonSerializer.Deserialize<List<ReminderRow>>(json)!.Select(r => new ReminderMark(r.Kind, r.Key, Instant.FromUnixTimeTicks(r.At)))];

    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    public static LocalDate Date(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static decimal Decimal(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private sealed record NoteRow(long At, string By, string Text, bool CustomerFacing);

    private sealed record ContactRow(string Name, string Role, string? Phone, string? Email, string? Address, int? BirthMonth, int? BirthDay);

    private sealed record EscalationRow(string Ladder, int Level, long At);

    private sealed record WarningRow(string Metric, int Cycle, bool Breached, long At);

    private sealed record ReminderRow(string Kind, string Key, long At);
}
