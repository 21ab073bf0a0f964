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
