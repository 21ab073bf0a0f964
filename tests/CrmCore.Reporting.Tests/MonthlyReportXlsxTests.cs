using System.Globalization;
using MiniExcelLibs;
using static CrmCore.Reporting.Tests.ReportData;

namespace CrmCore.Reporting.Tests;

public sealed class MonthlyReportXlsxTests
{
    [Fact]
    public void Write_TwoMonths_HasEverySheetAndNumbersNotText()
    {
        using var stream = new MemoryStream();
        Report(withJanuary: true).WriteXlsx(stream, CultureInfo.GetCultureInfo("en"));

        stream.Position = 0;
        Assert.Equal(["Summary", "KPIs", "Daily", "Breakdowns", "Month over month", "Themes", "Churn risk"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var kpis = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "KPIs").Cast<IDictionary<string, object>>().ToList();
        var resolution = kpis.Single(r => (string)r["KPI"] == "resolution rate");
        Assert.Equal(0.8, Convert.ToDouble(resolution["Actual"], CultureInfo.InvariantCulture), 6);
        Assert.Equal(0.9, Convert.ToDouble(resolution["Target"], CultureInfo.InvariantCulture), 6);
        stream.Position = 0;
        Assert.Equal(28, MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Daily").Count());
    }

    [Fact]
    public void Write_Chinese_NamesSheetsInChinese()
    {
        using var stream = new MemoryStream();
        Report().WriteXlsx(stream, CultureInfo.GetCultureInfo("zh-Hans"));

        stream.Position = 0;
        Assert.Equal(["摘要", "指标", "每日", "分组", "负面主题", "流失风险"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var summary = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "摘要").Cast<IDictionary<string, object>>().Single();
        Assert.Equal("文档 001", summary["目标来源"]);
    }

    [Fact]
    public void Write_WithSupplements_AddsPlansAndAssetModelsAsNumbers()
    {
        using var stream = new MemoryStream();
        Report(supplements: Supplements()).WriteXlsx(stream, CultureInfo.GetCultureInfo("en"));

        stream.Position = 0;
        Assert.Equal(["Summary", "KPIs", "Daily", "Breakdowns", "Themes", "Churn risk", "Plans", "Asset models", "Completeness", "Missing fields"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var plans = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Plans").Cast<IDictionary<string, object>>().ToList();
        var wang = plans.Single(r => (string)r["Account manager"] == "wang.li");
        Assert.Equal(0.6, Convert.ToDouble(wang["Completion"], CultureInfo.InvariantCulture), 6);
        Assert.Equal(3, Convert.ToInt32(wang["Overdue"], CultureInfo.InvariantCulture));
        stream.Position = 0;
        var models = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Asset models").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["LaserJet M404", "X1"], models.Select(m => (string)m["Model"]));
        Assert.Equal(15, Convert.ToDouble(models[0]["Failures per 100 installed"], CultureInfo.InvariantCulture), 6);
        Assert.Equal(200, Convert.ToDouble(models[0]["MTBF (days)"], CultureInfo.InvariantCulture), 6);
    }

    [Fact]
    public void Write_WithCompleteness_TotalFirstThenManagers_SharesAsNumbers()
    {
        using var stream = new MemoryStream();
        Report(supplements: Supplements()).WriteXlsx(stream, CultureInfo.GetCultureInfo("zh-Hans"));

        stream.Position = 0;
        var rows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "资料完整性").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["资料完整的客户", "（无客户经理）", "wang.li", "li.qiang"], rows.Select(r => (string)r["范围"]));
        Assert.Equal(0.75, Convert.ToDouble(rows[0]["占比"], CultureInfo.InvariantCulture), 6);
        Assert.Equal(8, Convert.ToInt32(rows[0]["客户数"], CultureInfo.InvariantCulture));
        Assert.Equal("联系电话", (string)rows[2]["最常缺失"]);
        stream.Position = 0;
        var missing = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "缺失字段").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["负责客户经理", "联系电话", "电子邮箱"], missing.Select(r => (string)r["字段"]));
        Assert.Equal(0.125, Convert.ToDouble(missing[0]["占比"], CultureInfo.InvariantCulture), 6);
    }
}
