using System.Collections.Frozen;
using System.Text;
using CrmCore.Normalization;

namespace CrmCore.Import.Mapping;

/// <summary>
/// How the columns of a table become customer fields: column header → field, constant values for fields the table does not have,
/// and value maps per field (<c>紧急 → Urgent</c>, <c>重要客户 → A</c>). Headers are matched after cleaning (width, case, spaces; a
/// bracketed unit such as <c>（元）</c> or <c>(1-5分)</c> may be left off). <see cref="Customers"/> is the built-in mapping for document
/// 001's customer table in Chinese and English; a mapping file (<see cref="ImportMappingFile"/>) extends it. Immutable and thread-safe.
/// </summary>
public sealed class ImportMapping
{
    private readonly FrozenDictionary<string, CustomerField> _columns;

    /// <summary>Creates a mapping.</summary>
    /// <param name="columns">Column header → field.</param>
    /// <param name="constants">Field → a value every row gets when its own cell is blank; default none.</param>
    /// <param name="values">Field → (cell value → value to use); matched after cleaning, case-insensitive; default none.</param>
    public ImportMapping(
        IEnumerable<KeyValuePair<string, CustomerField>> columns,
        IEnumerable<KeyValuePair<CustomerField, string>>? constants = null,
        IEnumerable<KeyValuePair<CustomerField, IReadOnlyDictionary<string, string>>>? values = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var map = new Dictionary<string, CustomerField>(StringComparer.Ordinal);
        foreach (var (header, field) in columns)
        {
            map[HeaderKey(header)] = field;
        }

        _columns = map.ToFrozenDictionary(StringComparer.Ordinal);
        Columns = map;
        Constants = (constants ?? []).ToDictionary(p => p.Key, p => p.Value);
        Values = (values ?? []).ToDictionary(
            p => p.Key,
            p => (IReadOnlyDictionary<string, string>)p.Value.ToDictionary(v => ValueKey(v.Key), v => v.Value, StringComparer.Ordinal));
    }

    /// <summary>The built-in mapping for customer tables: document 001's Chinese headers, their usual variants and English names.</summary>
    public static ImportMapping Customers { get; } = new(BuiltInColumns());

    /// <summary>Column header (cleaned) → field.</summary>
    public IReadOnlyDictionary<string, CustomerField> Columns { get; }

    /// <summary>Field → constant value.</summary>
    public IReadOnlyDictionary<CustomerField, string> Constants { get; }

    /// <summary>Field → value map (keys cleaned and lower-cased).</summary>
    public IReadOnlyDictionary<CustomerField, IReadOnlyDictionary<string, string>> Values { get; }

    /// <summary>This mapping with another laid over it: its columns, constants and value maps win.</summary>
    /// <param name="overrides">The mapping to lay over this one.</param>
    /// <returns>The combined mapping.</returns>
    public ImportMapping With(ImportMapping overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var columns = Columns.ToDictionary(StringComparer.Ordinal);
        foreach (var (k, v) in overrides.Columns)
        {
            columns[k] = v;
        }

        var constants = Constants.ToDictionary();
        foreach (var (k, v) in overrides.Constants)
        {
            constants[k] = v;
        }

        var values = Values.ToDictionary();
        foreach (var (k, v) in overrides.Values)
        {
            values[k] = v;
        }

        return new ImportMapping(columns, constants, values);
    }

    /// <summary>The field a header maps to, or null when it is not mapped.</summary>
    /// <param name="header">The header as it appears in the table.</param>
    /// <returns>The field, or null.</returns>
    public CustomerField? Resolve(string? header)
    {
        var key = HeaderKey(header);
        if (key.Length == 0)
        {
            return null;
        }

        if (_columns.TryGetValue(key, out var field))
        {
            return field;
        }

        var bare = WithoutBrackets(key);
        return bare.Length > 0 && _columns.TryGetValue(bare, out field) ? field : null;
    }

