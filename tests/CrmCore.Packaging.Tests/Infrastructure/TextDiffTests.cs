namespace CrmCore.Packaging.Tests.Infrastructure;

public class TextDiffTests
{
    [Fact]
    public void Lines_EqualTextWithOtherLineEndings_IsEmpty() =>
        Assert.Equal("", TextDiff.Lines("a\nb\n", "a\r\nb"));

    [Fact]
    public void Lines_ChangedMember_ShowsRemovedAndAddedLineWithItsNumber()
    {
        var diff = TextDiff.Lines("class A\n{\n    void M(int x) { }\n}\n", "class A\n{\n    void M(long x) { }\n}\n");
        Assert.Equal("-            void M(int x) { }\n+     3:     void M(long x) { }\n", diff);
    }

    [Fact]
    public void Lines_AddedAndRemovedAmongEqualLines_ListsOnlyTheChanges()
    {
        var diff = TextDiff.Lines("a\nb\nc\nd\n", "a\nc\nd\ne\n");
        Assert.Equal("-        b\n+     4: e\n", diff);
    }
}
