using System.Globalization;
using System.Reflection;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Export;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reading;
using CrmCore.Localization;
using MiniExcelLibs;
using NodaTime;

namespace CrmCore.Import.Tests.Mapping;

/// <summary>
/// The customer table's enumerated values (industry, source, contact role) have one name table each in <see cref="DisplayLabels"/>, like
/// the ticket and plan maps (wave 17): the exporter writes a value's name from it and the row parser reads every word of it, so every
/// built-in value goes out and comes back as itself in both languages.
/// </summary>
public sealed class CustomerValueNamesTests
{
    [Fact]
    public void EachTable_HoldsEveryWellKnownValue_ByItsDisplayNamesAndCode()
    {
        Assert.Equal(WellKnown<Industry>().OrderBy(v => v.Code), DisplayLabels.Industries.Values.OrderBy(v => v.Code));
        Assert.Equal(WellKnown<CustomerSource>().OrderBy(v => v.Code), DisplayLabels.CustomerSources.Values.OrderBy(v => v.Code));
        Assert.Equal(WellKnown<ContactRole>().OrderBy(v => v.Code), DisplayLabels.ContactRoles.Values.OrderBy(v => v.Code));
        foreach (var industry in DisplayLabels.Industries.Values)
        {
            Assert.All(
                [DisplayNames.Of(industry, TextCultures.SimplifiedChinese), DisplayNames.Of(industry, TextCultures.English), industry.Code],
                word => Assert.Equal(industry.Code, DisplayLabels.Industries.Map[word]));
        }
    }

    [Theory]
    [InlineData(ExportLanguage.Chinese)]
    [InlineData(ExportLanguage.English)]
    public async Task EveryValue_IsExportedByItsTableName_AndImportedBackAsItself(ExportLanguage language)
    {
        var culture = language == ExportLanguage.Chinese ? TextCultures.SimplifiedChinese : TextCultures.English;
        var industries = DisplayLabels.Industries.Values;
        var sources = DisplayLabels.CustomerSources.Values;
        ContactRole[] roles = [.. DisplayLabels.ContactRoles.Values, new CustomerImportOptions().DefaultContactRole];
        var count = new[] { industries.Count, sources.Count, roles.Length }.Max();
        var original = Enumerable.Range(0, count).Select(i => Customer.CreateState(
            new CustomerId($"KH{i:D2}"),
            new CustomerProfile
            {
                Name = $"客户{i}",
                FirstContactOn = new LocalDate(2026, 3, 1),
                Industry = industries[i % industries.Count],
                Source = sources[i % sources.Count],
                Contacts = [new Contact($"联系人{i}", roles[i % roles.Length]) { Phone = $"138000000{i:D2}" }],
            },
            Instant.FromUtc(2026, 3, 1, 0, 0))).ToList();

        var file = ExportFiles.Write(s => CustomerExporter.WriteXlsx(original, s, language));

        var headers = CustomerExporter.Headers(language);
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(original.Select(c => DisplayLabels.Industries.Name(c.Industry, language)), rows.Select(r => (string?)r[headers[3]]));
        Assert.Equal(original.Select(c => DisplayLabels.ContactRoles.Name(c.Contacts[0].Role, language)), rows.Select(r => (string?)r[headers[7]]));
        Assert.Equal(original.Select(c => DisplayLabels.CustomerSources.Name(c.Source, language)), rows.Select(r => (string?)r[headers[18]]));

        // The names written are the display names of the language (联系人 for the default role in Chinese), each a word of its table
        // but for a value the table has no name for in the language (the default role in English), which is written as its code.
        Assert.Equal(industries.Select(i => DisplayNames.Of(i, culture)), rows.Take(industries.Count).Select(r => (string?)r[headers[3]]));
        Assert.Equal(sources.Select(s => DisplayNames.Of(s, culture)), rows.Take(sources.Count).Select(r => (string?)r[headers[18]]));
        Assert.Equal(language == ExportLanguage.Chinese ? "联系人" : "Contact", (string?)rows[roles.Length - 1][headers[7]]);
        Assert.All(rows.Zip(original), p => Assert.True(
            DisplayLabels.ContactRoles.Map.ContainsKey((string)p.First[headers[7]]!) || (string)p.First[headers[7]]! == p.Second.Contacts[0].Role.Code));
        Assert.All(rows, r => Assert.True(DisplayLabels.Industries.Map.ContainsKey((string)r[headers[3]]!)));
        Assert.All(rows, r => Assert.True(DisplayLabels.CustomerSources.Map.ContainsKey((string)r[headers[18]]!)));

        var copy = new InMemoryCustomerRepository();
        file.Position = 0;
        var report = await Samples.Importer(copy).ImportAsync(file, "customers.xlsx");
        Assert.Equal((count, 0), (report.Totals.Inserted, report.Totals.Rejected));
        var back = await Samples.AllAsync(copy);
        Assert.Equal(
            original.Select(c => (c.Id, c.Industry, c.Source, c.Contacts[0].Role)),
            back.OrderBy(c => c.Id.Value, StringComparer.Ordinal).Select(c => (c.Id, c.Industry, c.Source, c.Contacts[0].Role)));
    }

    public static TheoryData<string, string, string> Words()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (word, code) in DisplayLabels.Industries.Map)
        {
            data.Add("所属行业", word, code);
        }

        foreach (var (word, code) in DisplayLabels.CustomerSources.Map)
        {
            data.Add("来源渠道", word, code);
        }

        foreach (var (word, code) in DisplayLabels.ContactRoles.Map)
        {
            data.Add("联系人角色", word, code);
        }

        return data;
    }

    /// <summary>The parser reads the tables themselves: a mapping of the headers alone, with no value maps, reads every word too.</summary>
    [Theory]
    [MemberData(nameof(Words))]
    public void EveryWordOfATable_IsReadByTheRowParser_WithOrWithoutTheBuiltInValueMaps(string header, string word, string code)
    {
        string[] headers = ["客户名称", header];
        var bare = new ImportMapping<CustomerField>(headers.Select(h => new KeyValuePair<string, CustomerField>(h, ImportMappings.Customers.Resolve(h)!.Value)));

        foreach (var mapping in new[] { ImportMappings.Customers, bare })
        {
            var problems = new List<CellProblem>();
            var row = new CustomerRowParser(mapping, headers, CultureInfo.InvariantCulture).Parse(new SourceRow(2, ["甲公司", word]), problems);

            Assert.Empty(problems);
            Assert.Equal(code, header switch
            {
                "所属行业" => row.Industry?.Code,
                "来源渠道" => row.Source?.Code,
                _ => row.ContactRole?.Code,
            });
        }
    }

    /// <summary>The well-known values of an extensible code type: its public static properties of its own type.</summary>
    private static List<T> WellKnown<T>() =>
        [.. typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(T)).Select(p => (T)p.GetValue(null)!)];
}
