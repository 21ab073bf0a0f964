namespace CrmCore.Knowledge;

/// <summary>Where a knowledge-base article is in its life: only published articles are suggested.</summary>
public enum ArticleStatus
{
    /// <summary>Being written; kept but not suggested (草稿).</summary>
    Draft = 0,

    /// <summary>In use: suggested for tickets (已发布).</summary>
    Published = 1,

    /// <summary>Withdrawn, for example outdated; kept for history but no longer suggested (已停用).</summary>
    Retired = 2,
}
