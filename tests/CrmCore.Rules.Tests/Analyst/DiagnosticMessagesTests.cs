using System.Globalization;
using CrmCore.Rules.Diagnostics;

namespace CrmCore.Rules.Tests.Analyst;

/// <summary>Every loader and compiler message an analyst meets has its Chinese text, with the names it quotes kept.</summary>
public class DiagnosticMessagesTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","expression":"true"}]}]""", RuleDiagnosticCodes.UnknownKey, "`expression` 不是规则的字段（字段区分大小写）。您是不是想写 `Expression`？" },
        { """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","ErrorType":"Error","Expression":"true"}]}]""", RuleDiagnosticCodes.RemovedKey, "RulesEngine 已不再读取 `ErrorType`，它会被忽略；请删除。" },
        { """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","Expression":"true"},{"RuleName":"r","SuccessEvent":"u","Expression":"true"}]}]""", RuleDiagnosticCodes.DuplicateRuleName, "规则名称 `r` 在此工作流中使用了两次；规则名称必须唯一。" },
        { """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","Expression":"true"}]}]""", RuleDiagnosticCodes.ConventionViolation, "Tagging 规则需要 `SuccessEvent`：标签名称。" },
        { """[{"WorkflowName":"Taging","Rules":[{"RuleName":"r","SuccessEvent":"t","Expression":"true"}]}]""", RuleDiagnosticCodes.UnknownWorkflowKind, "`Taging` 不是工作流类型。工作流名称是一个类型（Tiering、Tagging、Priority、Routing、ChurnRisk、Escalation），后面可以加 `.` 和后缀。您是不是想写 `Tagging`？" },
        { """[{"WorkflowName":"Priority","Rules":[{"RuleName":"r","SuccessEvent":"t","Properties":{"Points":"ten"},"Expression":"true"}]}]""", RuleDiagnosticCodes.WrongValueType, "`Properties.Points` 必须是数字。" },
        { """[{"WorkflowName":"Priority","Rules":[{"RuleName":"r","SuccessEvent":"t","Properties":{"Points":1},"Expression":"ticket.IsOverdue"}]}]""", RuleDiagnosticCodes.TimeDependentFactInPriority, "Priority 规则不能读取随时间变化的事实（`IsOverdue`）。" },
        { """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","Operator":"and","Rules":[{"RuleName":"a","Expression":"true"}]}]}]""", RuleDiagnosticCodes.InvalidEnumValue, "`Operator` \"and\" 无效" },
        { """[{"WorkflowName":"Tagging","Rules":"none"}]""", RuleDiagnosticCodes.WrongValueType, "`Rules` 必须是数组，而不是字符串。" },
        { """[{"WorkflowName":"Escalation","Rules":[{"RuleName":"r","SuccessEvent":"t","Properties":{"Description":"lead"},"Expression":"true"}]}]""", RuleDiagnosticCodes.ConventionViolation, "此规则需要 `Properties.Ladder`（升级路径名称）。" },
        { """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","Properties":{"Ponts":1},"Expression":"true"}]}]""", RuleDiagnosticCodes.ConventionViolation, "Tagging 工作流不读取 `Properties.Ponts`。" },
        { """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","Expression":"DateTime.Now.Year > 2000"}]}]""", RuleDiagnosticCodes.SandboxViolation, "此处不允许读取系统时钟或计算机设置：时间请使用按注入时钟计算的事实（例如 `customer.DaysSinceLastInteraction`）。详情：表达式读取了 `DateTime.Now`。表达式：`DateTime.Now.Year > 2000`。" },
        { """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","Expression":"customer.Industry.GetType().Name == \"x\""}]}]""", RuleDiagnosticCodes.SandboxViolation, "规则中任何时候都不允许查看程序自身的类型（反射）：规则只能读取事实。详情：表达式调用了 `GetType`" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Get_Chinese_TranslatesTheWholeMessage(string json, string code, string chinese)
    {
        var d = RuleLoader.Load("f.json", json).Diagnostics.First(x => x.Code == code);

        var zh = RuleDiagnosticMessages.Get(d, Zh);

        Assert.Contains(chinese, zh, StringComparison.Ordinal);
        Assert.Equal(d.Message, RuleDiagnosticMessages.Get(d, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryTranslate_UnknownMessage_Null()
    {
        Assert.Null(RuleDiagnosticMessages.TryTranslate("Something nobody wrote."));
    }
}
