namespace CrmCore.Cli.Localization;

/// <summary>The message table of <c>crm</c>: every text a user reads, in English and Simplified Chinese.</summary>
internal static class Messages
{
    // General
    public static readonly Msg ErrorPrefix = new("error", "错误");
    public static readonly Msg WarningPrefix = new("warning", "警告");
    public static readonly Msg UsageHint = new("Run '{0} --help' for usage.", "运行“{0} --help”查看用法。");
    public static readonly Msg FileNotFound = new("file '{0}' was not found", "找不到文件“{0}”");
    public static readonly Msg FileUnreadable = new("file '{0}' cannot be read: {1}", "无法读取文件“{0}”：{1}");
    public static readonly Msg UnknownFormat = new(
        "cannot tell the format of '{0}' from its extension; use --format csv|json|jsonl",
        "无法根据扩展名判断“{0}”的格式；请使用 --format csv|json|jsonl");
    public static readonly Msg FileTooLarge = new(
        "{0}:1:1: the file is larger than {1} bytes, the most this kind of file may have",
        "{0}:1:1: 文件大于 {1} 字节，超出了此类文件的上限");
    public static readonly Msg AccessPolicyInvalid = new("'{0}' is not a valid access policy:\n{1}", "“{0}”不是有效的访问策略：\n{1}");
    public static readonly Msg MappingInvalid = new("'{0}' is not a valid mapping file:\n{1}", "“{0}”不是有效的映射文件：\n{1}");
    public static readonly Msg InternalError = new("internal error: {0}", "内部错误：{0}");

    /// <summary>A <c>--lang</c> culture ({0}) that is Traditional Chinese: crm has no texts for it and speaks English.</summary>
    public static readonly Msg LangTraditionalChinese = new(
        "note: --lang {0} is Traditional Chinese, which crm has no texts for; messages are in English",
        "注意：--lang {0} 是繁体中文，crm 没有繁体中文文本；消息使用英文");

    /// <summary>A <c>--lang</c> culture ({0}) of another language crm has no texts for: it speaks English.</summary>
    public static readonly Msg LangWithoutTexts = new(
        "note: crm has no texts in the language of --lang {0}; messages are in English",
        "注意：crm 没有 --lang {0} 所指语言的文本；消息使用英文");

    /// <summary>
    /// A <c>--lang</c> name ({0}) that is not one of crm's languages, when .NET has no culture data (invariant globalization mode) to
    /// check it against: it speaks English.
    /// </summary>
    public static readonly Msg LangUnchecked = new(
        "note: .NET runs here without culture data (invariant globalization mode), so --lang {0} cannot be checked; crm has no texts in its language; messages are in English",
        "注意：此处 .NET 没有区域性数据（固定全球化模式），无法检查 --lang {0}；crm 没有该语言的文本；消息使用英文");

    public static readonly Msg TeamsFileInvalid = new("teams file '{0}' is not valid: {1}", "团队文件“{0}”无效：{1}");

    /// <summary>A teams file that is not JSON, at a 1-based line and character column.</summary>
    public static readonly Msg TeamsFileNotJson = new("{0}:{1}:{2}: the teams file is not valid JSON: {3}", "{0}:{1}:{2}: 团队文件不是有效的 JSON：{3}");

    /// <summary>A teams file's shape is wrong at a JSON path.</summary>
    public static readonly Msg TeamsFileShape = new("{0} must be {1}", "{0} 必须是{1}");

    /// <summary>Shape names for <see cref="TeamsFileShape"/>.</summary>
    public static readonly Msg TeamsFileObject = new("an object with 'teams' and/or 'agents'", "包含 teams 和/或 agents 的对象");

    /// <summary>Shape names for <see cref="TeamsFileShape"/>.</summary>
    public static readonly Msg TeamsFileNames = new("an array of non-empty strings", "非空字符串数组");

    /// <summary>Shape names for <see cref="TeamsFileShape"/>.</summary>
    public static readonly Msg TeamsFileAgent = new("an object with a non-empty 'team' and a 'skills' array", "包含非空 team 和 skills 数组的对象");

