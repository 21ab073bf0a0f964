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

    /// <summary>{0} the option, {1} the path as given, {2} the cause (<see cref="Hosting.OutputPaths.Explain"/>).</summary>
    public static readonly Msg OutputNotWritable = new(
        "{0} '{1}' cannot be written: {2} (nothing was read or written)",
        "{0}“{1}”无法写入：{2}（未读取或写入任何内容）");

    /// <summary>{0} the path as given, {1} the reason.</summary>
    public static readonly Msg ReportNotWritten = new(
        "the import above is done and kept, but the report '{0}' could not be written: {1}",
        "上面的导入已完成并保存，但报告“{0}”未能写入：{1}");

    /// <summary>{0} the path as given, {1} the reason.</summary>
    public static readonly Msg ExportNotWritten = new(
        "'{0}' could not be written: {1} (no file was created or changed)",
        "“{0}”未能写入：{1}（没有创建或改动任何文件）");

    /// <summary>{0} the cause (<see cref="Hosting.OutputPaths.Cause"/>, or <see cref="ReasonSystemError"/>); the system's description, which
    /// names the file, follows on a <see cref="Detail"/> line.</summary>
    public static readonly Msg FileProblem = new("a file could not be read or written: {0}", "无法读取或写入文件：{0}");

    /// <summary>A cause crm cannot name: {0} the operating system's error code (errno on Linux and macOS, the Win32 error on Windows).</summary>
    public static readonly Msg ReasonSystemError = new("the system reported error {0}", "系统报告了错误 {0}");

    /// <summary>A cause crm cannot name, of an I/O error without an operating-system code (.NET raised it itself).</summary>
    public static readonly Msg ReasonNoSystemCode = new("an input/output error for which the system gave no error code", "发生了输入输出错误（系统未给出错误代码）");

    /// <summary>The data being read ended before what it holds was complete (an <see cref="EndOfStreamException"/>).</summary>
    public static readonly Msg ReasonDataEnded = new("the data ended sooner than expected", "数据意外提前结束");

    /// <summary>The path names a drive that does not exist (a <see cref="DriveNotFoundException"/>).</summary>
    public static readonly Msg ReasonDriveMissing = new("the drive does not exist", "驱动器不存在");

    /// <summary>The line under a message that holds .NET's or SQLite's own text (English), {0}.</summary>
    public static readonly Msg Detail = new("  detail: {0}", "  详情：{0}");

    /// <summary>{0} the store as given.</summary>
    public static readonly Msg NotAStore = new(
        "--store '{0}' is not a store: use sqlite:PATH, postgresql:CONNECTION-STRING or memory",
        "--store“{0}”不是存储：请使用 sqlite:路径、postgresql:连接字符串 或 memory");

    /// <summary>{0} the store as given (a PostgreSQL password masked).</summary>
    public static readonly Msg StoreNotCrmRead = new(
        "'{0}' is not a CrmCore store: it holds another program's tables and no CrmCore schema; this command only reads a CrmCore store, so nothing was changed (name the store a `crm import` created)",
        "“{0}”不是 CrmCore 存储：其中是其他程序的表，没有 CrmCore 的架构；此命令只读取 CrmCore 存储，因此未做任何改动（请指定由 `crm import` 创建的存储）");

    /// <summary>{0} the store as given (a PostgreSQL password masked); a command that changes only an existing store.</summary>
    public static readonly Msg StoreNotCrmExisting = new(
        "'{0}' is not a CrmCore store: it holds another program's tables and no CrmCore schema; this command changes only an existing CrmCore store, so nothing was changed (name the store a `crm import` created)",
        "“{0}”不是 CrmCore 存储：其中是其他程序的表，没有 CrmCore 的架构；此命令只修改已有的 CrmCore 存储，因此未做任何改动（请指定由 `crm import` 创建的存储）");

    /// <summary>{0} the store as given (a PostgreSQL password masked).</summary>
    public static readonly Msg StoreNotCrmWrite = new(
        "'{0}' is not a CrmCore store: it holds another program's tables and no CrmCore schema; `crm` creates a store only in a new or empty database and never adds its tables to another program's, so nothing was changed (name a new file or an empty database; a host that keeps CrmCore's tables in its own database sets them up through the library's API, not `crm`)",
        "“{0}”不是 CrmCore 存储：其中是其他程序的表，没有 CrmCore 的架构；`crm` 只在新的或空的数据库中创建存储，从不向其他程序的数据库添加表，因此未做任何改动（请指定新文件或空数据库；要把 CrmCore 的表放在自己数据库中的宿主程序请通过库的 API 建立，而不是 `crm`）");

    /// <summary>{0} the store as given (a PostgreSQL password masked).</summary>
    public static readonly Msg StoreEmpty = new(
        "'{0}' holds no CrmCore store yet (an empty database); this command only reads, so nothing was created (run `crm import customers FILE --store ...` without --dry-run to create it)",
        "“{0}”中还没有 CrmCore 存储（空数据库）；此命令只读取，因此没有创建任何内容（请先运行不带 --dry-run 的 `crm import customers 文件 --store ...` 创建它）");

    /// <summary>{0} the store as given (a PostgreSQL password masked); a command that changes only an existing store.</summary>
    public static readonly Msg StoreEmptyExisting = new(
        "'{0}' holds no CrmCore store yet (an empty database); this command changes only an existing store and creates none, so nothing was changed (check the store you named)",
        "“{0}”中还没有 CrmCore 存储（空数据库）；此命令只修改已有的存储，不会创建存储，因此未做任何改动（请检查所指定的存储）");

    /// <summary>{0} the store as given (a PostgreSQL password masked), {1} its schema version, {2} this version's.</summary>
    public static readonly Msg StoreOlder = new(
        "the CrmCore store '{0}' has schema version {1}, older than this version's {2}; this command only reads, so nothing was upgraded (upgrade it with `crm db migrate --store ...`, then try again)",
        "CrmCore 存储“{0}”的架构版本为 {1}，低于此版本所需的 {2}；此命令只读取，因此未做升级（请先用 `crm db migrate --store ...` 升级它，再重试）");

    /// <summary>{0} the store as given (a PostgreSQL password masked), {1} its schema version, {2} this version's; a command that
    /// changes only an existing store.</summary>
    public static readonly Msg StoreOlderExisting = new(
        "the CrmCore store '{0}' has schema version {1}, older than this version's {2}; this command writes to a store of this version's schema but does not upgrade one, so nothing was changed (upgrade it with `crm db migrate --store ...`, then try again)",
        "CrmCore 存储“{0}”的架构版本为 {1}，低于此版本所需的 {2}；此命令只写入此版本架构的存储，不做升级，因此未做任何改动（请先用 `crm db migrate --store ...` 升级它，再重试）");

    /// <summary>{0} the store as given (a PostgreSQL password masked), {1} its schema version, {2} this version's.</summary>
    public static readonly Msg StoreNewer = new(
        "the CrmCore store '{0}' has schema version {1}, written by a later CrmCore (this version knows {2}); nothing was changed (use that version's `crm`, or upgrade this one)",
        "CrmCore 存储“{0}”的架构版本为 {1}，由更新版本的 CrmCore 写入（此版本只认识到 {2}）；未做任何改动（请使用该版本的 `crm`，或升级此版本）");

    /// <summary>{0} the database path as given.</summary>
    public static readonly Msg SqliteMissing = new(
        "the SQLite database '{0}' does not exist; this command only reads, so nothing was created (check the path)",
        "SQLite 数据库“{0}”不存在；此命令只读取，因此没有创建任何文件（请检查路径）");

    /// <summary>{0} the database path as given; a command that changes only an existing store.</summary>
    public static readonly Msg SqliteMissingExisting = new(
        "the SQLite database '{0}' does not exist; this command changes only an existing store and creates none, so nothing was created (check the path)",
        "SQLite 数据库“{0}”不存在；此命令只修改已有的存储，不会创建存储，因此没有创建任何文件（请检查路径）");

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
    /// <summary>A store busy with another program's work, said the same for both: a SQLite file locked (SQLITE_BUSY, SQLITE_LOCKED) and a
    /// PostgreSQL lock held or a conflict with one (55P03, 40P01, 40001).</summary>
    public static readonly Msg StoreBusy = new("another program is using it; try again later", "另一个程序正在使用它；请稍后再试");
    public static readonly Msg SqliteCorrupt = new("the file is damaged", "文件已损坏");
    public static readonly Msg SqliteWriteFailed = new("writing to the disk failed; the disk may be full", "写入磁盘失败；磁盘可能已满");

    /// <summary>A SQLite failure crm cannot name: {0} SQLite's (extended) error code.</summary>
    public static readonly Msg SqliteOtherError = new("SQLite reported error {0}", "SQLite 报告了错误 {0}");
    public static readonly Msg SqliteNotSqlite = new(
        "it is not a SQLite database (another kind of file, or its header is damaged); it was left as it was",
        "它不是 SQLite 数据库（是其他类型的文件，或文件头已损坏）；该文件未被改动");

    /// <summary>{0} the connection string with its password masked, {1} the cause (one of the reasons below, or the server's words).</summary>
    public static readonly Msg PostgreSqlUnreachable = new(
        "cannot connect to the PostgreSQL store '{0}': {1}",
        "无法连接 PostgreSQL 存储“{0}”：{1}");

    /// <summary>{0} the connection string with its password masked, {1} the cause (<see cref="ReasonCommandTimedOut"/> or
    /// <see cref="ReasonConnectionLost"/>): a server that was reached, then failed the command under way.</summary>
    public static readonly Msg PostgreSqlSessionFailed = new(
        "the PostgreSQL store '{0}' failed during the command: {1}",
        "PostgreSQL 存储“{0}”在执行命令时出错：{1}");

    /// <summary>A statement ran past the connection string's Command Timeout= (Npgsql's client timeout): {0} the seconds.</summary>
    public static readonly Msg ReasonCommandTimedOut = new(
        "a statement ran longer than Command Timeout= allows ({0} s); another session may hold a lock it waits for (try again later, or raise Command Timeout=)",
        "语句运行时间超过 Command Timeout= 允许的时长（{0} 秒）；可能有其他会话持有它在等待的锁（请稍后再试，或调大 Command Timeout=）");

    /// <summary>The connection to a server that was reached failed during the command (a socket or I/O failure).</summary>
    public static readonly Msg ReasonConnectionLost = new(
        "the connection to the server was lost (a network failure, or the server stopped or ended the session)",
        "与服务器的连接中断了（网络故障，或服务器停止或结束了该会话）");

    /// <summary>{0} the connection string with its password masked, {1} the cause (one of the refusals below, by SQLSTATE); the server's
    /// own text follows on a <see cref="Detail"/> line.</summary>
    public static readonly Msg PostgreSqlRefused = new("the PostgreSQL store '{0}' refused: {1}", "PostgreSQL 存储“{0}”拒绝了请求：{1}");

    /// <summary>SQLSTATE 42501 (insufficient_privilege): {0} the user the connection logs in as.</summary>
    public static readonly Msg ReasonPermissionDenied = new(
        "the user '{0}' does not have the permission this needs (ask the database's owner to grant it)",
        "用户“{0}”没有所需的权限（请让数据库的所有者授予）");

    /// <summary>SQLSTATE 42P01, 3F000, 42703, 42883, 42704: a table, schema, column, function or type the statement names is not there.</summary>
    public static readonly Msg ReasonStoreObjectMissing = new(
        "a table, column or schema of the CrmCore store is missing (was it dropped, or is it in another schema?)",
        "CrmCore 存储中缺少表、列或架构（是否已被删除，或位于其他架构中？）");

    /// <summary>SQLSTATE 25006 (read_only_sql_transaction).</summary>
    public static readonly Msg ReasonServerReadOnly = new("the server takes only reads (a standby, or a read-only database)", "服务器只接受读取（备用服务器或只读数据库）");

    /// <summary>SQLSTATE 57014 (query_canceled).</summary>
    public static readonly Msg ReasonStatementCancelled = new(
        "the statement was cancelled: it ran longer than allowed (Command Timeout= or the server's statement_timeout), or an administrator stopped it",
        "语句被取消：运行时间超过允许的时长（Command Timeout= 或服务器的 statement_timeout），或被管理员终止");

    /// <summary>SQLSTATE 57P01 (admin_shutdown), which pg_terminate_backend raises as well as a shutdown.</summary>
    public static readonly Msg ReasonSessionEnded = new(
        "the server ended the session (an administrator stopped it, or the server is shutting down)",
        "服务器结束了该会话（被管理员终止，或服务器正在关闭）");

    /// <summary>SQLSTATE 57P02 (crash_shutdown), and 57P03 (cannot_connect_now) at the login.</summary>
    public static readonly Msg ReasonServerShuttingDown = new("the server is shutting down or restarting; try again later", "服务器正在关闭或重启；请稍后再试");

    /// <summary>SQLSTATE class 53 but 53100 (a full disk): out of memory or another resource.</summary>
    public static readonly Msg ReasonServerOutOfResources = new("the server is out of resources (such as memory); try again later", "服务器资源不足（例如内存）；请稍后再试");

    /// <summary>SQLSTATE XX001, XX002 (data_corrupted, index_corrupted).</summary>
    public static readonly Msg ReasonServerDataDamaged = new("the server found its data damaged", "服务器发现其数据已损坏");

    /// <summary>SQLSTATE 58030 (io_error).</summary>
    public static readonly Msg ReasonServerDiskFailed = new("the server could not read or write its disk", "服务器无法读写其磁盘");

    /// <summary>Any other SQLSTATE, {0}.</summary>
    public static readonly Msg ReasonServerRefused = new("the server refused the statement (SQLSTATE {0})", "服务器拒绝了该语句（SQLSTATE {0}）");

    /// <summary>{0} host:port.</summary>
    public static readonly Msg ReasonConnectionRefused = new(
        "connection refused at {0} (is the server running and listening on that host and port?)",
        "{0} 拒绝连接（服务器是否在运行，并在该主机和端口上监听？）");

    /// <summary>{0} the host.</summary>
    public static readonly Msg ReasonHostNotFound = new("the host '{0}' was not found (check Host= in the connection string)", "找不到主机“{0}”（请检查连接字符串中的 Host=）");

    /// <summary>{0} host:port.</summary>
    public static readonly Msg ReasonTimedOut = new("no answer from {0} in time (check the host, the port and any firewall)", "{0} 未在限定时间内响应（请检查主机、端口和防火墙）");

    /// <summary>{0} host:port.</summary>
    public static readonly Msg ReasonNetworkUnreachable = new("{0} cannot be reached from this machine (check the network)", "从本机无法访问 {0}（请检查网络）");

    /// <summary>{0} the user name.</summary>
    public static readonly Msg ReasonAuthentication = new(
        "authentication failed for user '{0}' (check Username= and Password=)",
        "用户“{0}”身份验证失败（请检查 Username= 和 Password=）");

    /// <summary>SQLSTATE 53300 (too_many_connections) at the login.</summary>
    public static readonly Msg ReasonServerFull = new("the server has no connection to spare (too many connections); try again later", "服务器的连接数已满；请稍后再试");

    /// <summary>Another SQLSTATE the server refused the login with, {0}.</summary>
    public static readonly Msg ReasonLoginRefused = new("the server refused the connection (SQLSTATE {0})", "服务器拒绝了连接（SQLSTATE {0}）");

    /// <summary>A network failure crm does not name otherwise; the socket error's name (such as ConnectionReset) and .NET's text follow on
    /// a <see cref="Detail"/> line.</summary>
    public static readonly Msg ReasonNetworkFailed = new("the network connection failed", "网络连接失败");

    /// <summary>The TLS handshake failed (a certificate, or SSL Mode= the server does not offer).</summary>
    public static readonly Msg ReasonTlsFailed = new(
        "the secure connection (TLS) could not be set up (check SSL Mode= and the server's certificate)",
        "无法建立安全连接（TLS）（请检查 SSL Mode= 和服务器的证书）");

    /// <summary>Any other failure of the connection (a protocol error, a stream that ended).</summary>
    public static readonly Msg ReasonConnectionFailed = new("the connection to the server failed", "与服务器的连接失败");

    /// <summary>{0} the database name.</summary>
    public static readonly Msg ReasonDatabaseMissing = new(
        "the database '{0}' does not exist (check Database= in the connection string)",
        "数据库“{0}”不存在（请检查连接字符串中的 Database=）");

    /// <summary>{0} the option, {1} the connection string with its password masked, {2} the reason (one of the three below).</summary>
    public static readonly Msg BadConnectionString = new(
        "{0}: '{1}' is not a PostgreSQL connection string: {2} (nothing was read or written)",
        "{0}：“{1}”不是 PostgreSQL 连接字符串：{2}（未读取或写入任何内容）");

    /// <summary>{0} the keyword.</summary>
    public static readonly Msg UnknownKeyword = new("unknown keyword '{0}'", "未知的关键字“{0}”");

    /// <summary>{0} the keyword.</summary>
    public static readonly Msg BadValue = new("the value of '{0}' is not valid", "“{0}”的值无效");

    public static readonly Msg NotKeyValue = new(
        "it is not in the form Key=value;Key=value (a quote left open?)",
        "它不是 键=值;键=值 的形式（是否有未闭合的引号？）");

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
