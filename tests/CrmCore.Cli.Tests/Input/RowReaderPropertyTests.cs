using System.Globalization;
using System.Text;
using CrmCore.Cli.Input;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Cli.Tests.Input;

/// <summary>Nothing is skipped silently: every data row is either read or rejected with a problem on its own line.</summary>
public sealed class RowReaderPropertyTests
{
    private static readonly string[] BadRevenues = ["12万", "abc", "-1", "1,000"];

    [Property(MaxTest = 80)]
    public Property Read_EveryRowIsReadOrRejectedWithItsLine()
    {
        var gen = from rows in Gen.ListOf(
                      from good in Gen.Elements(true, true, false)
                      from multiline in Gen.Elements(false, false, true)
                      from revenue in Gen.Choose(0, 1_000_000)
                      from bad in Gen.Elements(BadRevenues)
                      select (good, multiline, good ? revenue.ToString(CultureInfo.InvariantCulture) : bad))
                  select rows.Take(20).ToArray();
        return Prop.ForAll(gen.ToArbitrary(), rows =>
        {
            var text = new StringBuilder("Id,Name,AnnualRevenue\n");
            var line = 2;
            var expectedBadLines = new List<int>();
            for (var i = 0; i < rows.Length; i++)
            {
                var (good, multiline, revenue) = rows[i];
                if (!good)
                {
                    expectedBadLines.Add(line);
                }

                text.Append(CultureInfo.InvariantCulture, $"C{i},{(multiline ? "\"名称\n第二行\"" : "名称")},\"{revenue}\"\n");
                line += multiline ? 2 : 1;
            }

            var result = RowReader.Read("p.csv", text.ToString(), InputFormat.Csv, InputSchemas.Customers, strict: false);
            return result.Rows.Count + result.RejectedRows == rows.Length
                && result.Problems.Select(p => p.Line).SequenceEqual(expectedBadLines)
                && result.Rows.All(r => r.Row.AnnualRevenue is not null);
        });
    }
}
