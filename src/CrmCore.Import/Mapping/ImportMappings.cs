using CrmCore.Import.Articles;
using CrmCore.Import.Assets;
using CrmCore.Import.Plans;
using CrmCore.Import.Surveys;
using CrmCore.Import.Tickets;
using CrmCore.Localization;
using CrmCore.Relationships;
using CrmCore.Tickets;

namespace CrmCore.Import.Mapping;

/// <summary>
/// The built-in mappings, one per entity: document 001's Chinese headers (客户信息总表, 服务质量问题跟踪表, 客户沟通计划表), their usual
/// variants and English names (the property names of the export's English headers too). Lay a mapping file over one with
/// <see cref="ImportMappingFile.Load{TField}(string, ImportMapping{TField})"/>. Thread-safe (the mappings are immutable).
/// </summary>
public static class ImportMappings
{
    private static readonly string[] Ignored = ["序号", "No.", "No", "#", "错误原因", "导入问题", "行号", "Problem", "Import problem", "Line", "原因代码", "Reason code"];

    /// <summary>The customer table (客户信息总表): 客户编号, 客户名称, 所属行业, 客户等级, 负责客户经理, 联系人, 联系方式, 年合作金额 ...</summary>
    public static ImportMapping<CustomerField> Customers => CustomersTable.Mapping;

    /// <summary>The knowledge article table: 文章编号, 标题, 正文, 标签, 工单类型, 状态 (ArticleId, Title, Body, Tags, TicketTypes, Status).</summary>
    public static ImportMapping<ArticleField> Articles => ArticlesTable.Mapping;

    /// <summary>The asset table (document 004's installed base): 资产编号, 资产名称, 序列号, 型号, 客户编号, 保管人, 安装日期, 保修截止, 上级资产.</summary>
    public static ImportMapping<AssetField> Assets => AssetsTable.Mapping;

    /// <summary>The issue-tracking table (服务质量问题跟踪表): 问题编号, 客户名称, 问题描述, 提出时间, 紧急程度, 期望解决时间, 责任部门, 负责人,
    /// 处理进度, 解决方案, 客户满意度, 解决时间, 状态; value maps for 紧急程度, 问题类型, 渠道 and 状态 in Chinese.</summary>
    public static ImportMapping<TicketField> Tickets => TicketsTable.Mapping;

    /// <summary>The contact plan table (客户沟通计划表): 客户编号, 客户名称, 沟通方式, 沟通内容要点, 负责人, 计划执行时间, 实际执行时间, 客户反馈,
    /// 后续行动项, 完成状态, 计划类型 (客户等级 and 计划沟通周期 are known and ignored: they follow from the customer); value maps for 沟通方式, 完成状态 and
    /// 计划类型.</summary>
    public static ImportMapping<PlanField> Plans => PlansTable.Mapping;

    /// <summary>Survey results (满意度调查): 问题编号, 客户编号, 评价时间, 满意度, 推荐意愿 (NPS), 响应速度, 解决效果, 方案质量, 沟通态度, 价格, 客户评价.</summary>
    public static ImportMapping<SurveyField> Surveys => SurveysTable.Mapping;

    /// <summary>The built-in mapping of an entity's field enum, or null for an enum that has none.</summary>
    internal static ImportMapping<TField>? For<TField>()
        where TField : struct, Enum
    {
        object? mapping = typeof(TField) == typeof(CustomerField) ? Customers
            : typeof(TField) == typeof(TicketField) ? Tickets
            : typeof(TField) == typeof(PlanField) ? Plans
            : typeof(TField) == typeof(SurveyField) ? Surveys
            : typeof(TField) == typeof(AssetField) ? Assets
            : typeof(TField) == typeof(ArticleField) ? Articles
            : null;
        return mapping as ImportMapping<TField>;
    }

