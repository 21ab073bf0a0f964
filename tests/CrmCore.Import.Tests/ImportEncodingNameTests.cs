using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Tables;
using CrmCore.Import.Tests.Entities;
using CrmCore.Import.Tickets;

namespace CrmCore.Import.Tests;

/// <summary>
/// An import's <c>Encoding</c> outside the supported list (utf-8, gb18030/gbk, utf-16, utf-16be) is refused before the file is read,
/// naming the supported ones in the import's language. A name .NET knows (latin1, shift_jis) was taken: the table was read as
/// mojibake and the import failed later with "no header", or imported garbled text.
/// </summary>
public sealed class ImportEncodingNameTests
{
    private static readonly byte[] Gb18030Csv = CrmCore.Decoding.StrictTextDecoder.GetEncoding("gb18030").GetBytes("客户编号,客户名称\nKH1,甲公司\n");

    [Theory]
    [InlineData("latin1", "en", "'latin1' is not a supported encoding; use one of utf-8, gb18030, gbk, utf-16, utf-16le, utf-16be")]
    [InlineData("shift_jis", "zh-Hans", "“shift_jis”不是支持的编码；请使用以下之一：utf-8, gb18030, gbk, utf-16, utf-16le, utf-16be")]
    public async Task Customers_UnsupportedEncoding_IsRefusedBeforeTheFileIsRead(string name, string language, string message)
    {
        using var stream = new WatchedStream(Gb18030Csv);
        var store = new InMemoryCustomerRepository();
        var importer = Samples.Importer(store, new CustomerImportOptions { Encoding = name, Culture = CultureInfo.GetCultureInfo(language) });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync(stream, "c.csv"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.False(stream.WasRead);
        Assert.Empty(await Samples.AllAsync(store));
    }

    [Fact]
    public async Task Tickets_UnsupportedEncoding_IsRefusedBeforeTheFileIsRead()
    {
        var desk = await EntityDesk.CreateAsync();
        using var stream = new WatchedStream(Gb18030Csv);
        var importer = desk.TicketImporter(new TableImportOptions<TicketField> { Encoding = "latin1", Culture = CultureInfo.GetCultureInfo("zh-Hans") });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync(stream, "t.csv"));

        Assert.StartsWith("“latin1”不是支持的编码", error.Message, StringComparison.Ordinal);
        Assert.False(stream.WasRead);
    }

    [Theory]
    [InlineData("gbk")]
    [InlineData("GB18030")]
    [InlineData("cp936")]
    public async Task Customers_DocumentedAlias_ReadsTheFile(string name)
    {
        var store = new InMemoryCustomerRepository();

        var report = await Samples.Importer(store, new CustomerImportOptions { Encoding = name }).ImportAsync(new MemoryStream(Gb18030Csv), "c.csv");

        Assert.Equal(1, report.Totals.Inserted);
        Assert.Equal("甲公司", Assert.Single(await Samples.AllAsync(store)).Name);
    }

    /// <summary>A stream that records whether anything read from it.</summary>
    private sealed class WatchedStream(byte[] content) : MemoryStream(content)
    {
        public bool WasRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Mark(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Mark(base.Read(buffer));

        public override int ReadByte() => Mark(base.ReadByte());

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Mark(base.Read(buffer, offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Mark(base.Read(buffer.Span)));

        private int Mark(int read)
        {
            WasRead = true;
            return read;
        }
    }
}
