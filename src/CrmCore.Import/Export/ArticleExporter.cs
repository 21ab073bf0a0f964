using System.Globalization;
using CrmCore.Knowledge;
using CrmCore.Localization;

namespace CrmCore.Import.Export;

/// <summary>
/// Writes knowledge articles as the article table (.xlsx, streamed), headers in Chinese or English, in the form the article import reads
/// back: importing the export gives the same articles (id, title, body with its line breaks, tags, ticket types, status). Tags and ticket
/// types are lists joined with <c>; </c>; in Chinese the built-in ticket types and the status are shown by their Chinese names (故障,
/// 已发布), a host-defined ticket type by its code. The version and the solution marks are not part of the table. Every cell goes through
/// <see cref="CellGuard"/>. Thread-safe (stateless).
/// </summary>
public static class ArticleExporter
{
    /// <summary>The most characters an .xlsx cell holds; a longer body cannot be exported to .xlsx.</summary>
    public const int MaxCellLength = 32_767;

    private static readonly char[] ListSeparators = [';', '；', ',', '，', '、', '|'];
    private static readonly CultureInfo Chinese = TextCultures.SimplifiedChinese;

    /// <summary>The column headers, in order.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The headers.</returns>
    public static IReadOnlyList<string> Headers(ExportLanguage language) => language == ExportLanguage.Chinese
        ? ["文章编号", "标题", "正文", "标签", "工单类型", "状态"]
        : ["ArticleId", "Title", "Body", "Tags", "TicketTypes", "Status"];

    /// <summary>Writes articles as an .xlsx table, in the given order. Every article is checked before anything is written.</summary>
    /// <param name="articles">The articles.</param>
    /// <param name="destination">The stream; left open.</param>
    /// <param name="language">The header and display language; default Chinese.</param>
    /// <exception cref="ArgumentNullException"><paramref name="articles"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">An article cannot be written so that the import reads it back: a body longer than
    /// <see cref="MaxCellLength"/>, or a tag or ticket type that contains a list separator; the message names the article.</exception>
    public static void WriteXlsx(IEnumerable<KnowledgeArticle> articles, Stream destination, ExportLanguage language = ExportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var rows = articles.Select(a => Cells(a, language)).ToList();
        TableWriter.WriteXlsx(Headers(language), rows, destination);
    }

    /// <summary>The cells of one article, in header order, before <see cref="CellGuard"/>.</summary>
    /// <param name="article">The article.</param>
    /// <param name="language">The display language of the ticket types and the status.</param>
    /// <returns>The cells.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="article"/> is null.</exception>
    /// <exception cref="ArgumentException">The article cannot be read back from the table (see <see cref="WriteXlsx"/>).</exception>
    public static string?[] Cells(KnowledgeArticle article, ExportLanguage language)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (article.Body.Length > MaxCellLength)
        {
            throw new ArgumentException($"Article {article.Id}: the body has {article.Body.Length} characters, more than an .xlsx cell holds ({MaxCellLength}).", nameof(article));
        }

        var culture = language == ExportLanguage.Chinese ? Chinese : CultureInfo.InvariantCulture;
        var types = article.TicketTypes.Select(t => language == ExportLanguage.Chinese ? DisplayNames.Of(t, culture) : t.Code);
        var status = language == ExportLanguage.Chinese ? DisplayNames.Of(article.Status, culture) : article.Status.ToString();
        return [article.Id.Value, article.Title, article.Body, List(article, "tag", article.Tags), List(article, "ticket type", types), status];
    }

    private static string? List(KnowledgeArticle article, string what, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Find(i => i.IndexOfAny(ListSeparators) >= 0) is { } bad)
        {
            throw new ArgumentException($"Article {article.Id}: the {what} '{bad}' contains a list separator (; , 、 |), so the import would split it.", nameof(article));
        }

        return list.Count == 0 ? null : string.Join("; ", list);
    }
}
