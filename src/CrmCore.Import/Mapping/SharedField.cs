using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Import.Mapping;

/// <summary>
/// A field that two or more columns of a header row are mapped to (<c>客户名称</c> and <c>公司名称</c> both to <c>Name</c>). Every import,
/// the customer import and the table engine alike, reads such a field row by row from the first of its columns that holds a value (a
/// row whose <c>客户名称</c> is blank takes its <c>公司名称</c>); the later columns' values in that row are not imported. Its report says so
/// at the header (<see cref="Reports.ImportReport.SharedFields"/>) and lists every such column as mapped. The customer's phone is the one
/// field read from every column mapped to it (each number is kept), so it is never a shared field. Immutable.
/// </summary>
/// <param name="Field">The field's name (the enum's: <c>Name</c>, <c>PlannedAt</c>), as a mapping file writes it.</param>
/// <param name="Columns">The 1-based numbers of its columns, in the order a row tries them.</param>
/// <param name="Headers">Those columns' headers, in the same order.</param>
public sealed record SharedField(string Field, IReadOnlyList<int> Columns, IReadOnlyList<string> Headers)
{
    /// <summary>The field's name in Chinese: the header the built-in mapping knows it by (客户名称 for <c>Name</c>, 计划执行时间 for
    /// <c>PlannedAt</c>, as the import's reasons name a missing column); <see cref="Field"/> when the mapping has no Chinese header for it.</summary>
    public string ChineseField { get; init; } = Field;

    /// <summary>The field's name in a culture's language: <see cref="ChineseField"/> in zh-Hans, <see cref="Field"/> otherwise.</summary>
    /// <param name="culture">The language; null for the current UI culture.</param>
    /// <returns>The name.</returns>
    public string FieldName(CultureInfo? culture) => TextCultures.IsSimplifiedChinese(culture) ? ChineseField : Field;
}