    /// <summary>Applies the value map of a field to a cleaned cell value.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The cleaned value.</param>
    /// <returns>The mapped value, or the value itself.</returns>
    internal string MapValue(CustomerField field, string value) =>
        Values.TryGetValue(field, out var map) && map.TryGetValue(ValueKey(value), out var mapped) ? mapped : value;

    internal static string HeaderKey(string? header)
    {
        var clean = TextNormalizer.Clean(header);
        if (clean is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(clean.Length);
        foreach (var c in clean)
        {
            if (!char.IsWhiteSpace(c) && c is not ('*' or '_' or ':' or '：'))
            {
                builder.Append(char.ToLowerInvariant(c == '（' ? '(' : c == '）' ? ')' : c));
            }
        }

        return builder.ToString();
    }

    private static string ValueKey(string value) => (TextNormalizer.Clean(value) ?? string.Empty).ToLowerInvariant();

    private static string WithoutBrackets(string key)
    {
        var open = key.IndexOf('(', StringComparison.Ordinal);
        return open > 0 ? key[..open] : key;
    }

    private static IEnumerable<KeyValuePair<string, CustomerField>> BuiltInColumns()
    {
        (CustomerField Field, string[] Headers)[] table =
        [
            (CustomerField.Ignore, ["序号", "No.", "No", "#", "错误原因", "导入问题", "行号", "Problem", "Import problem", "Line"]),
            (CustomerField.Id, ["客户编号", "客户ID", "客户代码", "编号", "Customer id", "CustomerId", "Id"]),
            (CustomerField.Name, ["客户名称", "客户名称(简称)", "客户全称", "公司名称", "企业名称", "Name", "Customer name", "Customer", "Company"]),
            (CustomerField.ShortName, ["简称", "客户简称", "Short name", "ShortName"]),
            (CustomerField.Industry, ["所属行业", "行业", "Industry"]),
            (CustomerField.Tier, ["客户等级", "等级", "价值分层", "客户分层", "Tier", "Level"]),
            (CustomerField.AccountManager, ["负责客户经理", "客户经理", "负责人", "Account manager", "AccountManager", "Owner"]),
            (CustomerField.ContactName, ["联系人", "对接人", "联系人姓名", "Contact", "Contact name", "ContactName"]),
            (CustomerField.ContactRole, ["联系人角色", "联系人职务", "职务", "Contact role", "ContactRole", "Role"]),
            (CustomerField.Phone, ["联系方式", "联系电话", "电话", "手机", "手机号", "手机号码", "Phone", "Mobile", "Telephone", "Tel"]),
            (CustomerField.Email, ["邮箱", "电子邮箱", "电子邮件", "E-mail", "Email", "Mail"]),
            (CustomerField.Address, ["地址", "联系地址", "公司地址", "Address"]),
            (CustomerField.FirstContactOn, ["首次接触时间", "首次联系时间", "首次接触日期", "First contact", "First contact on", "FirstContactOn"]),
            (CustomerField.FirstCooperationOn, ["首次合作时间", "首次合作日期", "合作开始时间", "First cooperation", "First cooperation on", "FirstCooperationOn"]),
            (CustomerField.AnnualAmount, ["年合作金额", "年合作金额(元)", "年合作金额(万元)", "合作金额", "Annual amount", "AnnualAmount"]),
            (CustomerField.Products, ["产品/服务类型", "产品", "产品类型", "服务类型", "Products", "Product"]),
            (CustomerField.OrdersPerYear, ["合作频次", "年订单数", "Orders per year", "OrdersPerYear"]),
            (CustomerField.Employees, ["员工人数", "规模(员工人数)", "Employees"]),
            (CustomerField.AnnualRevenue, ["年营收", "年营业收入", "Annual revenue", "AnnualRevenue"]),
            (CustomerField.Source, ["来源渠道", "客户来源", "首次接触渠道", "Source", "Channel"]),
            (CustomerField.UpdatedOn, ["更新时间", "最后更新", "更新日期", "Updated", "Updated on", "UpdatedOn"]),
        ];
        foreach (var (field, headers) in table)
        {
            foreach (var header in headers)
            {
                yield return new(header, field);
            }
        }
    }
}
