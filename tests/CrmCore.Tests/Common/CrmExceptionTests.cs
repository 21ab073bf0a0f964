using System.Globalization;

namespace CrmCore.Tests.Common;

public class CrmExceptionTests
{
    [Fact]
    public void LocalizedMessage_BaseException_IsTheEnglishMessage() =>
        Assert.Equal("Rule broken", new CrmException("Rule broken").LocalizedMessage(new CultureInfo("zh-CN")));
}
