using System.Runtime.CompilerServices;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Import.Localization;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Localization;
using CrmCore.Normalization;

namespace CrmCore.Import.Customers;

/// <summary>A problem with one cell of a row: the column index (-1 when none), its header, and the reason's code and text.</summary>
internal sealed record CellProblem(int Column, string Header, string Code, string Reason)
{
    /// <summary>A problem with a reason.</summary>
    public CellProblem(int column, string header, RowReason reason)
        : this(column, header, reason.Code, reason.Text)
    {
    }
}

/// <summary>Turns the cells of a row into a <see cref="CustomerRow"/> through the mapping, or lists every cell that is not valid.</summary>
internal sealed partial class CustomerRowParser
{
    private const int MaxText = 500;
    private static readonly SearchValues<char> ListSeparators = SearchValues.Create("、,;，；\n|");
    private readonly ImportMapping<CustomerField> _mapping;
    private readonly CultureInfo? _culture;
    private readonly Column[] _columns;
    private readonly (CustomerField Field, string Value, IReadOnlyDictionary<string, string>? Values)[] _constants;
    private readonly NameMap<Industry> _industries;
    private readonly NameMap<CustomerSource> _sources;
    private readonly NameMap<ContactRole> _roles;

    public CustomerRowParser(ImportMapping<CustomerField> mapping, IReadOnlyList<string> headers, CultureInfo? culture)
    {
        _mapping = mapping;
        _culture = culture;
        var columns = new List<Column>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (mapping.Resolve(headers[i]) is { } field && field != CustomerField.Ignore)
            {
                var multiplier = field is CustomerField.AnnualAmount or CustomerField.AnnualRevenue && headers[i].Contains("万元", StringComparison.Ordinal) ? 10_000m : 1m;
                columns.Add(new Column(i, field, headers[i], multiplier, mapping.Values.GetValueOrDefault(field)));
            }
        }

