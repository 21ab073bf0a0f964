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

/// <summary>A problem with one cell of a row.</summary>
internal sealed record CellProblem(int Column, string Header, string Reason);

/// <summary>Turns the cells of a row into a <see cref="CustomerRow"/> through the mapping, or lists every cell that is not valid.</summary>
internal sealed partial class CustomerRowParser
{
    private const int MaxText = 500;
    private static readonly char[] ListSeparators = ['、', ',', ';', '，', '；', '\n', '|'];
    private readonly ImportMapping<CustomerField> _mapping;
    private readonly CultureInfo? _culture;
    private readonly (int Column, CustomerField Field, string Header, decimal Multiplier)[] _columns;
    private readonly IReadOnlyDictionary<string, Industry> _industries;
    private readonly IReadOnlyDictionary<string, CustomerSource> _sources;
    private readonly IReadOnlyDictionary<string, ContactRole> _roles;

    public CustomerRowParser(ImportMapping<CustomerField> mapping, IReadOnlyList<string> headers, CultureInfo? culture)
    {
        _mapping = mapping;
        _culture = culture;
        var columns = new List<(int, CustomerField, string, decimal)>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (mapping.Resolve(headers[i]) is { } field && field != CustomerField.Ignore)
            {
                var multiplier = field is CustomerField.AnnualAmount or CustomerField.AnnualRevenue && headers[i].Contains("万元", StringComparison.Ordinal) ? 10_000m : 1m;
                columns.Add((i, field, headers[i], multiplier));
            }
        }

        _columns = [.. columns];
        _industries = Names([Industry.Manufacturing, Industry.Retail, Industry.Services, Industry.Technology], i => DisplayNames.Of(i, Zh), i => DisplayNames.Of(i, En), i => i.Code);
        _sources = Names([CustomerSource.WebForm, CustomerSource.ECommerce, CustomerSource.Store, CustomerSource.Referral], s => DisplayNames.Of(s, Zh), s => DisplayNames.Of(s, En), s => s.Code);
        _roles = Names([ContactRole.DecisionMaker, ContactRole.TechnicalLead, ContactRole.ProcurementLead], r => DisplayNames.Of(r, Zh), r => DisplayNames.Of(r, En), r => r.Code);
        var industries = (Dictionary<string, Industry>)_industries;
        industries.TryAdd("制造", Industry.Manufacturing);
        industries.TryAdd("零售", Industry.Retail);
        industries.TryAdd("服务", Industry.Services);
        industries.TryAdd("科技", Industry.Technology);
        industries.TryAdd("互联网", Industry.Technology);
        industries.TryAdd("科技互联网", Industry.Technology);
    }

    /// <summary>The fields that have a column.</summary>
    public IEnumerable<CustomerField> MappedFields => _columns.Select(c => c.Field);

    private static CultureInfo Zh { get; } = CultureInfo.GetCultureInfo("zh-Hans");

    private static CultureInfo En { get; } = CultureInfo.InvariantCulture;

    public CustomerRow Parse(SourceRow source, List<CellProblem> problems)
    {
        var row = new CustomerRow { Line = source.Line };
        var seen = 0UL;
        foreach (var (column, field, header, multiplier) in _columns)
        {
            var text = Cell(source[column]);
            if (text is null)
            {
                continue;
            }

            seen |= 1UL << (int)field;
            Set(row, field, _mapping.MapValue(field, text), multiplier, column, header, problems);
        }

        foreach (var (field, constant) in _mapping.Constants)
        {
            if ((seen & (1UL << (int)field)) == 0 && Cell(constant) is { } text)
            {
                Set(row, field, _mapping.MapValue(field, text), 1m, -1, field.ToString(), problems);
            }
        }

        if (row.Name is null)
        {
            var name = _columns.FirstOrDefault(c => c.Field == CustomerField.Name);
            problems.Add(new CellProblem(name.Header is null ? -1 : name.Column, name.Header ?? nameof(CustomerField.Name), ImportStrings.Format("Reason_Required", _culture, name.Header ?? "客户名称")));
        }

        return row;
    }

    /// <summary>Cleans a cell: width, spaces, and the quote a spreadsheet export put before <c>= + - @</c> to neutralise a formula.</summary>
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

    [GeneratedRegex(@"[+(（]?[0-9][0-9 \-()（）]{5,}[0-9](\s*(转|ext\.?|x|#)\s*[0-9]+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PhoneLike();

    private void Set(CustomerRow row, CustomerField field, string text, decimal multiplier, int column, string header, List<CellProblem> problems)
    {
        void Problem(string key, params object?[] args) => problems.Add(new CellProblem(column, header, ImportStrings.Format(key, _culture, args)));
        string? Text(int max = MaxText)
        {
            if (text.Length <= max)
            {
                return text;
            }

            Problem("Reason_TooLong", text[..20] + "…", max);
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
                    Problem("Reason_Email", text);
                }

                break;
            case CustomerField.Address:
                row.Address = Text();
                break;
            case CustomerField.FirstContactOn or CustomerField.FirstCooperationOn or CustomerField.UpdatedOn:
                if (!DateNormalizer.TryParse(text, out var date))
                {
                    Problem("Reason_Date", text);
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
                    Problem("Reason_Amount", text);
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
                var items = text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                row.Products = new List<string>(items.Length);
                foreach (var item in items)
                {
                    if (!row.Products.Contains(item))
                    {
                        row.Products.Add(item);
                    }
                }

                break;
            case CustomerField.OrdersPerYear or CustomerField.Employees:
                if (!AmountNormalizer.TryParse(text, out var number) || number < 0 || number != decimal.Truncate(number) || number > int.MaxValue)
                {
                    Problem("Reason_Number", text);
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

        var match = PhoneLike().Match(rest);
        if (match.Success && PhoneNormalizer.TryGetKey(match.Value, out var phone))
        {
            row.Phone = PhoneNormalizer.FromKey(phone);
            row.PhoneKey = phone;
            rest = rest.Remove(match.Index, match.Length);
        }
        else if (row.Email is null || match.Success)
        {
            problems.Add(new CellProblem(column, header, ImportStrings.Format("Reason_Phone", _culture, text)));
            return;
        }

        var name = TextNormalizer.Clean(rest.Trim(' ', '/', ',', ';', '，', '；', '、', ':', '：'));
        if (name is { Length: <= 100 } && !name.Any(char.IsAsciiDigit))
        {
            row.ContactName ??= name;
        }
    }
}
