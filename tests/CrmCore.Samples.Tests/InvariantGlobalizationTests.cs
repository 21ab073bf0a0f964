using CrmCore.Tests.Support;

namespace CrmCore.Samples.Tests;

/// <summary>
/// The sample service desk, a host of the library, run as a real process in .NET's invariant globalization mode (hosts and containers
/// without ICU, such as Alpine images, which set <c>DOTNET_SYSTEM_GLOBALIZATION_INVARIANT</c>): the library never fails for want of a
/// culture, and serves its zh-Hans texts when the host may make cultures by name (the sample's <c>PredefinedCulturesOnly</c> is off).
/// Slow: keep these few.
/// </summary>
public sealed class InvariantGlobalizationTests
{
    private static readonly string[] SmallMonth = ["--store", "memory", "--customers", "20", "--tickets", "40"];

    [Fact]
    public void Month_WithoutCultureData_PrintsTheLibrarysChineseTexts()
    {
        var (exit, output, error) = Run(new() { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" }, [.. SmallMonth, "--lang", "zh-Hans"]);

        Assert.True(exit == 0, error);
        // 按状态 is the sample's own text; 已关闭 (Closed) is the library's, from its zh-Hans satellite assembly.
        Assert.Contains("按状态: 已关闭", output, StringComparison.Ordinal);
        Assert.DoesNotContain("注意：此处无法运行 SmartCn", output, StringComparison.Ordinal); // words, with cultures made by name
    }

    [Fact]
    public void Month_WhereNoCultureCanBeMade_RunsInEnglish()
    {
        var (exit, output, error) = Run(
            new() { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1", ["DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY"] = "1" }, SmallMonth);

        Assert.True(exit == 0, error);
        Assert.Contains("by status: Closed", output, StringComparison.Ordinal);
        // Knowledge suggestions still work, by character pairs, and say so.
        Assert.Contains("note: SmartCn cannot run here", output, StringComparison.Ordinal);
        Assert.Matches(@"  [1-9]\d* of 40 tickets got at least one article", output);
    }

    private static (int Exit, string Output, string Error) Run(Dictionary<string, string> environment, string[] args) =>
        DotnetProcess.Run(Path.Combine(AppContext.BaseDirectory, "CrmCore.Samples.ServiceDesk.dll"), args, environment);
}