        _columns = [.. columns];
        _constants = [.. mapping.Constants.Select(c => (c.Key, c.Value, mapping.Values.GetValueOrDefault(c.Key)))];
        var industries = Names([Industry.Manufacturing, Industry.Retail, Industry.Services, Industry.Technology], i => DisplayNames.Of(i, Zh), i => DisplayNames.Of(i, En), i => i.Code);
        industries.TryAdd("制造", Industry.Manufacturing);
        industries.TryAdd("零售", Industry.Retail);
        industries.TryAdd("服务", Industry.Services);
        industries.TryAdd("科技", Industry.Technology);
        industries.TryAdd("互联网", Industry.Technology);
        industries.TryAdd("科技互联网", Industry.Technology);
        _industries = new NameMap<Industry>(industries);
        _sources = new NameMap<CustomerSource>(Names([CustomerSource.WebForm, CustomerSource.ECommerce, CustomerSource.Store, CustomerSource.Referral], s => DisplayNames.Of(s, Zh), s => DisplayNames.Of(s, En), s => s.Code));
        _roles = new NameMap<ContactRole>(Names([ContactRole.DecisionMaker, ContactRole.TechnicalLead, ContactRole.ProcurementLead], r => DisplayNames.Of(r, Zh), r => DisplayNames.Of(r, En), r => r.Code));
    }

    /// <summary>The fields that have a column.</summary>
    public IEnumerable<CustomerField> MappedFields => _columns.Select(c => c.Field);

    private static CultureInfo Zh { get; } = CultureInfo.GetCultureInfo("zh-Hans");

    private static CultureInfo En { get; } = CultureInfo.InvariantCulture;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CustomerRow Parse(SourceRow source, List<CellProblem> problems)
    {
        var row = new CustomerRow { Line = source.Line };
        var seen = 0UL;
        var cells = source.Cells;
        foreach (var column in _columns)
        {
            var text = column.Index < cells.Length ? Cell(cells[column.Index]) : null;
            if (text is null)
            {
                continue;
            }

            seen |= 1UL << (int)column.Field;
            Set(row, column.Field, ImportMapping<CustomerField>.MapValue(column.Values, text), column.Multiplier, column.Index, column.Header, problems);
        }

        foreach (var (field, constant, values) in _constants)
        {
            if ((seen & (1UL << (int)field)) == 0 && Cell(constant) is { } text)
            {
                Set(row, field, ImportMapping<CustomerField>.MapValue(values, text), 1m, -1, field.ToString(), problems);
            }
        }

        if (row.Name is null)
        {
            // In its column's place among the cell problems (they come in column order), so the row's first problem is its first bad
            // cell; after them when no column holds the name.
            var name = Array.Find(_columns, c => c.Field == CustomerField.Name);
            var at = name is null ? problems.Count : problems.FindIndex(p => p.Column < 0 || p.Column > name.Index) is var next and >= 0 ? next : problems.Count;
            problems.Insert(at, new CellProblem(name?.Index ?? -1, name?.Header ?? nameof(CustomerField.Name), ImportReasons.Required.Format(_culture, name?.Header ?? "客户名称")));
        }

        return row;
    }

    /// <summary>Cleans a cell: width, spaces, and the quote a spreadsheet export put before <c>= + - @</c> to neutralise a formula.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static string? Cell(string? raw)
    {
        var text = TextNormalizer.Clean(raw);
        return text is { Length: >= 2 } && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' ? text[1..] : text;
    }

    private static Dictionary<string, T> Names<T>(T[] values, params Func<T, string>[] names)
    {
        var map = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            foreach (var name in names)
            {
                map.TryAdd(name(value), value);
            }
        }

        return map;
    }

    /// <summary>A mapped column: its index, field, header, the unit its header names (万元) and the field's value map.</summary>
    private sealed record Column(int Index, CustomerField Field, string Header, decimal Multiplier, IReadOnlyDictionary<string, string>? Values);

    /// <summary>
    /// Display names and codes of a value (行业, 来源, 角色), matched ignoring case: an exact match is found first without the case-insensitive
    /// hash, which costs most for Chinese names; a name in another case falls back to it and finds the same value, and a name typed with
    /// full-width punctuation (科技／互联网) is looked up folded.
    /// </summary>
    private sealed class NameMap<T>(Dictionary<string, T> ignoringCase)
    {
        private readonly Dictionary<string, T> _exact = new(ignoringCase, StringComparer.Ordinal);

        public bool TryGetValue(string name, [MaybeNullWhen(false)] out T value) =>
            _exact.TryGetValue(name, out value) || ignoringCase.TryGetValue(name, out value)
            || (TextNormalizer.Fold(name) is { } folded && !ReferenceEquals(folded, name) && ignoringCase.TryGetValue(folded, out value));
    }

    [GeneratedRegex(@"[+(（]?[0-9][0-9 \-()（）]{5,}[0-9](\s*(转|ext\.?|x|#)\s*[0-9]+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PhoneLike();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Set(CustomerRow row, CustomerField field, string text, decimal multiplier, int column, string header, List<CellProblem> problems)
    {
        void Problem(ImportReason reason, params object?[] args) => problems.Add(new CellProblem(column, header, reason.Format(_culture, args)));
        string? Text(int max = MaxText)
        {
            if (text.Length <= max)
            {
                return text;
            }

            Problem(ImportReasons.TooLong, text[..20] + "…", max);
            return null;
        }

        switch (field)
        {
            case CustomerField.Id:
                row.Id = Text(64);
                break;
            case CustomerField.Name:
                row.Name = Text();
                break;
            case CustomerField.ShortName:
                row.ShortName = Text();
                break;
            case CustomerField.Industry:
                row.Industry = _industries.TryGetValue(text, out var industry) ? industry : new Industry(Text(100) ?? text[..100]);
                break;
            case CustomerField.Tier:
                row.Tier = Text(100);
                break;
            case CustomerField.AccountManager:
                row.AccountManager = Text(64) is { } manager ? new AgentId(manager) : null;
                break;
            case CustomerField.ContactName:
                row.ContactName = Text(100);
                break;
            case CustomerField.ContactRole:
                row.ContactRole = _roles.TryGetValue(text, out var role) ? role : new ContactRole(Text(100) ?? text[..100]);
                break;
            case CustomerField.Phone:
                SetContactCell(row, text, column, header, problems);
                break;
            case CustomerField.Email:
                if (EmailNormalizer.TryNormalize(text, out var email))
                {
                    row.Email = email;
                }
                else
                {
                    Problem(ImportReasons.Email, text);
                }

                break;
            case CustomerField.Address:
                row.Address = Text();
                break;
            case CustomerField.FirstContactOn or CustomerField.FirstCooperationOn or CustomerField.UpdatedOn:
                if (!DateNormalizer.TryParse(text, out var date))
                {
                    Problem(ImportReasons.Date, text);
                }
                else if (field == CustomerField.FirstContactOn)
                {
                    row.FirstContactOn = date;
                }
                else if (field == CustomerField.FirstCooperationOn)
                {
                    row.FirstCooperationOn = date;
                }
                else
                {
                    row.UpdatedOn = date;
                }

                break;
            case CustomerField.AnnualAmount or CustomerField.AnnualRevenue:
                if (!AmountNormalizer.TryParse(text, out var amount) || amount < 0)
                {
                    Problem(ImportReasons.Amount, text);
                    break;
                }

                amount *= text.Contains('万', StringComparison.Ordinal) || text.Contains('亿', StringComparison.Ordinal) ? 1 : multiplier;
                if (field == CustomerField.AnnualAmount)
                {
                    row.AnnualAmount = amount;
                }
                else
                {
                    row.AnnualRevenue = amount;
                }

                break;
            case CustomerField.Products:
                row.Products = ListItems(text);
                break;
            case CustomerField.OrdersPerYear or CustomerField.Employees:
                if (!AmountNormalizer.TryParse(text, out var number) || number < 0 || number != decimal.Truncate(number) || number > int.MaxValue)
                {
                    Problem(ImportReasons.Number, text);
                }
                else if (field == CustomerField.OrdersPerYear)
                {
                    row.OrdersPerYear = (int)number;
                }
                else
                {
                    row.Employees = (int)number;
                }

                break;
            case CustomerField.Source:
                row.Source = _sources.TryGetValue(text, out var source) ? source : new CustomerSource(Text(100) ?? text[..100]);
                break;
        }
    }

    /// <summary>
    /// The items of a list cell (<c>ERP、CRM</c>): split at <c>、 , ; ， ； | </c> and line breaks, each trimmed, blanks dropped, each
    /// item once, in order; what <c>Split(separators, RemoveEmptyEntries | TrimEntries)</c> and a de-duplicating loop gave, without the
    /// array of parts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static List<string> ListItems(string text)
    {
        var items = new List<string>(4);
        var rest = text.AsSpan();
        var offset = 0;
        while (true)
        {
            var end = rest.IndexOfAny(ListSeparators);
            var raw = end < 0 ? rest : rest[..end];
            var part = raw.Trim();
            if (!part.IsEmpty && !Contains(items, part))
            {
                // The whole cell, when it is one item, is not copied.
                items.Add(part.Length == text.Length ? text : text.Substring(offset + (raw.Length - raw.TrimStart().Length), part.Length));
            }

            if (end < 0)
            {
                return items;
            }

            rest = rest[(end + 1)..];
            offset += end + 1;
        }
    }

    private static bool Contains(List<string> items, ReadOnlySpan<char> item)
    {
        foreach (var existing in items)
        {
            if (item.SequenceEqual(existing))
            {
                return true;
            }
        }

        return false;
    }

    private void SetContactCell(CustomerRow row, string text, int column, string header, List<CellProblem> problems)
    {
        if (PhoneNormalizer.TryGetKey(text, out var whole))
        {
            row.Phone = PhoneNormalizer.FromKey(whole);
            row.PhoneKey = whole;
            return;
        }

        // A cell such as "张三 138 1234 5678 zhang@example.com": take the e-mail, the first phone number, and the rest as the name.
        var rest = text;
        foreach (var token in text.Split([' ', '/', ',', ';', '，', '；', '、'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (EmailNormalizer.TryNormalize(token, out var email))
            {
                row.Email ??= email;
                rest = rest.Replace(token, " ", StringComparison.Ordinal);
            }
        }

        // The number is looked for in the text with full-width punctuation made ASCII (１３８－１２３４－５６７８), character for character, so
        // that the match's place is the same in the kept text.
        var match = PhoneLike().Match(string.Create(rest.Length, rest, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = TextNormalizer.ToHalfWidth(r[i]);
            }
        }));
        if (match.Success && PhoneNormalizer.TryGetKey(match.Value, out var phone))
        {
            row.Phone = PhoneNormalizer.FromKey(phone);
            row.PhoneKey = phone;
            rest = rest.Remove(match.Index, match.Length);
        }
        else if (row.Email is null || match.Success)
        {
            problems.Add(new CellProblem(column, header, ImportReasons.Phone.Format(_culture, text)));
            return;
        }

        var name = TextNormalizer.Clean(rest.Trim(' ', '/', ',', ';', '，', '；', '、', ':', '：'));
        if (name is { Length: <= 100 } && !name.Any(char.IsAsciiDigit))
        {
            row.ContactName ??= name;
        }
    }
}
