using System.CommandLine;
using System.CommandLine.Completions;

namespace CrmCore.Cli.Localization;

/// <summary>
/// The Simplified Chinese help texts of every command, option and argument of <c>crm</c>, keyed by their English text (the
/// descriptions written next to each symbol). <see cref="Localize"/> swaps them in for <c>--lang zh-Hans</c>; a test checks
/// that every description of the tree has a translation.
/// </summary>
internal static class HelpTexts
{
    private static readonly Dictionary<string, string> ZhHans = new(StringComparer.Ordinal)
    {
        ["Import spreadsheets (CSV, .xlsx, JSON or JSON Lines) into a desk store, accounting for every row."] = "把电子表格（CSV、.xlsx、JSON 或 JSON Lines）导入服务台存储，每一行都有交代。",
        ["Import a customer table: Chinese or English headers, a mapping file for others; dedupe and merge; a report of every row."] = "导入客户表：支持中文或英文表头，其他表头用映射文件；去重与合并；逐行给出导入报告。",
        ["The customer table (.csv in UTF-8, GB18030 or UTF-16, .xlsx, .json or .jsonl)."] = "客户表（UTF-8、GB18030 或 UTF-16 编码的 .csv，或 .xlsx、.json、.jsonl）。",
        ["Mapping file (JSON): columns to fields, constants and value maps, laid over the built-in mapping."] = "映射文件（JSON）：列到字段的对应、常量和取值映射，叠加在内置映射之上。",
        ["Read, validate, match and report without writing anything."] = "读取、校验、匹配并生成报告，但不写入任何数据。",
        ["What to do with duplicates: keep-newest (default), fill-blanks or review."] = "重复记录的处理方式：keep-newest（默认，以最新为准）、fill-blanks（只补空白）或 review（待人工复核）。",
        ["How alike company names must be to count as duplicates, 0.5 to 1 (default 1: the same name apart from legal form, width and punctuation)."] = "公司名称相似到什么程度算作重复，0.5 到 1（默认 1：除公司类型、全半角和标点外名称相同）。",
        ["Rows per batch, validated and matched together before they are written (default 500)."] = "每批行数：同一批先一起校验和匹配，再写入（默认 500）。",
        ["Also write the import report as JSON to this file."] = "同时把导入报告以 JSON 写入此文件。",
        ["Also write the rejected and held rows as an .xlsx to fix and import again."] = "同时把被拒绝和待复核的行写成 .xlsx，修改后可再次导入。",
        ["Import every row again, even rows an earlier run of this file with the same mapping and options committed (by default they are reported as already imported and not applied again)."] = "即使之前的导入已提交这些行，也重新导入每一行（默认情况下，同一文件以相同映射和选项再次导入时，这些行报告为已导入，不再重复应用）。",
        ["Minutes an unfinished run of this file with the same mapping and options counts as still running after its last batch: until then this import refuses to take it up (default 10; 0 takes it up at once, for a run known to be killed)."] = "同一文件以相同映射和选项进行的未完成导入在最后一批之后仍视为正在运行的分钟数：在此之前本次导入拒绝接续它（默认 10；0 表示立即接续，用于确知已被终止的导入）。",
        ["Import an issue-tracking table (服务质量问题跟踪表): tickets with their status, owner, solution and satisfaction; a report of every row."] = "导入服务质量问题跟踪表：工单及其状态、负责人、解决方案和满意度；逐行给出导入报告。",
        ["The issue-tracking table (.csv in UTF-8, GB18030 or UTF-16, .xlsx, .json or .jsonl)."] = "问题跟踪表（UTF-8、GB18030 或 UTF-16 编码的 .csv，或 .xlsx、.json、.jsonl）。",
        ["Import survey results (CSAT, NPS and scores per dimension) onto their stored tickets; a report of every row."] = "把满意度调查结果（CSAT、NPS 和各维度评分）导入到已存储的工单上；逐行给出导入报告。",
        ["The survey table (.csv in UTF-8, GB18030 or UTF-16, .xlsx, .json or .jsonl)."] = "满意度调查表（UTF-8、GB18030 或 UTF-16 编码的 .csv，或 .xlsx、.json、.jsonl）。",
        ["Import a contact plan table (客户沟通计划表): planned and actual contacts, feedback and next actions; a report of every row."] = "导入客户沟通计划表：计划与实际沟通、客户反馈和后续行动项；逐行给出导入报告。",
        ["The contact plan table (.csv in UTF-8, GB18030 or UTF-16, .xlsx, .json or .jsonl)."] = "客户沟通计划表（UTF-8、GB18030 或 UTF-16 编码的 .csv，或 .xlsx、.json、.jsonl）。",
        ["Rows per batch, each written in one transaction (default 500)."] = "每批行数，每批在一个事务中写入（默认 500）。",
        ["Export the issue-tracking table (服务质量问题跟踪表), one row per ticket, with headers the import reads back."] = "导出服务质量问题跟踪表，每个工单一行，表头可被导入功能原样读回。",
        ["Export the survey answers, one row per answer, with headers the import reads back."] = "导出满意度调查结果，每条评价一行，表头可被导入功能原样读回。",
        ["Export the contact plan table (客户沟通计划表), one row per entry, with headers the import reads back."] = "导出客户沟通计划表，每条计划一行，表头可被导入功能原样读回。",
        ["Export the asset table (installed base), parents before children, with headers the import reads back."] = "导出资产表（设备台账），上级资产在下级之前，表头可被导入功能原样读回。",
        ["Export the knowledge articles, one row per article, with headers the import reads back."] = "导出知识库文章，每篇文章一行，表头可被导入功能原样读回。",
        ["Ticket types the host defined that articles may name besides the built-in ones, by code (repeat or separate with commas)."] = "除内置工单类型外，文章可引用的系统自定义工单类型（按代码填写，可重复指定或用逗号分隔）。",
        ["Import an asset table (installed base): Chinese or English headers, parents before children; a report of every row."] = "导入资产表（设备台账）：支持中文或英文表头，上级资产须在下级之前；逐行给出导入报告。",
        ["The asset table (.csv in UTF-8, GB18030 or UTF-16, or .xlsx)."] = "资产表（UTF-8、GB18030 或 UTF-16 编码的 .csv，或 .xlsx）。",
        ["Import knowledge articles: Chinese or English headers; tags and ticket types as lists; a report of every row."] = "导入知识库文章：支持中文或英文表头；标签和工单类型可填多个；逐行给出导入报告。",
        ["The article table (.csv in UTF-8, GB18030 or UTF-16, .xlsx, .json or .jsonl)."] = "文章表（UTF-8、GB18030 或 UTF-16 编码的 .csv，或 .xlsx、.json、.jsonl）。",
        ["Read and validate every row and report without writing any data (the audit trail still records the dry run)."] = "读取并校验每一行、生成报告，但不写入任何数据（审计日志仍会记录这次试运行）。",
        ["Also write the rejected rows as an .xlsx to fix and import again."] = "同时把被拒绝的行写成 .xlsx，修改后可再次导入。",
        ["Remove from the import ledger the runs that finished before a date; unfinished runs are kept so they can be taken up."] = "从导入记录中删除在某日期之前完成的导入；未完成的导入会保留，以便下次从中断处继续。",
        ["Remove runs that finished before this instant (2026-11-01T08:00:00Z, 2026-11-01T08:00:00+08:00), date-time (2026-11-01T08:00:00) or day (2026-11-01, its start); a date-time or day is in --zone."] = "删除在此时刻（2026-11-01T08:00:00Z、2026-11-01T08:00:00+08:00）、日期时间（2026-11-01T08:00:00）或日期（2026-11-01，当天零点）之前完成的导入记录；日期时间和日期按 --zone 的时区理解。",
        ["IANA time zone of a --before date-time or day without an offset (default UTC)."] = "不带时差的 --before 日期时间或日期所用的 IANA 时区（默认 UTC）。",
        ["List the runs that would be removed without removing any."] = "列出将被删除的导入记录，但不删除任何记录。",
        ["Export tables from a desk store to .xlsx (cells that would start a formula are neutralised)."] = "把服务台存储中的表导出为 .xlsx（会被当作公式的单元格已做防护）。",
        ["Export the customer table, one row per contact, with headers the import reads back."] = "导出客户表，每个联系人一行，表头可被导入功能原样读回。",
        ["The .xlsx file to write."] = "要写入的 .xlsx 文件。",
        ["Header language: zh (document 001's Chinese headers, default) or en."] = "表头语言：zh（文档 001 的中文表头，默认）或 en。",
        ["Export as this role of the access policy: only its customers, hidden fields left empty, masked fields masked. Without it the table is exported in full (a migration export)."] = "以访问策略中的此角色导出：只导出该角色可见的客户，隐藏字段留空，脱敏字段脱敏。不指定时导出完整客户表（用于数据迁移）。",
        ["Who exports, as recorded in the store's audit trail (and the owner for the role's own-customers scope)."] = "导出人，记入存储的审计日志（角色范围为“自己的客户”时也作为客户负责人）。",
        ["Who imports, as recorded in the store's audit trail (default import)."] = "导入人，记入存储的审计日志（默认 import）。",
        ["Who exports, as recorded in the store's audit trail (default cli)."] = "导出人，记入存储的审计日志（默认 cli）。",
        ["The access policy JSON for --as (default: documents 000/001's roles)."] = "--as 使用的访问策略 JSON 文件（默认：文档 000/001 的角色）。",
        ["The desk store: sqlite:PATH, postgresql:CONNECTION-STRING, or memory (nothing is kept)."] = "服务台存储：sqlite:路径、postgresql:连接字符串，或 memory（不保留任何数据）。",
        ["crm: validate, try, explain and diff CrmCore rules; tag customers; business calendars; monthly reports."] = "crm：校验、试运行、解释和对比 CrmCore 规则；为客户打标签；工作日历计算；月度报表。",
        ["Language of messages and report labels: en or zh-Hans, or a culture name (zh, zh-CN and zh-SG read zh-Hans; en-GB, zh-TW and any other culture English) (default: the current UI culture)."] = "消息和报表标签的语言：en 或 zh-Hans，或区域名称（zh、zh-CN、zh-SG 为简体中文；en-GB、zh-TW 及其他区域为英文）（默认：当前界面语言）。",
        ["Print the JSON Schema of a file kind."] = "输出某类文件的 JSON Schema。",
        ["rules, calendar, customers, tickets or surveys."] = "rules、calendar、customers、tickets 或 surveys。",
        ["Dry run: tier, tags, priority, route and churn risk for each item, and which rules fired."] = "试运行：给出每个客户或工单的等级、标签、优先级、路由和流失风险，以及命中的规则。",
        ["Output format: table, json or csv."] = "输出格式：table、json 或 csv。",
        ["Format of the data files when their extension does not tell: csv, json or jsonl."] = "数据文件的格式（扩展名无法判断时）：csv、json 或 jsonl。",
        ["Stop at the first bad row instead of reporting them all and going on with the good ones."] = "遇到第一行错误数据即停止，而不是报告全部错误并继续处理正确的行。",
        ["The instant rules treat as now, e.g. 2026-03-01T09:00:00+08:00 (default: the system clock)."] = "规则视为“现在”的时刻，例如 2026-03-01T09:00:00+08:00（默认：系统时钟）。",
        ["Tag every customer of a file and write the result; shows progress on a terminal."] = "为文件中的每个客户打标签并写出结果；在终端中显示进度。",
        ["List the contact plan entries overdue, due on a date and coming in the next days, for the customers of a file."] = "列出文件中各客户在某日已逾期、当日到期及此后几天将到期的沟通计划条目。",
        ["Customers file (.csv, .json or .jsonl): tier, account manager, first cooperation, contract end, do-not-contact."] = "客户文件（.csv、.json 或 .jsonl）：层级、客户经理、首次合作日期、合同到期日、无需联系标记。",
        ["The date to list, yyyy-MM-dd (in the calendar's time zone)."] = "要列出的日期，格式 yyyy-MM-dd（按日历所在时区）。",
        ["How many days to list from --date, 1 to 366 (default 1: the date only)."] = "从 --date 起列出的天数，1 到 366（默认 1：仅当日）。",
        ["How many days before --date to look back for overdue entries that lapse (cadence, birthday, holiday, contract expiry), 0 to 366 (default 7); silent-customer care and churn follow-ups stay overdue until done and are always listed."] = "在 --date 之前回看多少天以找出会失效的逾期条目（定期联系、生日、节日、合同到期），0 到 366（默认 7）；沉默客户关怀和流失跟进在完成前一直逾期，总会列出。",
        ["Contact policy: doc001 (default), doc003, or a policy JSON file."] = "沟通策略：doc001（默认）、doc003，或一个策略 JSON 文件。",
        ["Business calendar file (e.g. samples/data/calendars/cn-standard.json): working days and holidays; default open every day in --zone."] = "工作日历文件（例如 samples/data/calendars/cn-standard.json）：工作日与节假日；默认在 --zone 时区内每天都是工作日。",
        ["Rule file or folder: tier the customers (instead of the file's Tier column) and plan churn follow-ups."] = "规则文件或文件夹：用规则为客户分层（代替文件中的 Tier 列），并安排流失风险跟进。",
        ["IANA time zone when no --calendar is given (default Asia/Shanghai)."] = "未给出 --calendar 时使用的 IANA 时区（默认 Asia/Shanghai）。",
        ["The monthly service-quality report, as text, and as HTML with charts."] = "月度服务质量报表：文本格式，以及带图表的 HTML。",
        ["The month, yyyy-MM."] = "月份，格式 yyyy-MM。",
        ["Desk store whose customer records are checked for completeness (document 002's KPI): sqlite:PATH or postgresql:CONNECTION-STRING."] = "检查其中客户资料完整性的服务台存储（文档 002 的 KPI）：sqlite:路径 或 postgresql:连接字符串。",
        ["Rule file or folder: score each customer's churn risk at the end of the month (needs --customers)."] = "规则文件或文件夹：在月末为每个客户计算流失风险（需要 --customers）。",
        ["Also write the HTML report (inline SVG charts, prints on A4) to this file."] = "同时把 HTML 报表（内嵌 SVG 图表，可按 A4 打印）写入此文件。",
        ["Also write the KPI tables as an Excel workbook (.xlsx) to this file."] = "同时把 KPI 表格以 Excel 工作簿（.xlsx）写入此文件。",
        ["Targets file (JSON, e.g. samples/data/targets/document-003.json); default document 001's targets."] = "目标值文件（JSON，例如 samples/data/targets/document-003.json）；默认使用文档 001 的目标值。",
        ["Business calendar file the month's SLA clocks ran on (repeat for each named calendar): the report warns when its holiday data does not cover the month."] = "本月 SLA 计时所用的工作日历文件（每个有名称的日历各给一次）：日历的节假日数据未覆盖整月时，报表会给出提示。",
        ["Encoding of the input files when not UTF-8: gb18030 (also read for gbk), utf-16, utf-16be."] = "输入文件不是 UTF-8 时的编码：gb18030（也用于读取 gbk）、utf-16、utf-16be。",
        ["Escalation policy file (JSON) whose ladders Escalation rules may choose (default: the ladders of documents 001 and 003); a rule naming another ladder is CRM062."] = "升级策略文件（JSON），升级规则只能选择其中的路径（默认：文档 001 和 003 的路径）；指向其他路径的规则报 CRM062。",
        ["Work with CrmCore's database storage."] = "管理 CrmCore 的数据库存储。",
        ["Print the SQL that creates or upgrades the storage schema (for hosts that set PrepareSchema = false)."] = "输出创建或升级存储结构的 SQL（供设置了 PrepareSchema = false 的宿主使用）。",
        ["sqlite or postgresql (default postgresql)."] = "sqlite 或 postgresql（默认 postgresql）。",
        ["PostgreSQL schema name (default crm)."] = "PostgreSQL 的 schema 名称（默认 crm）。",
        ["Show a store's schema: provider, version found, the version this crm expects, and whether it is current, older, newer, empty or another program's (exit code 0, 3, 5, 4 or 6)."] = "显示存储的架构：数据库类型、现有版本、此版本 crm 所需的版本，以及它是最新、较旧、较新、空，还是其他程序的数据库（退出码 0、3、5、4 或 6）。",
        ["Create or upgrade a store's schema in one transaction; another program's database and a newer schema are refused."] = "在一个事务中创建或升级存储的架构；拒绝其他程序的数据库和更新版本的架构。",
        ["Print the SQL the migration would run (as `crm db script` writes it) and change nothing."] = "输出迁移将执行的 SQL（与 `crm db script` 的输出相同），不做任何改动。",
        ["The store: sqlite:PATH or postgresql:CONNECTION-STRING (its crm schema)."] = "存储：sqlite:路径 或 postgresql:连接字符串（其中的 crm schema）。",
        ["Read and verify the audit trail of a CrmCore database."] = "读取并校验 CrmCore 数据库中的审计记录。",
        ["Check that no audit record was altered, deleted or reordered; names the first broken link."] = "检查审计记录是否被修改、删除或调换顺序；指出第一处断裂。",
        ["List audit records by entity, actor and time, oldest first."] = "按对象、操作人和时间列出审计记录，按时间先后排列。",
        ["A checkpoint printed by an earlier verify (v1;chain:sequence:hash...): also fail when records it names were deleted."] =
            "此前 verify 输出的检查点（v1;链:序号:哈希...）：若其中记录已被删除，同样判为失败。",
        ["sqlite or postgresql (default sqlite)."] = "sqlite 或 postgresql（默认 sqlite）。",
        ["The SQLite file, or the PostgreSQL connection string."] = "SQLite 数据库文件，或 PostgreSQL 连接字符串。",
        ["Only records of this entity, type:id (e.g. customer:KH0001)."] = "只列出该对象的记录，格式为 类型:编号（例如 customer:KH0001）。",
        ["Only records by this actor."] = "只列出该操作人的记录。",
        ["Only records at or after this instant (e.g. 2026-03-01T00:00:00+08:00)."] = "只列出该时刻及之后的记录（例如 2026-03-01T00:00:00+08:00）。",
        ["Only records before this instant."] = "只列出该时刻之前的记录。",
        ["At most this many records (1-10000, default 100)."] = "最多列出的记录条数（1-10000，默认 100）。",
        ["Work with customers, tickets and surveys files."] = "处理客户、工单和满意度调查文件。",
        ["Read data files and report every bad row with its line and reason."] = "读取数据文件，报告每一行错误数据及其行号和原因。",
        ["Priority band thresholds in points, highest first (default 60,30: P1 >= 60, P2 >= 30, P3 below)."] = "优先级分档的分数阈值，从高到低（默认 60,30：P1 ≥ 60，P2 ≥ 30，其余为 P3）。",
        ["Validate, try, explain and compare rule files."] = "校验、试运行、解释和对比规则文件。",
        ["A rule file, or a folder whose *.json files form one rule set."] = "一个规则文件，或一个文件夹（其中的 *.json 文件组成一个规则集）。",
        ["Business-time arithmetic on a business calendar file."] = "基于工作日历文件的工作时间计算。",
        ["Print the local date-time that is a business duration or a number of working days after --from."] = "输出从 --from 起经过一段工作时间或若干工作日后的本地日期时间。",
        ["The calendar file (JSON)."] = "日历文件（JSON）。",
        ["Business time to add: 4h, 90m, 1h30m, 1:30 or PT4H."] = "要加上的工作时间：4h、90m、1h30m、1:30 或 PT4H。",
        ["Number of working days to add (0 or more)."] = "要加上的工作日天数（0 或更多）。",
        ["Print the business time between two local date-times (negative when --to is earlier)."] = "输出两个本地日期时间之间的工作时间（--to 较早时为负数）。",
        ["Start, local date-time in the calendar's zone, e.g. 2026-09-30T16:00."] = "开始时间，日历所在时区的本地日期时间，例如 2026-09-30T16:00。",
        ["Start, local date-time in the calendar's zone."] = "开始时间，日历所在时区的本地日期时间。",
        ["End, local date-time in the calendar's zone."] = "结束时间，日历所在时区的本地日期时间。",
        ["Impact of publishing a new rule version: counts moved per tier, tag, priority band and route, and a sample of changed items with the reason."] = "发布新版规则的影响：按等级、标签、优先级分档和路由统计变化数量，并列出部分变化的客户或工单及原因。",
        ["How many changed items to list (default 10)."] = "列出多少个发生变化的项目（默认 10）。",
        ["The rule file or folder in use."] = "当前使用的规则文件或文件夹。",
        ["The candidate rule file or folder."] = "待发布的规则文件或文件夹。",
        ["Clause-level explanation for one customer (or, with --tickets, one ticket): every rule, every clause, every fact read."] = "对一个客户（或配合 --tickets 对一个工单）逐条件解释：每条规则、每个条件、读取的每个事实。",
        ["The customer or ticket id to explain."] = "要解释的客户或工单编号。",
        ["Check rule sets (each argument is a file, or a folder loaded as one set) and print every problem as path:line:col: error CRMnnn: message [rule Name]."] = "检查规则集（每个参数是一个文件，或作为一个规则集加载的文件夹），并以 路径:行:列: 错误 CRMnnn: 消息 [规则 名称] 的形式输出每个问题。",
        ["Rule files, or folders whose *.json files form one set."] = "规则文件，或文件夹（其中的 *.json 文件组成一个规则集）。",
        ["Diagnostics format: text or json."] = "诊断输出格式：text 或 json。",
        ["Fail (exit code 1) on warnings too."] = "有警告时也视为失败（退出码 1）。",
        ["Teams file (JSON: {\"teams\": [names], \"agents\": [{\"team\": name, \"skills\": [codes]}]}): also warn (CRM060, CRM061) about Routing results naming no listed team and skills no listed agent holds."] = "团队文件（JSON：{\"teams\": [名称], \"agents\": [{\"team\": 名称, \"skills\": [技能]}]}）：同时对路由结果指向未列出的团队（CRM060）和没有坐席具备的技能（CRM061）给出警告。",
        ["Output file; its extension (.csv, .json, .jsonl) gives the format."] = "输出文件；由扩展名（.csv、.json、.jsonl）决定格式。",
        ["Tickets file (.csv, .json or .jsonl)."] = "工单文件（.csv、.json 或 .jsonl）。",
        ["Surveys file (.csv, .json or .jsonl)."] = "满意度调查文件（.csv、.json 或 .jsonl）。",
        ["Customers file: tiers and regions for slices, and the churn rate."] = "客户文件：用于按等级和地区切分，以及计算流失率。",
        ["IANA time zone that decides which month a ticket belongs to (default Asia/Shanghai)."] = "决定工单归属月份的 IANA 时区（默认 Asia/Shanghai）。",
        ["Customers file."] = "客户文件。",
        ["Tickets file."] = "工单文件。",
        ["Surveys file."] = "满意度调查文件。",
        ["Customers file (.csv, .json or .jsonl)."] = "客户文件（.csv、.json 或 .jsonl）。",
        ["IANA time zone for dates such as contract ends (default Asia/Shanghai)."] = "用于合同到期等日期的 IANA 时区（默认 Asia/Shanghai）。",
        ["Write the embedded default rule pack (documents 001 and 003) to a folder, as the starting point for your own rules."] = "把内置的默认规则包（文档 001 和 003）写入一个文件夹，作为编写自己规则的起点。",
        ["The folder to write the rule files to (created when missing)."] = "写入规则文件的文件夹（不存在时自动创建）。",
        ["Use the document 003 tiering (高价值/潜力/普通) instead of document 001 (A/B/Potential/C)."] = "使用文档 003 的分层（高价值/潜力/普通），而不是文档 001（A/B/Potential/C）。",
        ["Replace rule files that already exist in the folder, and remove the pack's other tiering file (a rule set holds one)."] = "覆盖文件夹中已存在的规则文件，并删除默认规则包的另一个分层文件（一个规则集只能有一个）。",
        ["Show help and usage information"] = "显示帮助和用法信息",
        ["Show version information"] = "显示版本信息",
    };

