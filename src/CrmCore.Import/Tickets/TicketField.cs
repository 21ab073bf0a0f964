namespace CrmCore.Import.Tickets;

/// <summary>The ticket fields a column can be mapped to (document 001's issue-tracking table 服务质量问题跟踪表; the names used in mapping files, case-insensitive).</summary>
public enum TicketField
{
    /// <summary>Not a field: the column is known and deliberately ignored.</summary>
    Ignore,

    /// <summary>The ticket id (问题编号, <c>WT202403001</c>). Required: it is the row's key, so a second run updates instead of duplicating.</summary>
    Id,

    /// <summary>The customer's id (客户编号). This or <see cref="CustomerName"/> is required.</summary>
    CustomerId,

    /// <summary>The customer's name (客户名称), looked up among the stored customers by its company-name key when there is no id.</summary>
    CustomerName,

    /// <summary>What the customer reported (问题描述). Required.</summary>
    Description,

    /// <summary>When the issue was raised (提出时间). Required.</summary>
    RaisedAt,

    /// <summary>一般 General, 紧急 Urgent or 重大 Major (紧急程度); default General.</summary>
    Urgency,

    /// <summary>咨询 Consultation, 投诉 Complaint, 建议 Suggestion, 故障 Fault, 售前 PreSales, or a code of your own (问题类型); default Consultation.</summary>
    Type,

    /// <summary>电话 Phone, 邮件 Email, 在线 OnlineChat, 拜访 Visit, 网页表单 WebForm, 短信 Sms, or a code of your own (渠道); default Phone.</summary>
    Channel,

    /// <summary>When the customer expects a solution (期望解决时间).</summary>
    ExpectedResolutionAt,

    /// <summary>The responsible department (责任部门).</summary>
    Department,

    /// <summary>The one person responsible (负责人). Required: every ticket has exactly one owner.</summary>
    Owner,

    /// <summary>The progress so far (处理进度), kept as one internal progress note.</summary>
    Progress,

    /// <summary>The solution (解决方案).</summary>
    Solution,

    /// <summary>The customer's satisfaction, 1–5 (客户满意度), kept as the ticket's survey answer at its resolution time.</summary>
    Satisfaction,

    /// <summary>The first response (首次响应时间).</summary>
    FirstResponseAt,

    /// <summary>When it was resolved (解决时间); required for a resolved or closed ticket.</summary>
    ResolvedAt,

    /// <summary>When it was closed (关闭时间).</summary>
    ClosedAt,

    /// <summary>待处理 Pending, 处理中 InProgress, 已解决 Resolved, 已关闭 Closed, 无需处理 NoActionNeeded ... (状态); default Pending.</summary>
    Status,

    /// <summary>The asset the ticket is about (关联资产).</summary>
    AssetId,
}