    /// <summary>Calendar load failure.</summary>
    public static readonly Msg CalendarInvalid = new("calendar '{0}' has {1} problem(s)", "日历“{0}”有 {1} 个问题");
    public static readonly Msg EscalationInvalid = new("escalation policy '{0}' has {1} problem(s)", "升级策略“{0}”有 {1} 个问题");

    public static readonly Msg UnroutedSummary = new("{0} of {1} ticket(s) matched no Routing rule; the desk sends them to the fallback group {2}", "{1} 张工单中有 {0} 张没有命中任何路由规则；服务台会把它们分配到兜底组 {2}");
    public static readonly Msg FallbackRoute = new("{0} (fallback)", "{0}（兜底）");
    public static readonly Msg RulesFolderEmpty = new("the folder holds no rule files (*.json), so there is no workflow to check", "此文件夹中没有规则文件（*.json），没有可检查的工作流");

    // Why a file cannot be read ({1} of FileUnreadable), in the user's language rather than .NET's English text.
    public static readonly Msg FileReadDenied = new("permission denied; ask for read access, or copy the file to a place you can read", "没有读取权限；请申请读取权限，或把文件复制到可以读取的位置");
    public static readonly Msg FileIsFolder = new("it is a folder, not a file", "这是一个文件夹，不是文件");

    /// <summary>{0} the operating system's error code (errno on Linux and macOS, the Win32 error on Windows).</summary>
    public static readonly Msg FileReadFailed = new(
        "the system reported error {0} while reading it; try again, or copy the file first",
        "读取时系统报告了错误 {0}；请重试，或先复制该文件");

    /// <summary>{0} the cause of a read failure without an operating-system code (<see cref="Hosting.OutputPaths.CauseWithoutCode"/>).</summary>
    public static readonly Msg FileReadFailedBecause = new("{0}; try again, or copy the file first", "{0}；请重试，或先复制该文件");
    public static readonly Msg RulesDidNotLoad = new("rules '{0}' did not load: {1} error(s)", "规则“{0}”未能加载：{1} 个错误");
    public static readonly Msg RuleWord = new("rule", "规则");
    public static readonly Msg WorkflowWord = new("workflow", "工作流");
    public static readonly Msg ExportExists = new(
        "these files already exist: {0}; use --force to replace them",
        "以下文件已存在：{0}；如需覆盖请使用 --force");
    public static readonly Msg ExportRemovedTiering = new(
        "removed {0}: a rule set holds one Tiering workflow, and {1} replaces it",
        "已删除 {0}：一个规则集只能有一个 Tiering（分层）工作流，由 {1} 取代");
    public static readonly Msg ExportCannotRemove = new(
        "could not remove {0} (a rule set holds one Tiering workflow, so it must go before the pack is written): {1}; nothing was written",
        "无法删除 {0}（一个规则集只能有一个 Tiering（分层）工作流，写入前须先删除它）：{1}；未写入任何文件");
    public static readonly Msg ExportDone = new(
        "wrote {0} rule file(s) to '{1}'; check them with: crm rules validate {1}",
        "已将 {0} 个规则文件写入“{1}”；可用以下命令检查：crm rules validate {1}");
    public static readonly Msg ValidateSummary = new("{0} file(s): {1} error(s), {2} warning(s)", "{0} 个文件：{1} 个错误，{2} 个警告");

