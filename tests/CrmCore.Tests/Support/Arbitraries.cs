using FsCheck;
using FsCheck.Fluent;

namespace CrmCore.Tests.Support;

/// <summary>FsCheck generators for CrmCore tests: sequences of ticket operations.</summary>
public static class Arbitraries
{
    private static readonly TicketOperationKind[] DirectKinds = Enum.GetValues<TicketOperationKind>()
        .Where(k => k is not TicketOperationKind.AnyAllowedMove)
        .ToArray();

    /// <summary>Operation sequences of 0–60 steps: half of the steps take an allowed move, the rest are arbitrary (often refused).</summary>
    public static Arbitrary<TicketOperation[]> TicketOperations() =>
        Operation().ArrayOf().Resize(60).ToArbitrary();

    /// <summary>Tag operations: (add?, tag) pairs over a small pool of Chinese and English tags, some with stray spaces, so repeats are common.</summary>
    public static Arbitrary<(bool Add, string Tag)[]> TagOperations() =>
        Gen.Zip(
                Gen.Frequency((2, Gen.Constant(true)), (1, Gen.Constant(false))),
                Gen.Elements("高价值", " 高价值", "近期有投诉记录", "高频咨询产品A", "偏好新品 ", "VIP", "vip"))
            .ArrayOf()
            .ToArbitrary();

    /// <summary>Phone numbers the phone rule accepts: mainland mobiles with separators and a +86/0086 prefix, or landlines with their area code.</summary>
    public static Arbitrary<PhoneNumber> PhoneNumbers() =>
        Gen.Choose(0, 9).Select(d => (char)('0' + d))
            .ArrayOf(8)
            .SelectMany(
                _ => Gen.Elements("1", "13", "15", "18", "19", "021", "010", "0755"),
                (digits, lead) => lead.Length == 1 ? "17" + new string(digits) + "9" : lead.StartsWith('1') ? lead + "9" + new string(digits) : lead + new string(digits))
            .SelectMany(_ => Gen.Elements("", "+86 ", "0086 "), (number, prefix) => (number, prefix))
            .Select(p => p.number[0] == '0' && p.prefix.Length > 0 ? p.prefix + p.number[1..] : p.prefix + p.number)
            .Select(text => new PhoneNumber(string.Join('-', text.Chunk(4).Select(c => new string(c)))))
            .ToArbitrary();

    private static Gen<TicketOperation> Operation()
    {
        var kind = Gen.Frequency(
            (10, Gen.Constant(TicketOperationKind.AnyAllowedMove)),
            (10, Gen.Elements(DirectKinds)));
        var advance = Gen.Frequency(
            (6, Gen.Choose(0, 120)),
            (3, Gen.Choose(120, 3 * 24 * 60)),
            (1, Gen.Choose(6 * 24 * 60, 9 * 24 * 60)));
        return kind.SelectMany(k => advance, (k, a) => (k, a))
            .SelectMany(_ => Gen.Choose(0, 100), (ka, pick) => new TicketOperation(ka.k, ka.a, pick));
    }
}
