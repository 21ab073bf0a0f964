namespace CrmCore.Import.Plans;

/// <summary>The contact plan fields a column can be mapped to (document 001's contact plan table 客户沟通计划表; the names used in mapping files, case-insensitive).</summary>
public enum PlanField
{
    /// <summary>Not a field: the column is known and deliberately ignored (客户等级 and 计划沟通周期 follow from the customer).</summary>
    Ignore,

    /// <summary>The plan entry id (计划编号). When absent, an id is derived from the customer, the planned time and the channel, the same on every run.</summary>
    Id,

    /// <summary>The customer's id (客户编号). This or <see cref="CustomerName"/> is required.</summary>
    CustomerId,

    /// <summary>The customer's name (客户名称), looked up among the stored customers by its company-name key when there is no id.</summary>
    CustomerName,

    /// <summary>电话 Call, 拜访 Visit, 邮件 Email, 短信 Sms, 关怀短信 CareMessage, 主管电话 SupervisorCall (沟通方式); default Call.</summary>
    Channel,

    /// <summary>What the contact is about (沟通内容要点). Required.</summary>
    Purpose,

    /// <summary>Who makes the contact (负责人).</summary>
    Owner,

    /// <summary>When it is planned (计划执行时间). Required.</summary>
    PlannedAt,

    /// <summary>When it happened (实际执行时间); required for a completed entry.</summary>
    ActualAt,

    /// <summary>The customer's feedback (客户反馈).</summary>
    Feedback,

    /// <summary>The follow-up action (后续行动项).</summary>
    NextAction,

    /// <summary>未开始 NotStarted, 进行中 InProgress, 已完成 Completed, 已取消 Cancelled (完成状态); default NotStarted.</summary>
    Status,

    /// <summary>定期沟通 Cadence, 生日关怀 Birthday, 节日关怀 Holiday, 合同到期提醒 ContractExpiry, 流失预警跟进 ChurnFollowUp, 沉默客户关怀
    /// SilentCare or 手动计划 Manual (计划类型); default Manual.</summary>
    Kind,
}
