using System.Globalization;
using CrmCore.Import.Reading;

namespace CrmCore.Import.Tests;

/// <summary>A workbook the reader cannot read is named in the import's language, at the row being read, with the reader's reason.</summary>
public class XlsxUnreadableTests
{
    [Theory]
    [InlineData("en", "not a readable .xlsx workbook: bad zip entry")]
    [InlineData("zh-Hans", "不是可读取的 .xlsx 工作簿：bad zip entry")]
    public void UnreadableWorkbook_IsNamedInTheImportsLanguage(string language, string message)
    {
        var error = TableReader.Unreadable("book.xlsx", 7, new InvalidDataException("bad zip entry"), "/tmp", CultureInfo.GetCultureInfo(language));

        Assert.Equal((message, "book.xlsx", 7), (error.Reason, error.File, error.Line));
        Assert.IsType<InvalidDataException>(error.InnerException);
    }
}
