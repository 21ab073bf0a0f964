using CrmCore.Access;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Tests.Support;
using NodaTime;

namespace CrmCore.Tests.Access;

/// <summary>Three customers and the six roles of documents 000/001.</summary>
internal static class AccessData
{
    public const string Phone = "138 0013 8000";
    public const string Email = "zhang.wei@example.com";
    public const string Address = "上海市浦东新区世纪大道100号";

    public static readonly AgentId AgentLi = new("li.na");
    public static readonly AgentId AgentWang = new("wang.fang");
    public static readonly AgentId ManagerZhao = new("zhao.lei");
    public static readonly TeamId Team1 = new("east");

    /// <summary>C1 followed by li.na, C2 by wang.fang (both team east), C3 by zhao.lei (another team).</summary>
    public static CustomerState Make(string id, AgentId manager) => Customer.Create(
        new CustomerId(id),
        new CustomerProfile
        {
            Name = "科技互联网有限公司 " + id,
            ShortName = "科技" + id,
            Industry = Industry.Technology,
            FirstContactOn = new LocalDate(2024, 1, 5),
            AccountManager = manager,
            Transactions = new TransactionSummary(new LocalDate(2023, 6, 1), Money.Cny(600_000m), ["ERP"], 12),
            Contacts =
            [
                new Contact("张伟", ContactRole.DecisionMaker)
                {
                    Phone = Phone, Email = Email, Address = Address, Birthday = new AnnualDate(5, 20),
                },
            ],
        },
        TestData.Start).ToState();

    public static CustomerState C1 { get; } = Make("KH0001", AgentLi);

    public static CustomerState C2 { get; } = Make("KH0002", AgentWang);

    public static CustomerState C3 { get; } = Make("KH0003", ManagerZhao);

    public static IReadOnlyList<CustomerState> All { get; } = [C1, C2, C3];

    public static Principal Agent => new(AgentLi, ["agent"], Team1, [AgentWang]);

    public static Principal Supervisor => new(new AgentId("sun.qi"), ["supervisor"], Team1, [AgentLi, AgentWang]);

    public static Principal AccountManager => new(ManagerZhao, ["account-manager"]);

    public static Principal Marketing => new(new AgentId("zhou.min"), ["marketing"]);

    public static Principal Analyst => new(new AgentId("wu.hao"), ["analyst"]);

    public static Principal Admin => new(new AgentId("root"), ["admin"]);
}
