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
        Assert.Equal(["KPIs", "Daily", "Breakdowns", "Month over month", "Themes", "Churn risk"], MiniExcel.GetSheetNames(stream));
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
        Assert.Equal(["指标", "每日", "分组", "负面主题", "流失风险"], MiniExcel.GetSheetNames(stream));
    }

    [Fact]
    public void Write_WithSupplements_AddsPlansAndAssetModelsAsNumbers()
    {
        using var stream = new MemoryStream();
        Report(supplements: Supplements()).WriteXlsx(stream, CultureInfo.GetCultureInfo("en"));

        stream.Position = 0;
        Assert.Equal(["KPIs", "Daily", "Breakdowns", "Themes", "Churn risk", "Plans", "Asset models"], MiniExcel.GetSheetNames(stream));
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
}
