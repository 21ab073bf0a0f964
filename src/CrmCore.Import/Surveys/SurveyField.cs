namespace CrmCore.Import.Surveys;

/// <summary>The survey result fields a column can be mapped to (satisfaction after a ticket: CSAT, NPS, scores per dimension; the names used in mapping files, case-insensitive).</summary>
public enum SurveyField
{
    /// <summary>Not a field: the column is known and deliberately ignored.</summary>
    Ignore,

    /// <summary>The ticket the survey was about (问题编号). Required: the ticket must be stored.</summary>
    TicketId,

    /// <summary>The customer who answered (客户编号); when given it must be the ticket's customer.</summary>
    CustomerId,

    /// <summary>When the customer answered (评价时间). Required: with the ticket it is the row's key.</summary>
    AnsweredAt,

    /// <summary>The overall score, 1–5 (满意度). Required.</summary>
    Csat,

    /// <summary>The recommendation answer, 0–10 (推荐意愿).</summary>
    Nps,

    /// <summary>The score for response speed, 1–5 (响应速度).</summary>
    ResponseSpeed,

    /// <summary>The score for the resolution, 1–5 (解决效果).</summary>
    Resolution,

    /// <summary>The score for the solution's quality, 1–5 (方案质量).</summary>
    SolutionQuality,

    /// <summary>The score for communication, 1–5 (沟通态度).</summary>
    Communication,

    /// <summary>The score for the price, 1–5 (价格).</summary>
    Price,

    /// <summary>The free-text comment (客户评价).</summary>
    Comment,
}
