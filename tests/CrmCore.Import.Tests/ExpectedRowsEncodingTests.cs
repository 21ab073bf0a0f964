using System.Text;
using CrmCore.Import.Customers;
using CrmCore.Import.Reading;

namespace CrmCore.Import.Tests;

/// <summary>
/// The guess of a CSV file's row count (which sizes the whole-run duplicate index ahead) measures the rows in the file's own encoding:
/// for GB18030 and UTF-16 files it comes within 5% of the rows the file has, and never above them.
/// </summary>
public class ExpectedRowsEncodingTests
{
    private const int DataRows = 20_000;
    private const int FirstBatch = 1_000;

    private static readonly string[] Names = ["上海瑞丰精密机械有限公司", "北京华信科技有限公司", "深圳市新城电子股份有限公司"];

    static ExpectedRowsEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("gb18030")]
    [InlineData("utf-16")]
    [InlineData("utf-16be")]
    [InlineData("utf-8")]
    public void ExpectedRows_FileInItsOwnEncoding_WithinFivePercentAndNeverAbove(string encodingName)
    {
        var (rows, textBytes, encoding) = Read(encodingName);
        var records = rows.Count; // the header row too: the text holds it

        var guess = CustomerImporter.ExpectedRows(rows.Skip(1).Take(FirstBatch).ToList(), textBytes, encoding);

        Assert.Equal(DataRows + 1, records);
        Assert.InRange(guess, (int)(records * 0.95), records);
    }

    [Theory]
    [InlineData("gb18030")]
    [InlineData("utf-16")]
    public void ExpectedRows_MeasuredInUtf8_WouldMissTheBound(string encodingName)
    {
        // The measure the guess had before: UTF-8 bytes, far too low for GB18030 and too high (above the real count) for UTF-16.
        var (rows, textBytes, _) = Read(encodingName);

        var guess = CustomerImporter.ExpectedRows(rows.Skip(1).Take(FirstBatch).ToList(), textBytes);

        Assert.False(guess >= rows.Count * 0.95 && guess <= rows.Count, $"{guess} of {rows.Count}");
    }

    [Fact]
    public void ExpectedRows_QuotedCells_CountTheirQuotes()
    {
        // One cell holding a comma and a quote: in the file it reads "a,""b""" and its CRLF (11 characters), not a,"b" (6), which
        // would guess 18 rows of a text of 10 such rows.
        var row = new SourceRow(2, ["a,\"b\""]);

        Assert.Equal(10, CustomerImporter.ExpectedRows([row], 10 * 11L, Encoding.UTF8));
        Assert.Equal(10, CustomerImporter.ExpectedRows([row], 20 * 11L, Encoding.Unicode));
    }

    [Theory]
    [InlineData("a,b\r\n", "a", "b")]
    [InlineData("\"a\"\"b\",c\r\n", "a\"b", "c")]
    [InlineData("a,b\n", "a", "b")]
    public void ExpectedRows_ShortRowsWithTheirLineEnds_NeverAboveTheRows(string line, string first, string second)
    {
        // Ten such rows: the line end (CRLF is two bytes) and a quote that forces quoting are counted, so short rows are not guessed high.
        var text = string.Concat(Enumerable.Repeat(line, 10));

        var guess = CustomerImporter.ExpectedRows([new SourceRow(2, [first, second])], Encoding.UTF8.GetByteCount(text), Encoding.UTF8);

        Assert.InRange(guess, 8, 10);
    }

    /// <summary>A customer file of <see cref="DataRows"/> rows in an encoding, as Excel writes it (CRLF; a UTF-16 file with its BOM), read
    /// by the import's CSV reader: its rows, its length and the encoding detected.</summary>
    private static (List<SourceRow> Rows, long TextBytes, Encoding Encoding) Read(string encodingName)
    {
        var text = new StringBuilder("客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间,地址\r\n");
        for (var i = 1; i <= DataRows; i++)
        {
            // Every fifth address holds a comma, so it is quoted in the file.
            var address = i % 5 == 0 ? $"\"上海市浦东新区,张江路{i % 1000}号\"" : $"上海市浦东新区张江路{i % 1000}号";
            text.Append($"KH{i:D6},{Names[i % 3]}{i % 10},制造业,138{i:D8},kh{i}@example.com,12.5万,2024-03-15,{address}\r\n");
        }

        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = encodingName.StartsWith("utf-16", StringComparison.Ordinal) ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())] : encoding.GetBytes(text.ToString());
        using var stream = new MemoryStream(bytes);
        var (rows, format, detected) = TableSource.Read(stream, "customers.csv", ImportFormat.Auto, encoding: null);
        Assert.Equal("csv", format);
        var read = rows.ToList();
        return (read, bytes.Length, CrmCore.Decoding.StrictTextDecoder.GetEncoding(detected));
    }
}
