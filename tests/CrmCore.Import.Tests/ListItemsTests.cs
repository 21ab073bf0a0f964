using CrmCore.Import.Customers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrmCore.Import.Tests;

/// <summary>The products cell is split without an array of parts; these tests hold the split to the <c>string.Split</c> it replaced.</summary>
public class ListItemsTests
{
    private static readonly char[] Separators = ['、', ',', ';', '，', '；', '\n', '|'];

    [Property(MaxTest = 3000)]
    public Property ListItems_AreTheSplitItems_EachOnce()
    {
        var pieces = Gen.Elements("ERP", "CRM", "erp", "OA", "云服务", " ", "  ", "\t", "、", ",", ";", "，", "；", "\n", "|", "\u3000", "a b", "x");
        return Prop.ForAll(Gen.ListOf(pieces).Select(p => string.Concat(p)).ToArbitrary(), text =>
            CustomerRowParser.ListItems(text).SequenceEqual(Reference(text), StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ERP、CRM", new[] { "ERP", "CRM" })]
    [InlineData(" ERP ,ERP;;CRM ", new[] { "ERP", "CRM" })]
    [InlineData("、，", new string[0])]
    [InlineData("云服务", new[] { "云服务" })]
    public void ListItems_KnownCells(string text, string[] expected) => Assert.Equal(expected, CustomerRowParser.ListItems(text));

    [Fact]
    public void ListItems_OneItem_IsTheCellItself()
    {
        var text = string.Concat("ER", "P");
        Assert.Same(text, Assert.Single(CustomerRowParser.ListItems(text)));
    }

    private static List<string> Reference(string text)
    {
        var items = new List<string>();
        foreach (var item in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!items.Contains(item))
            {
                items.Add(item);
            }
        }

        return items;
    }
}