    /// <summary>Built on first use, not with the other mappings: an import needs one.</summary>
    private static class CustomersTable
    {
        public static readonly ImportMapping<CustomerField> Mapping = Build<CustomerField>(
            (CustomerField.Id, ["客户编号", "客户ID", "客户代码", "编号", "Customer id", "CustomerId", "Id"]),
            (CustomerField.Name, ["客户名称", "客户名称(简称)", "客户全称", "公司名称", "企业名称", "Name", "Customer name", "Customer", "Company"]),
            (CustomerField.ShortName, ["简称", "客户简称", "Short name", "ShortName"]),
            (CustomerField.Industry, ["所属行业", "行业", "Industry"]),
            (CustomerField.Tier, ["客户等级", "等级", "价值分层", "客户分层", "Tier", "Level"]),
            (CustomerField.AccountManager, ["负责客户经理", "客户经理", "负责人", "Account manager", "AccountManager", "Owner"]),
            (CustomerField.ContactName, ["联系人", "对接人", "联系人姓名", "Contact", "Contact name", "ContactName"]),
            (CustomerField.ContactRole, ["联系人角色", "联系人职务", "职务", "Contact role", "ContactRole", "Role"]),
            (CustomerField.Phone, ["联系方式", "联系电话", "电话", "手机", "手机号", "手机号码", "Phone", "Mobile", "Telephone", "Tel"]),
            (CustomerField.Email, ["邮箱", "电子邮箱", "电子邮件", "E-mail", "Email", "Mail"]),
            (CustomerField.Address, ["地址", "联系地址", "公司地址", "Address"]),
            (CustomerField.FirstContactOn, ["首次接触时间", "首次联系时间", "首次接触日期", "First contact", "First contact on", "FirstContactOn"]),
            (CustomerField.FirstCooperationOn, ["首次合作时间", "首次合作日期", "合作开始时间", "First cooperation", "First cooperation on", "FirstCooperationOn"]),
            (CustomerField.AnnualAmount, ["年合作金额", "年合作金额(元)", "年合作金额(万元)", "合作金额", "Annual amount", "AnnualAmount"]),
            (CustomerField.Products, ["产品/服务类型", "产品", "产品类型", "服务类型", "Products", "Product"]),
            (CustomerField.OrdersPerYear, ["合作频次", "年订单数", "Orders per year", "OrdersPerYear"]),
            (CustomerField.Employees, ["员工人数", "规模(员工人数)", "Employees"]),
            (CustomerField.AnnualRevenue, ["年营收", "年营业收入", "Annual revenue", "AnnualRevenue"]),
            (CustomerField.Source, ["来源渠道", "客户来源", "首次接触渠道", "Source", "Channel"]),
            (CustomerField.UpdatedOn, ["更新时间", "最后更新", "更新日期", "Updated", "Updated on", "UpdatedOn"]))
        .With(new ImportMapping<CustomerField>([], values:
        [
            // The import's default role (CustomerImportOptions.DefaultContactRole) has no display name: the export writes it as 联系人, the
            // role table's word for it (DisplayLabels.ContactRoles, which the row parser reads with every display name).
            new(CustomerField.ContactRole, DisplayLabels.ContactRoles.Synonyms),
        ]));
    }

    /// <summary>Built on first use, not with the other mappings: an import needs one.</summary>
    private static class ArticlesTable
    {
        public static readonly ImportMapping<ArticleField> Mapping = Build<ArticleField>(
            (ArticleField.Id, ["文章编号", "知识编号", "编号", "ArticleId", "Article", "Id"]),
            (ArticleField.Title, ["标题", "文章标题", "Title"]),
            (ArticleField.Body, ["正文", "内容", "解决方法", "Body", "Content", "Text"]),
            (ArticleField.Tags, ["标签", "关键词", "Tags", "Keywords"]),
            (ArticleField.TicketTypes, ["工单类型", "适用工单类型", "适用类型", "TicketTypes", "Types", "TicketType"]),
            (ArticleField.Status, ["状态", "Status"]));
    }

