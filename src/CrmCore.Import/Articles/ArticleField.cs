namespace CrmCore.Import.Articles;

/// <summary>The knowledge article fields a column can be mapped to (the names used in mapping files, case-insensitive).</summary>
public enum ArticleField
{
    /// <summary>Not a field: the column is known and deliberately ignored (序号, 行号, an earlier import's problem column).</summary>
    Ignore,

    /// <summary>The article id (文章编号), at most 64 characters. Required.</summary>
    Id,

    /// <summary>The title (标题). Required.</summary>
    Title,

    /// <summary>The body (正文); its line breaks are kept, only the ends are trimmed.</summary>
    Body,

    /// <summary>The tags (标签), separated by <c>;</c>, <c>,</c>, <c>、</c> or <c>|</c>.</summary>
    Tags,

    /// <summary>The ticket types the article answers (工单类型), by code (<c>Fault</c>) or name (故障), separated like the tags.</summary>
    TicketTypes,

    /// <summary>draft/published/retired or 草稿/已发布/已停用 (状态); default published.</summary>
    Status,
}
