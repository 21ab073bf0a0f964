using CrmCore.Audit;

namespace CrmCore.Cli.Localization;

/// <summary>The texts of <c>crm audit</c>, in English and Simplified Chinese.</summary>
internal static class AuditMessages
{
    public static readonly Msg Intact = new("audit trail intact: {0} records, each linked to the one before", "审计记录完整：共 {0} 条，每条都与前一条相链接");
    public static readonly Msg Broken = new(
        "audit trail broken at record {0} ({1} records before it are intact): {2}",
        "审计记录在第 {0} 条处断裂（此前 {1} 条完整）：{2}");
    public static readonly Msg DatabaseMissing = new("database file '{0}' was not found", "找不到数据库文件“{0}”");
    public static readonly Msg BadInstant = new("'{0}' is not an instant such as 2026-03-01T09:00:00+08:00", "“{0}”不是有效时刻，例如 2026-03-01T09:00:00+08:00");
    public static readonly Msg BadEntity = new("'{0}' is not type:id, e.g. customer:KH0001", "“{0}”不是 类型:编号 的形式，例如 customer:KH0001");
    /// <summary>{0} the SQLite file or the masked connection string, {1} the reason in the run's language (SQLite's code, whose text goes
    /// on a detail line, or a schema version's localised message).</summary>
    public static readonly Msg NoTrail = new(
        "the database '{0}' has no audit trail this version can read (it needs a CrmCore schema of version 3 or later: run the host once against it, or apply `crm db script`): {1}",
        "数据库“{0}”没有本版本可读取的审计记录（需要第 3 版或更高的 CrmCore 数据库架构：先让宿主程序连接一次，或执行 `crm db script` 生成的脚本）：{1}");

    /// <summary>{0} the SQLite file as given, {1} why SQLite cannot use it (StoreErrors.SqliteReason).</summary>
    public static readonly Msg NotACrmDatabase = new(
        "'{0}' is not a usable CrmCore database: {1}",
        "“{0}”不是可用的 CrmCore 数据库：{1}");
    public static readonly Msg Checkpoint = new(
        "checkpoint (keep it outside the database; pass it to a later `crm audit verify --expect-head` to detect deleted newest records): {0}",
        "检查点（请保存在数据库之外；以后用 `crm audit verify --expect-head` 传入，可发现被删除的最新记录）：{0}");
    public static readonly Msg BadCheckpoint = new("--expect-head is not a checkpoint printed by `crm audit verify`: {0}", "--expect-head 不是 `crm audit verify` 输出的检查点：{0}");
    public static readonly Msg NoRecords = new("no audit records match", "没有符合条件的审计记录");
    /// <summary>
    /// The name of an audit action in <c>crm audit list</c>: the enum name in English (as stored, so that lists can be compared with
    /// the database), a Chinese name in zh-Hans. The library has no display names for audit actions; these are their one place.
    /// </summary>
    public static Msg Action(AuditAction action) => action switch
    {
        AuditAction.Create => new("Create", "创建"),
        AuditAction.Update => new("Update", "修改"),
        AuditAction.StatusChange => new("StatusChange", "状态变更"),
        AuditAction.Reveal => new("Reveal", "查看明文"),
        AuditAction.Export => new("Export", "导出"),
        AuditAction.Import => new("Import", "导入"),
        AuditAction.PersonalDataExport => new("PersonalDataExport", "个人信息导出"),
        AuditAction.Erase => new("Erase", "个人信息删除"),
        _ => new(action.ToString(), action.ToString()),
    };

    public static readonly Msg Header = new("seq  at  actor  action  entity  field  old -> new  reason", "序号  时间  操作人  动作  对象  字段  原值 -> 新值  理由");
}