    /// <summary>Built on first use, not with the other mappings: an import needs one.</summary>
    private static class AssetsTable
    {
        public static readonly ImportMapping<AssetField> Mapping = Build<AssetField>(
            (AssetField.Id, ["资产编号", "资产ID", "设备编号", "AssetId", "Asset", "Asset id", "Id"]),
            (AssetField.Name, ["资产名称", "设备名称", "名称", "Name", "AssetName", "Asset name"]),
            (AssetField.SerialNumber, ["序列号", "SN", "Serial", "SerialNumber", "Serial number", "SerialNo"]),
            (AssetField.Model, ["型号", "产品型号", "设备型号", "Model"]),
            (AssetField.Owner, ["客户编号", "所属客户", "客户ID", "CustomerId", "Customer id", "Customer", "Owner"]),
            (AssetField.Custodian, ["保管人", "负责人", "使用人", "Custodian"]),
            (AssetField.InstalledOn, ["安装日期", "InstalledOn", "Installed on", "InstallDate", "Installed"]),
            (AssetField.WarrantyEndsOn, ["保修截止", "保修截止日期", "保修到期", "保修到期日", "WarrantyEndsOn", "Warranty ends on", "WarrantyEnd", "Warranty"]),
            (AssetField.Parent, ["上级资产", "父资产", "所属设备", "Parent", "ParentId", "ParentAsset", "Parent asset"]));
    }

    /// <summary>Built on first use, not with the other mappings: an import needs one.</summary>
    private static class TicketsTable
    {
        public static readonly ImportMapping<TicketField> Mapping = Build<TicketField>(
            (TicketField.Id, ["问题编号", "工单编号", "工单号", "Ticket id", "TicketId", "Id"]),
            (TicketField.CustomerId, ["客户编号", "客户ID", "Customer id", "CustomerId"]),
            (TicketField.CustomerName, ["客户名称", "客户", "Customer name", "Customer"]),
            (TicketField.Description, ["问题描述", "描述", "Description"]),
            (TicketField.RaisedAt, ["提出时间", "登记时间", "Raised at", "RaisedAt"]),
            (TicketField.Urgency, ["紧急程度", "紧急程度(一般/紧急/重大)", "Urgency"]),
            (TicketField.Type, ["问题类型", "类型", "Type"]),
            (TicketField.Channel, ["渠道", "来源渠道", "受理渠道", "Channel"]),
            (TicketField.ExpectedResolutionAt, ["期望解决时间", "Expected resolution at", "ExpectedResolutionAt"]),
            (TicketField.Department, ["责任部门", "Department"]),
            (TicketField.Owner, ["负责人", "处理人", "Owner"]),
            (TicketField.Progress, ["处理进度", "Progress"]),
            (TicketField.Solution, ["解决方案", "Solution"]),
            (TicketField.Satisfaction, ["客户满意度", "客户满意度(1-5分)", "满意度", "Satisfaction", "Csat"]),
            (TicketField.FirstResponseAt, ["首次响应时间", "First response at", "FirstResponseAt"]),
            (TicketField.ResolvedAt, ["解决时间", "Resolved at", "ResolvedAt"]),
            (TicketField.ClosedAt, ["关闭时间", "Closed at", "ClosedAt"]),
            (TicketField.Status, ["状态", "问题状态", "Status"]),
            (TicketField.AssetId, ["关联资产", "资产编号", "Asset id", "AssetId", "Related asset"]))
        .With(new ImportMapping<TicketField>([], values:
        [
            // The display names of every built-in value (DisplayLabels), then document 001's other words for them.
            new(TicketField.Urgency, DisplayLabels.Map(DisplayLabels.Of<Urgency>(DisplayNames.Of), ("普通", "General"))),
            new(TicketField.Type, DisplayLabels.Map(DisplayLabels.Of(DisplayLabels.TicketTypes, t => t.Code, DisplayNames.Of), ("售后故障", "Fault"), ("售前", "PreSales"))),
            new(TicketField.Channel, DisplayLabels.Map(
                DisplayLabels.Of(DisplayLabels.Channels, c => c.Code, DisplayNames.Of),
                ("电子邮件", "Email"), ("在线", "OnlineChat"), ("拜访", "Visit"), ("网页表单", "WebForm"), ("表单", "WebForm"))),
            new(TicketField.Status, DisplayLabels.Map(DisplayLabels.Of<TicketStatus>(DisplayNames.Of), ("待客户反馈", "WaitingForCustomer"), ("服务结束", "Closed"))),
        ]));
    }

