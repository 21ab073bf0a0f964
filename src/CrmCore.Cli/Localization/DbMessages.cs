namespace CrmCore.Cli.Localization;

/// <summary>The messages of <c>crm db status</c> and <c>crm db migrate</c>.</summary>
internal static class DbMessages
{
    /// <summary>{0} the store as given.</summary>
    public static readonly Msg NeedsDatabase = new(
        "--store '{0}' is not a database: `crm db` works on sqlite:PATH or postgresql:CONNECTION-STRING",
        "--store“{0}”不是数据库：`crm db` 只用于 sqlite:路径 或 postgresql:连接字符串");

    // The labels of `crm db status`, one per line: "label: value".
    public static readonly Msg Store = new("store", "存储");
    public static readonly Msg Provider = new("provider", "数据库类型");
    public static readonly Msg VersionFound = new("schema version found", "现有架构版本");
    public static readonly Msg VersionExpected = new("schema version this crm expects", "此版本 crm 所需的架构版本");
    public static readonly Msg State = new("state", "状态");
    public static readonly Msg None = new("none", "无");

    // The states of `crm db status`.
    public static readonly Msg StateCurrent = new("current: a CrmCore store of this version's schema", "最新：架构版本与此版本一致的 CrmCore 存储");
    public static readonly Msg StateOlder = new(
        "older: a CrmCore store of an earlier schema; `crm db migrate` upgrades it",
        "较旧：架构版本较早的 CrmCore 存储；可用 `crm db migrate` 升级");
    public static readonly Msg StateNewer = new(
        "newer: written by a later CrmCore; use that version's `crm`",
        "较新：由更新版本的 CrmCore 写入；请使用该版本的 `crm`");
    public static readonly Msg StateEmpty = new(
        "empty: no CrmCore store yet; `crm db migrate` creates it",
        "空：还没有 CrmCore 存储；可用 `crm db migrate` 创建");
    public static readonly Msg StateForeign = new(
        "foreign: another program's tables and no CrmCore schema; `crm` does not add its tables to it",
        "非 CrmCore：其中是其他程序的表，没有 CrmCore 的架构；`crm` 不会向其中添加表");
    public static readonly Msg StateMissing = new(
        "empty: the file does not exist yet; `crm db migrate` creates it",
        "空：文件尚不存在；可用 `crm db migrate` 创建");

    /// <summary>{0} the store as given, {1} the version.</summary>
    public static readonly Msg MigrateCurrent = new(
        "the CrmCore store '{0}' already has schema version {1}; nothing to do",
        "CrmCore 存储“{0}”的架构版本已是 {1}；无需升级");

    /// <summary>{0} the store as given, {1} the version.</summary>
    public static readonly Msg MigrateCreated = new(
        "created the CrmCore store in '{0}' (schema version {1})",
        "已在“{0}”中创建 CrmCore 存储（架构版本 {1}）");

    /// <summary>{0} the store as given, {1} the old version, {2} the new one, {3} how many migrations ran.</summary>
    public static readonly Msg MigrateUpgraded = new(
        "upgraded the CrmCore store '{0}' from schema version {1} to {2} ({3} migration(s), in one transaction)",
        "已把 CrmCore 存储“{0}”的架构从版本 {1} 升级到 {2}（{3} 个迁移，在一个事务中完成）");
}
