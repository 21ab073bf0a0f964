namespace CrmCore.Import.Mapping;

/// <summary>
/// A field that two or more columns of a header row are mapped to (<c>公司名称</c> and <c>客户名称</c> both to <c>Name</c>). Every import
/// reads such a field from the first (leftmost) of its columns only, and its report says so at the header
/// (<see cref="Reports.ImportReport.SharedFields"/>); the customer's phone is the one field read from every column mapped to it (each
/// number is kept). Immutable.
/// </summary>
/// <param name="Field">The field's name.</param>
/// <param name="Columns">The 1-based numbers of its columns, in order: the first is read, the others are not.</param>
/// <param name="Headers">Those columns' headers, in the same order.</param>
public sealed record SharedField(string Field, IReadOnlyList<int> Columns, IReadOnlyList<string> Headers);
