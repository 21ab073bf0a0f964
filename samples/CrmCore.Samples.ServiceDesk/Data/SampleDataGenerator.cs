using System.Globalization;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Samples.ServiceDesk.Data;

/// <summary>
/// Generates the sample month's customers and tickets from a fixed seed. Only plain data is produced here;
/// the month itself (<see cref="ServiceDeskMonth"/>) drives the library with it.
/// </summary>
internal static class SampleDataGenerator
{
    private static readonly string[] Industries = ["制造业", "零售业", "服务业", "科技/互联网"];
    private static readonly string[] Regions = ["华东", "华南", "华北", "西南", "华中"];
    private static readonly string[] Sources = ["官网表单", "电商平台", "线下门店", "转介绍"];

    // What each customer buys (document 001's 产品/服务类型), chosen by position so that the other seeds' random draws stay as they were.
    private static readonly string[][] ProductSets = [["产品A"], ["产品A", "安装服务"], ["产品B"], ["产品B", "维保服务"], ["产品A", "产品B"], ["维保服务"]];
    private static readonly string[] CityParts = ["上海", "深圳", "北京", "成都", "杭州", "武汉", "苏州", "广州", "南京", "重庆"];
    private static readonly string[] NameParts = ["华信", "联创", "恒远", "博达", "新源", "瑞丰", "嘉禾", "中科", "天成", "鼎盛", "安泰", "启明"];
    private static readonly string[] Suffixes = ["科技有限公司", "贸易有限公司", "制造有限公司", "服务有限公司", "电子商务有限公司"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰"];

    private static readonly (TicketType Type, double Weight, string[] Texts)[] TicketKinds =
    [
        (TicketType.Consultation, 0.40, ["咨询产品A的使用方法", "询问发票开具流程", "咨询续约价格"]),
        (TicketType.Fault, 0.25, ["系统登录异常", "设备无法开机", "数据同步失败"]),
        (TicketType.Complaint, 0.15, ["物流延迟三天", "客服响应太慢", "账单金额有误"]),
        (TicketType.Suggestion, 0.08, ["建议增加移动端功能", "建议优化报表导出"]),
        (TicketType.PreSales, 0.12, ["咨询新品报价", "询问批量采购折扣"]),
    ];

    private static readonly (Channel Channel, double Weight)[] Channels =
    [
        (Channel.Phone, 0.35), (Channel.OnlineChat, 0.30), (Channel.Email, 0.15),
        (Channel.WebForm, 0.12), (Channel.Visit, 0.03), (Channel.Sms, 0.05),
    ];

    private static readonly string[] GoodComments = ["响应及时，方案有效", "服务很专业", "解决得很快，满意", "Quick and helpful"];
    private static readonly string[] BadComments =
    [
        "响应太慢，等了很久", "问题没有解决，响应太慢", "价格太贵", "客服态度一般，问题没有解决",
        "等了很久才有人处理", "Slow response, waited too long",
    ];

    /// <summary>Generates the world for one month.</summary>
    /// <param name="seed">The random seed; the same seed gives the same world.</param>
    /// <param name="month">The simulated month.</param>
    /// <param name="zone">The desk's time zone.</param>
    /// <param name="customerCount">How many customers.</param>
    /// <param name="ticketCount">About how many tickets.</param>
    /// <param name="isOpen">Whether the desk is open at an instant: most requests arrive while it is.</param>
    public static SampleWorld Generate(int seed, YearMonth month, DateTimeZone zone, int customerCount, int ticketCount, Func<Instant, bool> isOpen)
    {
        var random = new Random(seed);
        var start = month.OnDayOfMonth(1);
        var customers = new List<CustomerSeed>(customerCount);
        for (var i = 0; i < customerCount; i++)
        {
            customers.Add(NewCustomer(random, i, start));
        }

        var tickets = new List<TicketSeed>(ticketCount);
        var days = month.Calendar.GetDaysInMonth(month.Year, month.Month);
        var monthStart = start.AtStartOfDayInZone(zone).ToInstant();
        var monthLength = Duration.FromDays(days);
        // Busy customers raise more: a skewed pick gives a realistic "who raises most requests" list.
        for (var i = 0; i < ticketCount; i++)
        {
            var customerIndex = (int)(Math.Pow(random.NextDouble(), 1.6) * customerCount);
            var raisedAt = RaisedAt(random, monthStart, monthLength, isOpen);
            tickets.Add(NewTicket(random, customerIndex, raisedAt, customers[customerIndex].Disgruntled));
        }

        tickets.Sort((a, b) => a.RaisedAt.CompareTo(b.RaisedAt));
        return new SampleWorld(customers, tickets, month, zone);
    }

    private static CustomerSeed NewCustomer(Random random, int index, LocalDate monthStart)
    {
        var city = Pick(random, CityParts);
        var core = Pick(random, NameParts);
        var name = string.Concat(city, core, Pick(random, Suffixes));
        // Annual amounts are log-normal: a few large accounts, many small ones.
        var amount = Math.Round((decimal)Math.Exp(10.4 + (random.NextDouble() * 3.2)), 0);
        var cooperationMonthsAgo = random.Next(1, 72);
        var firstCooperation = monthStart.PlusMonths(-cooperationMonthsAgo).PlusDays(random.Next(0, 27));
        var firstContact = firstCooperation.PlusDays(-random.Next(10, 120));
        LocalDate? contractEnd = random.NextDouble() < 0.7 ? monthStart.PlusDays(random.Next(-10, 400)) : null;
        var phone = string.Create(CultureInfo.InvariantCulture, $"13{random.Next(100_000_000, 999_999_999)}");
        var contact = string.Concat(Pick(random, Surnames), Pick(random, GivenNames));
        var email = string.Create(CultureInfo.InvariantCulture, $"contact{index}@example.com");
        var silentDays = random.NextDouble() < 0.15 ? random.Next(90, 200) : random.Next(0, 80);
        double? csat = random.NextDouble() < 0.8 ? Math.Round(2.5 + (random.NextDouble() * 2.5), 1) : null;
        return new CustomerSeed(
            Id: string.Empty,
            Name: name,
            ShortName: string.Concat(city, core),
            Industry: Pick(random, Industries),
            Region: Pick(random, Regions),
            Employees: random.Next(5, 5000),
            AnnualAmount: amount,
            FirstContact: firstContact,
            FirstCooperation: firstCooperation,
            ContractEnd: contractEnd,
            SourceChannel: Pick(random, Sources),
            DoNotContact: random.NextDouble() < 0.02,
            ContactName: contact,
            ContactPhone: phone,
            ContactEmail: email,
            ComplaintsPrev60Days: random.NextDouble() < 0.2 ? random.Next(1, 4) : 0,
            ConsultationsPrev60Days: random.Next(0, 6),
            DaysSinceLastInteraction: silentDays,
            CsatAverage: csat,
            Disgruntled: random.NextDouble() < 0.04)
        {
            // Migrated records have gaps: one customer in seven has no product on record (a recommended field of document 002's check).
            Products = index % 7 == 3 ? [] : ProductSets[index % ProductSets.Length],
        };
    }

    private static Instant RaisedAt(Random random, Instant monthStart, Duration monthLength, Func<Instant, bool> isOpen)
    {
        // Most requests arrive in office hours; some arrive at night, at weekends and on holidays.
        while (true)
        {
            var candidate = monthStart + Duration.FromTicks((long)(random.NextDouble() * monthLength.TotalTicks));
            if (isOpen(candidate) || random.NextDouble() < 0.08)
            {
                return Instant.FromUnixTimeSeconds(candidate.ToUnixTimeSeconds());
            }
        }
    }

    private static TicketSeed NewTicket(Random random, int customerIndex, Instant raisedAt, bool disgruntled)
    {
        // A disgruntled customer complains more and scores lower: the churn-risk rules should find them.
        var kind = disgruntled && random.NextDouble() < 0.5 ? TicketKinds[2] : PickWeighted(random, TicketKinds, k => k.Weight);
        var channel = PickWeighted(random, Channels, c => c.Weight).Channel;
        var roll = random.NextDouble();
        var urgency = roll < 0.06 ? Urgency.Major : roll < 0.25 ? Urgency.Urgent : Urgency.General;
        var csat = disgruntled ? random.Next(1, 4) : SampleCsat(random, kind.Type);
        int? nps = random.NextDouble() < 0.6 ? Math.Clamp((csat * 2) + random.Next(-2, 2), 0, 10) : null;
        var comment = csat <= 2 ? Pick(random, BadComments) : csat >= 4 && random.NextDouble() < 0.5 ? Pick(random, GoodComments) : string.Empty;
        return new TicketSeed(
            CustomerIndex: customerIndex,
            RaisedAt: raisedAt,
            Urgency: urgency,
            Type: kind.Type,
            Channel: channel,
            Description: Pick(random, kind.Texts),
            CustomerWaits: random.NextDouble() < 0.15,
            NoActionNeeded: random.NextDouble() < 0.03,
            Reopens: random.NextDouble() < 0.04,
            Csat: csat,
            Nps: nps,
            Comment: comment);
    }

    private static int SampleCsat(Random random, TicketType type)
    {
        var roll = random.NextDouble();
        var complaint = type == TicketType.Complaint;
        return roll switch
        {
            < 0.04 => 1,
            < 0.08 => 2,
            _ when complaint && roll < 0.2 => 2,
            < 0.18 => 3,
            < 0.45 => 4,
            _ => 5,
        };
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static T PickWeighted<T>(Random random, T[] items, Func<T, double> weight)
    {
        var total = items.Sum(weight);
        var roll = random.NextDouble() * total;
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll <= 0)
            {
                return item;
            }
        }

        return items[^1];
    }
}
