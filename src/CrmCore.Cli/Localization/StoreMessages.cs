namespace CrmCore.Cli.Localization;

/// <summary>The messages about output paths, desk stores and exports: what a user did wrong with a path or a store, said plainly.</summary>
internal static class StoreMessages
{
    // What an output path collides with ({2} of OutputIsInput).
    public static readonly Msg TheInputFile = new("the input file", "输入文件");
    public static readonly Msg TheMappingFile = new("the mapping file (--map)", "映射文件（--map）");
    public static readonly Msg ThePolicyFile = new("the access policy file (--policy)", "访问策略文件（--policy）");
    public static readonly Msg TheDatabase = new("the SQLite database (--store)", "SQLite 数据库（--store）");
    public static readonly Msg TheRules = new("the rule file", "规则文件");

    /// <summary>{0} the option, {1} the path as given, {2} what it would overwrite (an option name or one of the texts above).</summary>
    public static readonly Msg OutputIsInput = new(
        "{0} '{1}' is the same file as {2}; choose another path (nothing was read or written)",
        "{0}“{1}”与{2}是同一个文件；请换一个路径（未读取或写入任何内容）");

    /// <summary>{0} the option, {1} the path as given, {2} the folder.</summary>
    public static readonly Msg OutputFolderMissing = new(
        "{0} '{1}': the folder '{2}' does not exist (nothing was read or written)",
        "{0}“{1}”：文件夹“{2}”不存在（未读取或写入任何内容）");

    /// <summary>{0} the option, {1} the path as given.</summary>
    public static readonly Msg OutputIsFolder = new(
        "{0} '{1}' is a folder; give a file name (nothing was read or written)",
        "{0}“{1}”是文件夹；请给出文件名（未读取或写入任何内容）");

    /// <summary>{0} the option, {1} the path as given.</summary>
    public static readonly Msg OutputNotWritable = new(
        "{0} '{1}' cannot be written: permission denied (nothing was read or written)",
        "{0}“{1}”无法写入：没有权限（未读取或写入任何内容）");

    /// <summary>{0} the path as given, {1} the reason.</summary>
    public static readonly Msg ReportNotWritten = new(
        "the import above is done and kept, but the report '{0}' could not be written: {1}",
        "上面的导入已完成并保存，但报告“{0}”未能写入：{1}");

    /// <summary>{0} the path as given, {1} the reason.</summary>
    public static readonly Msg ExportNotWritten = new(
        "'{0}' could not be written: {1} (no file was created or changed)",
        "“{0}”未能写入：{1}（没有创建或改动任何文件）");

    /// <summary>{0} the system's description, which names the file.</summary>
    public static readonly Msg FileProblem = new("a file could not be read or written: {0}", "无法读取或写入文件：{0}");

    public static readonly Msg ReasonFolderMissing = new("its folder does not exist", "所在文件夹不存在");
    public static readonly Msg ReasonPermission = new("permission denied", "没有权限");
    public static readonly Msg ReasonDiskFull = new("the disk is full", "磁盘已满");

    /// <summary>{0} the store as given.</summary>
    public static readonly Msg NotAStore = new(
        "--store '{0}' is not a store: use sqlite:PATH, postgresql:CONNECTION-STRING or memory",
        "--store“{0}”不是存储：请使用 sqlite:路径、postgresql:连接字符串 或 memory");

    /// <summary>{0} the database path as given.</summary>
    public static readonly Msg SqliteMissing = new(
        "the SQLite database '{0}' does not exist; this command only reads, so nothing was created (check the path)",
        "SQLite 数据库“{0}”不存在；此命令只读取，因此没有创建任何文件（请检查路径）");

    /// <summary>{0} the database path as given, {1} the folder.</summary>
    public static readonly Msg SqliteFolderMissing = new(
        "the SQLite database '{0}' cannot be created: the folder '{1}' does not exist",
        "无法创建 SQLite 数据库“{0}”：文件夹“{1}”不存在");

    /// <summary>{0} the database path as given.</summary>
    public static readonly Msg SqliteIsFolder = new("the SQLite database '{0}' is a folder, not a file", "SQLite 数据库“{0}”是文件夹，不是文件");

    /// <summary>{0} the database path as given.</summary>
    public static readonly Msg SqliteNotADatabase = new(
        "'{0}' is not a SQLite database (was another file given to --store?); it was left as it was",
        "“{0}”不是 SQLite 数据库（是否把其他文件交给了 --store？）；该文件未被改动");

    /// <summary>{0} the database path as given, {1} the reason.</summary>
    public static readonly Msg SqliteFailed = new("the SQLite database '{0}' cannot be used: {1}", "无法使用 SQLite 数据库“{0}”：{1}");

    public static readonly Msg SqliteCannotOpen = new("it cannot be opened (check the folder and its permissions)", "无法打开（请检查所在文件夹及其权限）");
    public static readonly Msg SqliteReadOnly = new("it is read-only", "它是只读的");
    public static readonly Msg SqliteBusy = new("another program is using it; try again later", "另一个程序正在使用它；请稍后再试");
    public static readonly Msg SqliteCorrupt = new("the file is damaged", "文件已损坏");

    /// <summary>{0} host:port.</summary>
    public static readonly Msg PostgreSqlUnreachable = new(
        "cannot connect to the PostgreSQL server at {0}: check that it is running and that the connection string is right",
        "无法连接到 {0} 的 PostgreSQL 服务器：请检查服务器是否在运行，以及连接字符串是否正确");

    /// <summary>{0} host:port, {1} the server's message.</summary>
    public static readonly Msg PostgreSqlRefused = new("the PostgreSQL server at {0} refused: {1}", "{0} 的 PostgreSQL 服务器拒绝了请求：{1}");

    /// <summary>{0} the count, {1} the path as given.</summary>
    public static readonly Msg ExportedCustomers = new("Exported {0} customer(s) to {1}", "已导出 {0} 个客户到 {1}");
    public static readonly Msg ExportedTickets = new("Exported {0} ticket(s) to {1}", "已导出 {0} 个工单到 {1}");
    public static readonly Msg ExportedSurveys = new("Exported {0} survey answer(s) to {1}", "已导出 {0} 份满意度答卷到 {1}");
    public static readonly Msg ExportedPlans = new("Exported {0} contact plan row(s) to {1}", "已导出 {0} 条沟通计划到 {1}");
    public static readonly Msg ExportedAssets = new("Exported {0} asset(s) to {1}", "已导出 {0} 项资产到 {1}");
    public static readonly Msg ExportedArticles = new("Exported {0} knowledge article(s) to {1}", "已导出 {0} 篇知识文章到 {1}");

    /// <summary>{0} the role, {1} the policy's name, {2} its roles.</summary>
    public static readonly Msg UnknownRole = new(
        "--as {0}: the access policy '{1}' has no such role; its roles are {2}",
        "--as {0}：访问策略“{1}”中没有这个角色；它的角色有 {2}");
}