    /// <summary>
    /// The Simplified Chinese of the value placeholders help shows (<c>&lt;file&gt;</c>, <c>--store &lt;store&gt;</c>), keyed by the English
    /// placeholder: the symbol's help name, or its name when it has none. Placeholders that are what the user types (<c>csv|json|jsonl</c>,
    /// <c>yyyy-MM-dd</c>, <c>N</c>) are not here and stay as they are.
    /// </summary>
    private static readonly Dictionary<string, string> ZhPlaceholders = new(StringComparer.Ordinal)
    {
        ["file"] = "文件",
        ["FILE"] = "文件",
        ["files"] = "文件",
        ["folder"] = "文件夹",
        ["rules"] = "规则",
        ["old"] = "旧规则",
        ["new"] = "新规则",
        ["calendar"] = "日历",
        ["store"] = "存储",
        ["connection"] = "文件或连接字符串",
        ["schema"] = "架构名",
        ["user"] = "用户",
        ["zone"] = "时区",
        ["out"] = "文件",
        ["map"] = "文件",
        ["report-json"] = "文件",
        ["report-xlsx"] = "文件",
        ["batch-size"] = "行数",
        ["name-similarity"] = "相似度",
        ["limit"] = "条数",
        ["entity"] = "类型:编号",
        ["actor"] = "操作人",
        ["from"] = "时刻",
        ["to"] = "时刻",
        ["as"] = "角色",
        ["policy"] = "文件",
        ["id"] = "编号",
        ["expect-head"] = "检查点",
        ["ticket-types"] = "代码",
        ["duration"] = "时长",
        ["ISO instant"] = "ISO 时刻",
        ["points,..."] = "分数,...",
        ["kind"] = "类型",
        ["run-lease"] = "分钟数",
    };