    // Input problems (CLI1xx)
    public static readonly Msg UnknownColumn = new("unknown column '{0}'", "未知列“{0}”");
    public static readonly Msg DuplicateColumn = new("column '{0}' appears twice", "列“{0}”重复出现");
    public static readonly Msg BadNumber = new("'{0}': '{1}' is not valid: {2}", "“{0}”：“{1}”无效：{2}");
    public static readonly Msg BadDate = new("'{0}': '{1}' is not a valid date or time: {2}", "“{0}”：“{1}”不是有效的日期或时间：{2}");
    public static readonly Msg MissingRequired = new("required field '{0}' is missing", "缺少必填字段“{0}”");
    public static readonly Msg BadValue = new("'{0}': '{1}' is not allowed: {2}", "“{0}”：“{1}”不允许：{2}");
    public static readonly Msg BadShape = new("'{0}': {1}", "“{0}”：{1}");
    public static readonly Msg Malformed = new("malformed file: {0}", "文件格式错误：{0}");
    public static readonly Msg RowsRejected = new(
        "{0}: {1} row(s) read, {2} rejected, {3} problem(s)",
        "{0}：读取 {1} 行，拒绝 {2} 行，问题 {3} 个");
    public static readonly Msg StoppedAtFirst = new("{0}: stopped at the first problem (--strict)", "{0}：遇到第一个问题即停止（--strict）");

    // Details of input problems
    public static readonly Msg Verbatim = new("{0}", "{0}");
    public static readonly Msg ExpectedWholeNumber = new("expected a whole number", "应为整数");
    public static readonly Msg ExpectedDecimal = new("expected a number such as 1234.5", "应为数字，例如 1234.5");
    public static readonly Msg ExpectedBetween = new("expected a number between {0} and {1}", "应为 {0} 到 {1} 之间的数字");
    public static readonly Msg ExpectedAtLeast = new("expected a number of at least {0}", "应为不小于 {0} 的数字");
    public static readonly Msg ExpectedAtMost = new("expected a number of at most {0}", "应为不大于 {0} 的数字");
    public static readonly Msg ExpectedDate = new("expected a date yyyy-MM-dd", "应为 yyyy-MM-dd 格式的日期");
    public static readonly Msg ExpectedInstant = new(
        "expected an ISO instant such as 2026-03-01T09:30:00+08:00",
        "应为 ISO 时间，例如 2026-03-01T09:30:00+08:00");
    public static readonly Msg ExpectedDateOrInstant = new("expected a date yyyy-MM-dd or an ISO instant", "应为 yyyy-MM-dd 日期或 ISO 时间");
    public static readonly Msg ExpectedBoolean = new("expected true or false", "应为 true 或 false");
    public static readonly Msg ExpectedOneOf = new("expected one of {0}", "应为以下之一：{0}");
    public static readonly Msg ExpectedString = new("expected a string, not {0}", "应为字符串，而不是{0}");
    public static readonly Msg ExpectedStringArray = new("expected an array of strings", "应为字符串数组");
    public static readonly Msg ExpectedSingleValue = new("expected a single value", "应为单个值");
    public static readonly Msg ExpectedObject = new("expected a JSON object", "应为 JSON 对象");
    public static readonly Msg ExpectedArray = new(
        "expected a JSON array of objects; use .jsonl for one object per line",
        "应为 JSON 对象数组；每行一个对象请使用 .jsonl");
    public static readonly Msg OneObjectPerLine = new("one JSON object per line expected", "每行应只有一个 JSON 对象");
    public static readonly Msg FieldCountMismatch = new("expected {0} fields, found {1}", "应有 {0} 个字段，实际 {1} 个");

    // Column headings
    public static readonly Msg ColumnFile = new("File", "文件");
    public static readonly Msg ColumnKind = new("Kind", "类型");
    public static readonly Msg ColumnRows = new("Rows", "行数");
    public static readonly Msg ColumnRejected = new("Rejected", "拒绝");
    public static readonly Msg ColumnProblems = new("Problems", "问题");