    /// <summary>Built on first use, not with the other mappings: an import needs one.</summary>
    private static class PlansTable
    {
        public static readonly ImportMapping<PlanField> Mapping = Build<PlanField>(
            (PlanField.Ignore, ["客户等级", "计划沟通周期", "沟通周期", "Tier", "Cadence"]),
            (PlanField.Id, ["计划编号", "Plan id", "PlanId", "Id"]),
            (PlanField.CustomerId, ["客户编号", "客户ID", "Customer id", "CustomerId"]),
            (PlanField.CustomerName, ["客户名称", "客户", "Customer name", "Customer"]),
            (PlanField.Channel, ["沟通方式", "方式", "Channel"]),
            (PlanField.Purpose, ["沟通内容要点", "沟通内容", "内容", "Purpose"]),
            (PlanField.Owner, ["负责人", "沟通人", "Owner"]),
            (PlanField.PlannedAt, ["计划执行时间", "计划时间", "Planned at", "PlannedAt"]),
            (PlanField.ActualAt, ["实际执行时间", "实际时间", "Actual at", "ActualAt"]),
            (PlanField.Feedback, ["客户反馈", "Feedback"]),
            (PlanField.NextAction, ["后续行动项", "后续行动", "Next action", "NextAction"]),
            (PlanField.Status, ["完成状态", "状态", "Status"]),
            (PlanField.Kind, ["计划类型", "Kind"]))
        .With(new ImportMapping<PlanField>([], values:
        [
            // The display names of every value (DisplayLabels), then document 001's other words for them.
            new(PlanField.Channel, DisplayLabels.Map(
                DisplayLabels.Of<ContactChannel>(DisplayNames.Of),
                ("电话沟通", "Call"), ("上门拜访", "Visit"), ("电子邮件", "Email"), ("关怀短信", "CareMessage"), ("主管电话", "SupervisorCall"))),
            new(PlanField.Status, DisplayLabels.Map(DisplayLabels.Of<PlanStatus>(DisplayNames.Of))),
            new(PlanField.Kind, DisplayLabels.Map(DisplayLabels.Of<PlanKind>(DisplayNames.Of), ("手动", "Manual"))),
        ]));
    }

    /// <summary>Built on first use, not with the other mappings: an import needs one.</summary>
    private static class SurveysTable
    {
        public static readonly ImportMapping<SurveyField> Mapping = Build<SurveyField>(
            (SurveyField.TicketId, ["问题编号", "工单编号", "Ticket id", "TicketId"]),
            (SurveyField.CustomerId, ["客户编号", "Customer id", "CustomerId"]),
            (SurveyField.AnsweredAt, ["评价时间", "回访时间", "Answered at", "AnsweredAt"]),
            (SurveyField.Csat, ["满意度", "总体满意度", "客户满意度", "满意度(1-5分)", "CSAT"]),
            (SurveyField.Nps, ["推荐意愿", "推荐度", "NPS"]),
            (SurveyField.ResponseSpeed, ["响应速度", "Response speed", "ResponseSpeed"]),
            (SurveyField.Resolution, ["解决效果", "问题解决", "Resolution"]),
            (SurveyField.SolutionQuality, ["方案质量", "解决方案质量", "Solution quality", "SolutionQuality"]),
            (SurveyField.Communication, ["沟通态度", "沟通", "Communication"]),
            (SurveyField.Price, ["价格", "价格满意度", "Price"]),
            (SurveyField.Comment, ["客户评价", "评价", "意见", "Comment"]));
    }

    private static ImportMapping<TField> Build<TField>(params (TField Field, string[] Headers)[] table)
        where TField : struct, Enum =>
        new(table.Prepend((default, Ignored)).SelectMany(row => row.Headers.Select(header => new KeyValuePair<string, TField>(header, row.Field))));

    private static IReadOnlyDictionary<string, string> Map(params (string From, string To)[] pairs) =>
        pairs.ToDictionary(p => p.From, p => p.To, StringComparer.Ordinal);
}