    /// <summary>The Chinese of a value placeholder, or null when it is kept as written.</summary>
    public static string? ChinesePlaceholder(string english) => ZhPlaceholders.GetValueOrDefault(english);

    /// <summary>Whether a text is one of the Chinese translations.</summary>
    public static bool IsChinese(string text) => English.ContainsKey(text);

    /// <summary>The Chinese text of an English description; null when there is none.</summary>
    public static string? Chinese(string english) => ZhHans.GetValueOrDefault(english);

    private static readonly Dictionary<string, string> English = ZhHans.GroupBy(p => p.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);

    /// <summary>
    /// Sets every description in the tree under <paramref name="command"/> to Chinese or English, and in Chinese the value placeholders
    /// of options and arguments too (<see cref="ChinesePlaceholder"/>). A tree belongs to one run (no symbol is shared between trees), so
    /// localising it never changes the help of another run.
    /// </summary>
    public static void Localize(Command command, bool chinese)
    {
        foreach (var symbol in Symbols(command))
        {
            if (chinese)
            {
                LocalizePlaceholder(symbol);
            }

            if (symbol.Description is not { } d)
            {
                continue;
            }

            if (chinese && Chinese(d) is { } zh)
            {
                symbol.Description = zh;
            }
            else if (!chinese && English.GetValueOrDefault(d) is { } en)
            {
                symbol.Description = en;
            }
        }
    }