    // The kinds of data file, in the table of `crm data check` (JSON and CSV output keep the names customers, tickets, surveys).
    public static readonly Msg KindCustomers = new("customers", "客户");
    public static readonly Msg KindTickets = new("tickets", "工单");
    public static readonly Msg KindSurveys = new("surveys", "满意度调查");
    public static readonly Msg ColumnId = new("Id", "编号");
    public static readonly Msg ColumnName = new("Name", "名称");
    public static readonly Msg ColumnTier = new("Tier", "层级");
    public static readonly Msg ColumnTags = new("Tags", "标签");
    public static readonly Msg ColumnChurnRisk = new("Churn risk", "流失风险");
    public static readonly Msg ColumnReasons = new("Reasons", "原因");
    public static readonly Msg ColumnFired = new("Rules fired", "命中的规则");
    public static readonly Msg ColumnFailed = new("Rules failed", "执行失败的规则");
    public static readonly Msg ColumnFailure = new("Failure", "执行失败");
    public static readonly Msg ColumnEvaluated = new("Evaluated", "已评估");
    public static readonly Msg ColumnCustomer = new("Customer", "客户");
    public static readonly Msg ColumnPriority = new("Priority", "优先级");
    public static readonly Msg ColumnBand = new("Band", "档位");
    public static readonly Msg ColumnRoute = new("Route", "分派");
    public static readonly Msg ColumnFallback = new("Fallback", "兜底");
    public static readonly Msg ColumnSkill = new("Skill", "技能");
    public static readonly Msg ColumnLadders = new("Ladders", "升级路径");
    public static readonly Msg ColumnValue = new("Value", "值");
    public static readonly Msg ColumnOld = new("Old", "原");
    public static readonly Msg ColumnNew = new("New", "新");
    public static readonly Msg ColumnChange = new("Change", "变化");
    public static readonly Msg ColumnFrom = new("From", "从");
    public static readonly Msg ColumnTo = new("To", "到");
    public static readonly Msg ColumnCount = new("Count", "数量");
    public static readonly Msg ColumnGained = new("Gained", "新增");
    public static readonly Msg ColumnLost = new("Lost", "移除");
    public static readonly Msg ColumnDimension = new("Dimension", "维度");
    public static readonly Msg ColumnWhat = new("What changed", "变化内容");
    public static readonly Msg ColumnWhy = new("Why", "原因");
    public static readonly Msg ColumnWorkflow = new("Workflow", "工作流");
    public static readonly Msg ColumnRule = new("Rule", "规则");
    public static readonly Msg ColumnEvent = new("Outcome", "结果");
    public static readonly Msg ColumnHeld = new("Held", "成立");
    public static readonly Msg ColumnClause = new("Clause", "条件");
    public static readonly Msg ColumnFacts = new("Facts", "事实");

    // Section titles and summaries
    public static readonly Msg SectionCustomers = new("Customers", "客户");
    public static readonly Msg SectionTickets = new("Tickets", "工单");
    public static readonly Msg SectionTiers = new("Tiers", "层级");
    public static readonly Msg SectionTags = new("Tags", "标签");
    public static readonly Msg SectionBands = new("Priority bands", "优先级档位");
    public static readonly Msg SectionRoutes = new("Routes", "分派");
    public static readonly Msg SectionMoves = new("Moves", "迁移");
    public static readonly Msg SectionChanged = new("Changed items (sample)", "变化示例");
    public static readonly Msg NotValidText = new(
        "{0}:{1}:{2}: the file is {3}",
        "{0}:{1}:{2}: 文件编码不正确（{3}）。请另存为 UTF-8，或使用 --encoding 指定编码（如 gb18030）");
    public static readonly Msg NotUtf8Text = new(
        "{0}:{1}:{2}: the file is not valid UTF-8; this kind of file is always read as UTF-8 (--encoding does not apply to it): save it as UTF-8",
        "{0}:{1}:{2}: 文件编码不正确：此类文件始终按 UTF-8 读取（--encoding 不适用于它），请另存为 UTF-8");
    public static readonly Msg RuleFailureDetail = new("rule {0}/{1}: {2}", "规则 {0}/{1}：{2}");
    public static readonly Msg RuleFailuresSummary = new(
        "{0} rule failure(s) at run time: a failed rule counts as not held for that item and its outcome and points are not used",
        "{0} 次规则执行失败：执行失败的规则对相应条目视为不成立，其结果和分数不采用");
    public static readonly Msg TagOutWouldDropRows = new(
        "--out is the input file {0}, which has rejected rows or other problems; writing would lose them, so nothing was written. Fix them or write to another file",
        "--out 与输入文件 {0} 相同，而该文件有被拒绝的行或其他问题；写入会丢失这些行，因此未写入任何内容。请先修正，或写入另一个文件");
    public static readonly Msg DuplicateId = new("id '{0}' already appears on line {1}", "编号“{0}”已在第 {1} 行出现");

