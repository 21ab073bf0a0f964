namespace CrmCore.Import.Mapping;

/// <summary>The customer fields a column can be mapped to (the names used in mapping files, case-insensitive).</summary>
public enum CustomerField
{
    /// <summary>Not a field: the column is known and deliberately ignored (序号, the report's problem column).</summary>
    Ignore,

    /// <summary>The customer id (客户编号). Rows without one get an id derived from the company name.</summary>
    Id,

    /// <summary>The full name (客户名称). Required.</summary>
    Name,

    /// <summary>The short name (简称).</summary>
    ShortName,

    /// <summary>The industry (所属行业): a well-known display name (制造业, Retail ...) or a code of your own.</summary>
    Industry,

    /// <summary>The value tier (客户等级).</summary>
    Tier,

    /// <summary>The account manager (负责客户经理).</summary>
    AccountManager,

    /// <summary>The contact person's name (联系人, 对接人).</summary>
    ContactName,

    /// <summary>The contact person's role (联系人角色).</summary>
    ContactRole,

    /// <summary>The phone number (电话, 联系方式); a cell such as <c>张三 138 1234 5678</c> also gives the contact's name and e-mail.</summary>
    Phone,

    /// <summary>The e-mail address (邮箱).</summary>
    Email,

    /// <summary>The postal address (地址).</summary>
    Address,

    /// <summary>The date of first contact (首次接触时间); the first cooperation date or the import date when absent.</summary>
    FirstContactOn,

    /// <summary>The first cooperation date (首次合作时间).</summary>
    FirstCooperationOn,

    /// <summary>The annual cooperation amount in CNY (年合作金额), with 万 and thousands separators.</summary>
    AnnualAmount,

    /// <summary>The products or services bought (产品/服务类型), separated by 、 , ; or new lines.</summary>
    Products,

    /// <summary>Orders per year (合作频次).</summary>
    OrdersPerYear,

    /// <summary>The number of employees (员工人数).</summary>
    Employees,

    /// <summary>The annual revenue in CNY (年营收).</summary>
    AnnualRevenue,

    /// <summary>The source channel of first contact (来源渠道): a well-known display name (转介绍, Referral ...) or a code of your own.</summary>
    Source,

    /// <summary>When the row was last updated (更新时间); decides which row is newest under <see cref="Customers.MergePolicy.KeepNewest"/>.</summary>
    UpdatedOn,
}