    /// <summary>
    /// Gives an option or argument the Chinese help name of its placeholder. A flag (no value, so no placeholder) and a symbol whose
    /// placeholder lists the values it takes are left alone: only a placeholder found in the table changes.
    /// </summary>
    private static void LocalizePlaceholder(Symbol symbol)
    {
        switch (symbol)
        {
            case Option option when option.ValueType != typeof(bool) && !ListsValues(option) && ChinesePlaceholder(option.HelpName ?? option.Name.TrimStart('-')) is { } zh:
                option.HelpName = zh;
                break;
            case Argument argument when !ListsValues(argument) && ChinesePlaceholder(argument.HelpName ?? argument.Name) is { } zh:
                argument.HelpName = zh;
                break;
        }
    }

    /// <summary>Whether help shows the values a symbol takes (<c>&lt;calendar|customers|...&gt;</c>) rather than a placeholder.</summary>
    private static bool ListsValues(Symbol symbol) => symbol.GetCompletions(CompletionContext.Empty).Any();

    /// <summary>
    /// The argument placeholders of the usage lines under <paramref name="command"/> (System.CommandLine writes an argument's name there,
    /// not its help name) with their Chinese: <c>&lt;FILE&gt;</c> and <c>&lt;文件&gt;</c>.
    /// </summary>
    public static IReadOnlyList<(string English, string Chinese)> UsagePlaceholders(Command command) =>
        [.. Symbols(command).OfType<Argument>()
            .Select(a => (English: "<" + a.Name + ">", Chinese: ChinesePlaceholder(a.Name)))
            .Where(p => p.Chinese is not null)
            .Select(p => (p.English, "<" + p.Chinese + ">"))
            .Distinct()];

    /// <summary>The command, its options, arguments and subcommands, recursively.</summary>
    public static IEnumerable<Symbol> Symbols(Command command)
    {
        yield return command;
        foreach (var o in command.Options)
        {
            yield return o;
        }

        foreach (var a in command.Arguments)
        {
            yield return a;
        }

        foreach (var s in command.Subcommands.SelectMany(Symbols))
        {
            yield return s;
        }
    }
}
