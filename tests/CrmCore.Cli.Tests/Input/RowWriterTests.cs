using CrmCore.Cli.Input;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Cli.Tests.Input;

public sealed class RowWriterTests
{
    private static readonly string[] Words = ["华东精密", "优品, 零售", "say \"hi\"", "多行\n名称", "C1", "高价值", "Ünïcode"];

    private static Gen<string> Word => Gen.Elements(Words);

    private static Gen<CustomerRow> Customers =>
        from id in Gen.Choose(1, 99999).Select(i => "C" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
        from name in Word
        from industry in Gen.OneOf(Gen.Constant<string?>(null), Word.Select(w => (string?)w))
        from tags in Gen.SubListOf(["偏好电话沟通", "近期有投诉记录", "高频咨询产品A", "VIP"]).Select(l => (IReadOnlyList<string>)l.ToArray())
        from revenue in Gen.Choose(0, 5_000_000).Select(v => (decimal?)(v / 100m))
        from complaints in Gen.Choose(0, 20).Select(v => (int?)v)
        from first in Gen.Choose(0, 4000).Select(d => (LocalDate?)new LocalDate(2015, 1, 1).PlusDays(d))
        from last in Gen.Choose(0, 400_000_000).Select(s => (Instant?)Instant.FromUtc(2020, 1, 1, 0, 0).Plus(Duration.FromSeconds(s)))
        from dnc in Gen.Elements<bool?>(null, true, false)
        select new CustomerRow
        {
            Id = id,
            Name = name,
            Industry = industry,
            Tags = tags,
            AnnualRevenue = revenue,
            ComplaintsLast60Days = complaints,
            FirstCooperation = first,
            LastInteraction = last,
            DoNotContact = dnc,
        };

    [Property(MaxTest = 60)]
    public Property WriteThenRead_RoundTripsInEveryFormat()
    {
        // Distinct ids: a repeated id is a problem the strict reader reports (a row round trip is not about that), and 8 rows drawn
        // from 99,999 ids repeat one in up to about 1 case in 3,600, failing a run now and then.
        var gen = from rows in Gen.ListOf(Customers).Select(l => l.DistinctBy(r => r.Id, StringComparer.Ordinal).Take(8).ToArray())
                  from format in Gen.Elements(InputFormat.Csv, InputFormat.Json, InputFormat.JsonLines)
                  select (rows, format);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (rows, format) = t;
            using var text = new StringWriter();
            RowWriter.Write(text, format, InputSchemas.Customers, rows);
            var back = RowReader.Read("x", text.ToString(), format, InputSchemas.Customers, strict: true);
            return back.IsClean
                && back.Rows.Count == rows.Length
                && back.Rows.Select(r => r.Row).Zip(rows).All(p => Same(p.First, p.Second));
        });
    }

    [Fact]
    public void Write_Csv_HeaderIsEveryColumnAndValuesAreIso()
    {
        var row = new CustomerRow
        {
            Id = "C1",
            Name = "甲",
            Tags = ["a", "b"],
            LastInteraction = Instant.FromUtc(2026, 1, 2, 3, 4),
            ContractEnd = new LocalDate(2026, 12, 31),
            CsatAverage = 4.5m,
        };
        using var text = new StringWriter();
        RowWriter.Write(text, InputFormat.Csv, InputSchemas.Customers, [row]);
        var lines = text.ToString().Split('\n');
        Assert.Equal(string.Join(',', InputSchemas.Customers.Fields.Select(f => f.Name)), lines[0]);
        Assert.StartsWith("C1,甲,,,,a;b,", lines[1], StringComparison.Ordinal);
        Assert.Contains("2026-01-02T03:04:00Z", lines[1], StringComparison.Ordinal);
        Assert.Contains(",4.5,2026-12-31,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Write_JsonLines_OmitsAbsentValuesAndKeepsChinese()
    {
        using var text = new StringWriter();
        RowWriter.Write(text, InputFormat.JsonLines, InputSchemas.Customers, [new CustomerRow { Id = "C1", Name = "华东", DoNotContact = true }]);
        Assert.Equal("{\"Id\":\"C1\",\"Name\":\"华东\",\"DoNotContact\":true}\n", text.ToString());
    }

    private static bool Same(CustomerRow a, CustomerRow b) =>
        a.Id == b.Id && a.Name == b.Name && a.Industry == b.Industry && a.Tags.SequenceEqual(b.Tags)
        && a.AnnualRevenue == b.AnnualRevenue && a.ComplaintsLast60Days == b.ComplaintsLast60Days
        && a.FirstCooperation == b.FirstCooperation && a.LastInteraction == b.LastInteraction && a.DoNotContact == b.DoNotContact;
}
