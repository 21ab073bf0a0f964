namespace CrmCore.Import.Articles;

/// <summary>The headers <see cref="ArticleImporter"/> reads, Chinese and English, compared ignoring case, spaces and underscores.</summary>
internal static class ArticleHeaders
{
    private static readonly Dictionary<string, ArticleColumn> Known = Build(
        (ArticleColumn.Id, ["文章编号", "知识编号", "编号", "ArticleId", "Article", "Id"]),
        (ArticleColumn.Title, ["标题", "文章标题", "Title"]),
        (ArticleColumn.Body, ["正文", "内容", "解决方法", "Body", "Content", "Text"]),
        (ArticleColumn.Tags, ["标签", "关键词", "Tags", "Keywords"]),
        (ArticleColumn.TicketTypes, ["工单类型", "适用工单类型", "适用类型", "TicketTypes", "Types", "TicketType"]),
        (ArticleColumn.Status, ["状态", "Status"]));

    /// <summary>The column a header names, or null.</summary>
    public static ArticleColumn? Resolve(string? header) =>
        header is null ? null : Known.TryGetValue(Key(header), out var column) ? column : null;

    private static string Key(string header) => header.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private static Dictionary<string, ArticleColumn> Build(params (ArticleColumn Column, string[] Names)[] columns)
    {
        var map = new Dictionary<string, ArticleColumn>(StringComparer.Ordinal);
        foreach (var (column, names) in columns)
        {
            foreach (var name in names)
            {
                map.Add(Key(name), column);
            }
        }

        return map;
    }
}