    /// <summary>CLI109: field {0}, written {1}, comes before what {2} says (the other field and its value as written).</summary>
    public static readonly Msg OutOfOrder = new("'{0}' {1} is before {2}", "“{0}” {1} 早于{2}");
    public static readonly Msg OutOfOrderOther = new("'{0}' {1}", "“{0}” {1}");
    public static readonly Msg EvaluationFailed = new(
        "{0}:{1}: error CLI201: the rules failed on '{2}': {3}",
        "{0}:{1}: 错误 CLI201: 规则在“{2}”上执行失败：{3}");
    public static readonly Msg IdNotFound = new("no customer or ticket with id '{0}' in the data files", "数据文件中没有编号为“{0}”的客户或工单");
    public static readonly Msg ExplainCustomer = new("Customer {0} {1}", "客户 {0} {1}");
    public static readonly Msg ExplainTicket = new("Ticket {0} (customer {1})", "工单 {0}（客户 {1}）");
    public static readonly Msg ExplainCustomerSummary = new(
        "Tier: {0}; tags: {1}; churn risk: {2} points",
        "层级：{0}；标签：{1}；流失风险：{2} 分");
    public static readonly Msg ExplainTicketSummary = new(
        "Priority: {0} points ({1}); route: {2}",
        "优先级：{0} 分（{1}）；分派：{2}");
    public static readonly Msg None = new("(none)", "（无）");
    public static readonly Msg DiffSummary = new(
        "{0} of {1} customer(s) and {2} of {3} ticket(s) change",
        "{1} 个客户中有 {0} 个变化，{3} 个工单中有 {2} 个变化");
    public static readonly Msg DimensionTier = new("tier", "层级");
    public static readonly Msg DimensionBand = new("band", "档位");
    public static readonly Msg DimensionRoute = new("route", "分派");
    public static readonly Msg ChangeTier = new("tier {0} → {1}", "层级 {0} → {1}");
    public static readonly Msg ChangeTagAdded = new("+tag {0}", "+标签 {0}");
    public static readonly Msg ChangeTagRemoved = new("-tag {0}", "-标签 {0}");
    public static readonly Msg ChangeBand = new("band {0} → {1}", "档位 {0} → {1}");
    public static readonly Msg ChangeRoute = new("route {0} → {1}", "分派 {0} → {1}");
    public static readonly Msg BecauseNew = new("new: {0}", "新：{0}");
    public static readonly Msg BecauseOld = new("was: {0}", "原：{0}");
    public static readonly Msg TagSummary = new(
        "{0} customer(s) tagged in {1:0.00} s ({2:0} per second); {3} changed tier, {4} changed tags; written to {5}",
        "已为 {0} 个客户打标签，用时 {1:0.00} 秒（每秒 {2:0} 个）；{3} 个层级变化，{4} 个标签变化；已写入 {5}");
    public static readonly Msg OutFormatUnknown = new(
        "cannot tell the format of '{0}' from its extension; use .csv, .json or .jsonl",
        "无法根据扩展名判断“{0}”的格式；请使用 .csv、.json 或 .jsonl");
    public static readonly Msg SurveyWithoutCustomer = new(
        "the survey names no CustomerId and ticket '{0}' is not in the tickets file",
        "问卷未给出 CustomerId，且工单文件中没有工单“{0}”");
    public static readonly Msg ReportRowUnusable = new(
        "{0}:{1}: error CLI202: '{2}' cannot be used in the report: {3}",
        "{0}:{1}: 错误 CLI202: “{2}”无法用于报告：{3}");
    public static readonly Msg HtmlWritten = new("HTML report written to {0}", "HTML 报告已写入 {0}");
    public static readonly Msg XlsxWritten = new("Excel workbook written to {0}", "Excel 工作簿已写入 {0}");
    public static readonly Msg TargetsInvalid = new("targets file '{0}' is invalid:\n{1}", "目标文件“{0}”无效：\n{1}");
    public static readonly Msg ReportCompletenessNotChecked = new(
        "customer data completeness was not checked: it reads the desk's stored customer records (--store sqlite:PATH or postgresql:CONNECTION-STRING); a --customers file is not checked",
        "未检查客户资料完整性：此项检查读取服务台存储中的客户资料（--store sqlite:路径 或 postgresql:连接字符串）；--customers 文件不做此检查");
    public static readonly Msg ReportStoreMemory = new(
        "--store memory holds no customer records to check; give sqlite:PATH or postgresql:CONNECTION-STRING",
        "--store memory 中没有可检查的客户资料；请指定 sqlite:路径 或 postgresql:连接字符串");
    public static readonly Msg ReportStoreMissing = new(
        "store file '{0}' does not exist: nothing to check for completeness",
        "存储文件“{0}”不存在：没有可检查完整性的客户资料");

