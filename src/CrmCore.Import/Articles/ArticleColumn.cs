namespace CrmCore.Import.Articles;

/// <summary>The columns of a knowledge article table, found by their Chinese or English header.</summary>
internal enum ArticleColumn
{
    Id,
    Title,
    Body,
    Tags,
    TicketTypes,
    Status,
}
