using System.Globalization;
using CrmCore.Access;
using CrmCore.Agents;
using CrmCore.Assets;
using CrmCore.Calendars;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Identifiers;
using CrmCore.Relationships;
using CrmCore.Storage;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Tests.Localization;

/// <summary>
/// <see cref="CrmException.LocalizedMessage"/> promises English and zh-Hans texts for CrmCore's own exceptions (QA, wave 18: four spoke
/// English only). Every concrete subclass in the CrmCore assembly has an example here, so a new exception without one fails
/// <see cref="EveryCrmException_HasAnExample"/>; the examples' zh-Hans texts must be Chinese and their English texts English.
/// </summary>
public sealed class CrmExceptionTextsTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>One or more examples of every concrete CrmException subclass, with the zh-Hans text each must give.</summary>
    public static TheoryData<string, CrmException, string> Examples => new()
    {
        { "ConcurrencyConflict", new ConcurrencyConflictException("customer KH0001", 1, 2), "客户 KH0001 已被他人修改：读取时为版本 1，现存版本 2。未写入任何内容。" },
        { "CustomerAlreadyRegistered", new CustomerAlreadyRegisteredException(new CustomerId("KH0001")), "客户 KH0001 已经登记过，未写入任何内容。" },
        { "QueueChangesPruned", new QueueChangesPrunedException(5, 9), "队列第 5 号之后的变更已不全（第 9 号及之前的变更已被清理）：请从存储重建队列。" },
        { "PublicationNotFound rules", new PublicationNotFoundException(PublicationKind.RuleSet, "crm-rules", 3), "规则集“crm-rules”没有已发布的版本 3。" },
        { "PublicationNotFound calendar", new PublicationNotFoundException(PublicationKind.Calendar, "cn-standard", 2), "日历“cn-standard”没有已发布的版本 2。" },
        { "SchemaVersion newer", new SchemaVersionException("desk.db", 9, 7), "“desk.db”的 CrmCore 数据库架构为版本 9，比本库的版本 7 新：请升级此主机上的 CrmCore。" },
        {
            "SchemaVersion older", new SchemaVersionException("desk.db", 5, 7),
            "“desk.db”的 CrmCore 数据库架构为版本 5，但本库需要版本 7，且自动准备架构已关闭：请先运行“crm db migrate”，或执行“crm db script”给出的脚本。"
        },
        { "AccessDenied", new AccessDeniedException(AccessDenial.OutOfScope, new Principal(new AgentId("A002"), ["agent"]), new CustomerId("KH0001")), string.Empty },
        { "CustomerContactRefused", new CustomerContactRefusedException(new CustomerId("KH0001")), string.Empty },
        { "IdSequenceExhausted", new IdSequenceExhaustedException("WT{yyyyMM}{seq:3}", "202603", 999), string.Empty },
        {
            "HolidayCoverage",
            new HolidayCoverageException(new HolidayCoverageEventArgs("cn", new DateInterval(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)), new LocalDate(2027, 1, 4), "AddWorkingDays")),
            string.Empty
        },
        {
            "CalendarHorizon",
            CalendarHorizonException.For("cn", Instant.FromUtc(2030, 1, 1, 0, 0), new Interval(Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2027, 1, 1, 0, 0))),
            string.Empty
        },
        { "PlanTransition", new PlanTransitionException(new PlanEntryId("P1"), PlanStatus.Completed, PlanMove.Start), string.Empty },
        { "AssetHierarchy", new AssetHierarchyException(new AssetId("AS1"), new AssetId("AS2"), cycle: true), string.Empty },
        { "TicketTransition", new TicketTransitionException(new TicketId("WT1"), TicketStatus.Pending, TicketMove.Close, TicketTransitionFailure.MoveNotAllowed), string.Empty },
    };

    [Fact]
    public void EveryCrmException_HasAnExample()
    {
        var concrete = typeof(CrmException).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CrmException)) && !t.IsAbstract)
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);
        var examples = Examples.Select(row => ((CrmException)row[1]).GetType().Name).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(concrete, examples);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void LocalizedMessage_IsChineseInZhHans_AndEnglishOtherwise(string why, CrmException exception, string expectedChinese)
    {
        var chinese = exception.LocalizedMessage(Chinese);
        var english = exception.LocalizedMessage(English);

        Assert.NotEqual(typeof(CrmException), exception.GetType().GetMethod(nameof(CrmException.LocalizedMessage))!.DeclaringType);
        Assert.True(chinese.Any(IsHan), $"{why}: {chinese}");
        Assert.False(english.Any(IsHan), $"{why}: {english}");
        Assert.False(exception.Message.Any(IsHan), $"{why}: {exception.Message}");
        Assert.Equal(english, exception.LocalizedMessage(CultureInfo.InvariantCulture));
        if (expectedChinese.Length > 0)
        {
            Assert.Equal(expectedChinese, chinese);
            Assert.Equal(exception.Message, english);
        }
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
}