    /// <summary>{0} the first file, {1} the second, {2} the calendar's name.</summary>
    public static readonly Msg ReportCalendarTwice = new(
        "--calendar: '{0}' and '{1}' both hold the calendar '{2}'; give each calendar once (nothing was reported)",
        "--calendar：“{0}”和“{1}”都是日历“{2}”；每个日历只需给出一次（未生成报告）");

    /// <summary>{0} the file given twice.</summary>
    public static readonly Msg ReportCalendarGivenTwice = new(
        "--calendar: '{0}' is given twice; give each calendar once (nothing was reported)",
        "--calendar：“{0}”给出了两次；每个日历只需给出一次（未生成报告）");
    public static readonly Msg TagProgress = new("Tagging customers", "正在打标签");
    public static readonly Msg ColumnState = new("State", "状态");
    public static readonly Msg ColumnDueOn = new("Due on", "到期日");
    public static readonly Msg ColumnChannel = new("Channel", "方式");
    public static readonly Msg ColumnOwner = new("Owner", "负责人");
    public static readonly Msg ColumnPurpose = new("Purpose", "内容");
    public static readonly Msg PlanStateOverdue = new("overdue", "已逾期");
    public static readonly Msg PlanStateDue = new("due", "今日到期");
    public static readonly Msg PlanStateUpcoming = new("upcoming", "即将到期");
    public static readonly Msg PlanSummary = new(
        "{0} plan entr(ies) for {1:yyyy-MM-dd}: {2} overdue (none recorded as done: silent-customer care and churn follow-ups whatever their date, the others due in the {3} day(s) before), {4} due, {5} upcoming; {6} customer(s) asked not to be contacted and get none",
        "{1:yyyy-MM-dd} 的沟通计划共 {0} 条：已逾期 {2} 条（均没有完成记录：沉默客户关怀和流失跟进不论到期日，其他为此前 {3} 天内到期），今日到期 {4} 条，即将到期 {5} 条；{6} 个客户要求无需联系，不生成计划");
    public static readonly Msg PlanNoTier = new(
        "{0} of {1} customer(s) have no tier, so they get no regular contact; give --rules FILE to tier them (or fill the customers file's Tier column)",
        "{1} 个客户中有 {0} 个没有客户等级，因此不会为他们生成定期联系计划；请用 --rules 指定规则文件为客户分级（或填写客户文件的 Tier 列）");
    public static readonly Msg PlanNoTierAfterRules = new(
        "{0} of {1} customer(s) have no tier (neither the rules nor the customers file give one), so they get no regular contact",
        "{1} 个客户中有 {0} 个没有客户等级（规则和客户文件都没有给出），因此不会为他们生成定期联系计划");
    public static readonly Msg PolicyInvalid = new("contact policy '{0}' is invalid ({1} problem(s))", "沟通策略“{0}”无效（{1} 个问题）");
}
