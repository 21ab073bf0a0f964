using CrmCore.Customers;
using FsCheck;
using FsCheck.Fluent;

namespace CrmCore.Tests.Customers;

/// <summary>A summary's products: trimmed, blanks dropped, each once, in order, whatever collection they come in.</summary>
public class TransactionSummaryProductsTests
{
    private static readonly string[] Pool = ["ERP", " ERP", "CRM ", "打印机", "耗材", "", "  ", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "a"];

    private static List<string> Expected(IEnumerable<string?> products)
    {
        var kept = new List<string>();
        foreach (var product in products)
        {
            if (!string.IsNullOrWhiteSpace(product) && !kept.Contains(product.Trim()))
            {
                kept.Add(product.Trim());
            }
        }

        return kept;
    }

    [FsCheck.Xunit.Property]
    public Property Products_FromAListOrASequence_AreTrimmedDistinctInOrder() =>
        Prop.ForAll(Arb.From(Gen.ListOf(Gen.Elements(Pool)).Select(l => l.ToList())), products =>
        {
            var expected = Expected(products);
            var fromList = new TransactionSummary(null, Money.Cny(0), products).Products;
            var fromArray = new TransactionSummary(null, Money.Cny(0), products.ToArray()).Products;
            var fromSequence = new TransactionSummary(null, Money.Cny(0), products.Select(p => p)).Products;
            return expected.SequenceEqual(fromList) && expected.SequenceEqual(fromArray) && expected.SequenceEqual(fromSequence);
        });

    [Fact]
    public void Products_ManyRepeated_KeepsEachOnceInFirstOrder()
    {
        string[] products = ["J", "I", "H", "G", "F", "E", "D", "C", "B", "A", " J", "A ", "K", "", "K"];

        var summary = new TransactionSummary(null, Money.Cny(0), products);

        Assert.Equal(["J", "I", "H", "G", "F", "E", "D", "C", "B", "A", "K"], summary.Products);
    }

    /// <summary>The products cannot be changed through the list they are given as, with products or without (an array handed out
    /// as it is could be cast back and written).</summary>
    [Theory]
    [InlineData("ERP", " CRM")]
    [InlineData(" ", "")]
    [InlineData]
    public void Products_AreReadOnly(params string[] products)
    {
        var list = (IList<string>)new TransactionSummary(null, Money.Cny(0), products).Products;

        Assert.True(list.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => list.Add("x"));
        if (list.Count > 0)
        {
            Assert.Throws<NotSupportedException>(() => list[0] = "x");
        }
    }
}
