using System.CommandLine;
using CrmCore.Access;
using CrmCore.Audit;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import;
using CrmCore.Import.Customers;
using CrmCore.Import.Export;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reports;
using CrmCore.Imports;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm import customers FILE --store STORE [--map FILE] [--dry-run] [--merge ...] [--report-json FILE] [--report-xlsx FILE]</c>,
/// <c>crm import assets FILE --store STORE</c> (<see cref="ImportAssetsCommand"/>), <c>crm import articles FILE --store STORE</c>
/// (<see cref="ImportArticlesCommand"/>) and
/// <c>crm export customers --store STORE --out FILE [--headers zh|en]</c>: customer tables in and out of a desk store, through
/// <see cref="CustomerImporter"/> and <see cref="CustomerExporter"/>. STORE is <c>sqlite:PATH</c>, <c>postgresql:CONNECTION</c> or
/// <c>memory</c> (nothing kept: a way to try a file).
/// </summary>
internal static class ImportCommand
{
    public static Command CreateImport(ICliConsole console)
    {
        var import = new Command("import", "Import spreadsheets (CSV, .xlsx, JSON or JSON Lines) into a desk store, accounting for every row.");
        var customers = new Command("customers", "Import a customer table: Chinese or English headers, a mapping file for others; dedupe and merge; a report of every row.");
        var file = new Argument<string>("FILE") { Description = "The customer table (.csv in UTF-8, GB18030 or UTF-16, .xlsx, .json or .jsonl)." };
        var store = StoreOption();
        var map = new Option<string?>("--map") { Description = "Mapping file (JSON): columns to fields, constants and value maps, laid over the built-in mapping." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read, validate, match and report without writing anything." };
        var merge = new Option<string>("--merge") { Description = "What to do with duplicates: keep-newest (default), fill-blanks or review.", DefaultValueFactory = _ => "keep-newest" };
        merge.AcceptOnlyFromAmong("keep-newest", "fill-blanks", "review");
        var similarity = new Option<double?>("--name-similarity") { Description = "How alike company names must be to count as duplicates, 0.5 to 1 (default 1: the same name apart from legal form, width and punctuation)." }.Range(0.5, 1);
        var batch = new Option<int>("--batch-size") { Description = "Rows per batch, validated and matched together before they are written (default 500).", DefaultValueFactory = _ => 500 }.Range(1, 100_000);
        var json = new Option<string?>("--report-json") { Description = "Also write the import report as JSON to this file." };
        var xlsx = new Option<string?>("--report-xlsx") { Description = "Also write the rejected and held rows as an .xlsx to fix and import again." };
        var force = new Option<bool>("--force") { Description = "Import every row again, even rows an earlier run of this file with the same mapping and options committed (by default they are reported as already imported and not applied again)." };
        customers.Add(file);
        customers.Add(store);
        customers.Add(map);
        customers.Add(dryRun);
        customers.Add(merge);
        customers.Add(similarity);
        customers.Add(batch);
        customers.Add(json);
        customers.Add(xlsx);
        var runLease = new Option<int>("--run-lease") { Description = "Minutes an unfinished run of this file with the same mapping and options counts as still running after its last batch: until then this import refuses to take it up (default 10; 0 takes it up at once, for a run known to be killed).", DefaultValueFactory = _ => 10 }.Range(0, 10_080);
        customers.Add(force);
        customers.Add(runLease);
        var user = ImportUserOption();
        customers.Add(user);
        EncodingOption.AddTo(customers);
        customers.SetCliAction(console, (context, parse) => RunImport(
            context,
            ImportPaths.Of(parse, file, map, store, json, xlsx),
            () =>
            {
                var mapFile = parse.GetValue(map);
                var mappingName = "built-in";
                var mapping = mapFile is not null ? LoadMapping(context, mapFile, ImportMappings.Customers, out mappingName) : ImportMappings.Customers;
                using var target = OpenStore(parse.GetValue(store)!, context, parse.GetValue(dryRun) ? StoreAccess.ReadOnly : StoreAccess.Write);
                var options = new CustomerImportOptions
                {
                    Mapping = mapping,
                    MappingName = mappingName,
                    Ledger = target.Ledger,
                    Audit = target.Audit,
                    Actor = parse.GetValue(user)!,
                    DryRun = parse.GetValue(dryRun),
                    Force = parse.GetValue(force),
                    RunLease = NodaTime.Duration.FromMinutes(parse.GetValue(runLease)),
                    RunLeaseText = ("--run-lease", "--run-lease 0"),
                    MergePolicy = parse.GetValue(merge) switch { "fill-blanks" => MergePolicy.FillBlanks, "review" => MergePolicy.HoldForReview, _ => MergePolicy.KeepNewest },
                    NameSimilarity = parse.GetValue(similarity) ?? 1.0,
                    BatchSize = parse.GetValue(batch),
                    Encoding = context.InputEncoding?.WebName,
                    Culture = context.Language.Culture,
                };
                var importer = new CustomerImporter(target.Customers, console.Clock, options);
                return importer.ImportAsync(context.ResolvePath(parse.GetValue(file)!)).GetAwaiter().GetResult();
            },
            totals => totals.Rejected + totals.Held == 0));
        import.Add(customers);
        import.Add(ImportAssetsCommand.Create(console));
        foreach (var table in ImportTablesCommand.Create(console))
        {
            import.Add(table);
        }

        import.Add(ImportArticlesCommand.Create(console));
        import.Add(ImportPruneCommand.Create(console));
        return import;
    }

    public static Command CreateExport(ICliConsole console)
    {
        var export = new Command("export", "Export tables from a desk store to .xlsx (cells that would start a formula are neutralised).");
        var customers = new Command("customers", "Export the customer table, one row per contact, with headers the import reads back.");
        var store = StoreOption();
        var output = new Option<string>("--out") { Description = "The .xlsx file to write.", Required = true };
        var headers = new Option<string>("--headers") { Description = "Header language: zh (document 001's Chinese headers, default) or en.", DefaultValueFactory = _ => "zh" };
        headers.AcceptOnlyFromAmong("zh", "en");
        var role = new Option<string?>("--as")
        {
            Description = "Export as this role of the access policy: only its customers, hidden fields left empty, masked fields masked. Without it the table is exported in full (a migration export).",
        };
        var user = new Option<string>("--user") { Description = "Who exports, as recorded in the store's audit trail (and the owner for the role's own-customers scope).", DefaultValueFactory = _ => "cli" };
        var policy = new Option<string?>("--policy") { Description = "The access policy JSON for --as (default: documents 000/001's roles)." };
        customers.Add(store);
        customers.Add(output);
        customers.Add(headers);
        customers.Add(role);
        customers.Add(user);
        customers.Add(policy);
        customers.SetCliAction(console, (context, parse) =>
        {
            try
            {
                var outPath = parse.GetValue(output)!;
                OutputPaths.Check(context, [(StoreMessages.ThePolicyFile, parse.GetValue(policy)), .. OutputPaths.StoreFiles(parse.GetValue(store))], [("--out", outPath)]);
                var accessPolicy = LoadPolicy(parse.GetValue(policy), context);
                var asRole = parse.GetValue(role);
                if (asRole is not null && !accessPolicy.Roles.ContainsKey(asRole))
                {
                    throw new CliException(
                        context.T(StoreMessages.UnknownRole, asRole, accessPolicy.Name, string.Join(", ", accessPolicy.Roles.Keys.Order(StringComparer.Ordinal))),
                        ExitCodes.Usage);
                }

                using var source = OpenStore(parse.GetValue(store)!, context, StoreAccess.ReadOnly);
                var all = new List<CustomerState>();
                var enumerator = source.Customers.ListAsync().GetAsyncEnumerator();
                try
                {
                    while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                    {
                        all.Add(enumerator.Current);
                    }
                }
                finally
                {
                    enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }

                var path = context.ResolvePath(outPath);
                var language = parse.GetValue(headers) == "en" ? ExportLanguage.English : ExportLanguage.Chinese;
                var access = new CustomerAccess(accessPolicy, source.Audit, console.Clock);
                var principal = new Principal(new CrmCore.Agents.AgentId(parse.GetValue(user)!), [asRole ?? "operator"]);
                int written;
                try
                {
                    if (asRole is null)
                    {
                        // The full table leaves the store: the file appears only once its record (with the file's hash) is stored, like the projected export.
                        AuditedExportFile.WriteAsync(
                            path,
                            stream => CustomerExporter.WriteXlsx(all, stream, language),
                            (hash, token) => access.RecordExportAsync(principal, all.Count, "full customer table (no role): " + Path.GetFileName(path) + " sha256:" + hash, cancellationToken: token)).GetAwaiter().GetResult();
                        written = all.Count;
                    }
                    else
                    {
                        written = ProjectedCustomerExport.WriteXlsxFileAsync(access, principal, all, path, "as " + asRole + ": " + Path.GetFileName(path), language).GetAwaiter().GetResult();
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CliException(OutputPaths.Explain(context, ex, StoreMessages.ExportNotWritten, outPath));
                }

                context.Out.WriteLine(context.T(StoreMessages.ExportedCustomers, written, outPath));
                return ExitCodes.Success;
            }
            catch (AccessDeniedException error)
            {
                context.WriteError(error.LocalizedMessage(context.Language.Culture));
                return ExitCodes.Usage;
            }
            catch (FormatException error)
            {
                context.WriteError(error.Message);
                return ExitCodes.InvalidInput;
            }
            catch (ArgumentException error)
            {
                context.WriteError(error.Message);
                return ExitCodes.Usage;
            }
        });
        export.Add(customers);
        foreach (var table in ExportTablesCommand.Create(console))
        {
            export.Add(table);
        }

        return export;
    }

    /// <summary>
    /// Runs an import, prints its report (and writes the JSON and .xlsx reports when asked) and maps the outcome to an exit code:
    /// success when <paramref name="succeeded"/> holds for the totals, invalid input for rejected rows or an unreadable file, usage for
    /// a bad store or option. Before anything is read, the report paths are checked (<see cref="OutputPaths"/>): neither may be the
    /// table, the mapping file, the SQLite database or the other report, and each must be a file in a folder that can be written. A
    /// report that still cannot be written after the import says the import is done and kept (exit code 1).
    /// </summary>
    internal static int RunImport(CliContext context, ImportPaths paths, Func<ImportReport> import, Func<ImportTotals, bool> succeeded)
    {
        OutputPaths.Check(
            context,
            [(StoreMessages.TheInputFile, paths.File), (StoreMessages.TheMappingFile, paths.Map), .. OutputPaths.StoreFiles(paths.Store)],
            [("--report-json", paths.Json), ("--report-xlsx", paths.Xlsx)]);
        try
        {
            var report = import();
            context.Out.Write(ImportReportWriter.ToText(report, context.Language.Culture));
            var written = WriteReport(context, paths.Json, stream => ImportReportWriter.WriteJson(report, stream))
                & WriteReport(context, paths.Xlsx, stream => ImportReportWriter.WriteXlsx(report, stream, context.Language.Culture));
            return written && succeeded(report.Totals) ? ExitCodes.Success : ExitCodes.InvalidInput;
        }
        catch (ImportFileException error)
        {
            context.WriteError(error.Message);
            return ExitCodes.InvalidInput;
        }
        catch (ArgumentException error)
        {
            context.WriteError(error.Message);
            return ExitCodes.Usage;
        }
    }

    /// <summary>
    /// Writes one report of a finished import as an export is written (<c>AuditedExportFile</c>): a regular file (or a new one) through a
    /// temporary file beside it, renamed into place, so the path holds the earlier file (or none) until the report is complete; a symbolic
    /// link's final target the same way, the link kept; a FIFO or device written into. A failure is an error that says the import is done
    /// and kept, and returns false.
    /// </summary>
    internal static bool WriteReport(CliContext context, string? path, Action<Stream> write)
    {
        if (path is null)
        {
            return true;
        }

        try
        {
            // Written aside and moved into place once complete (as an export is, without its audit record): a run killed while writing
            // leaves the earlier report, or none, at the path, never a truncated one that looks finished.
            CrmCore.Import.Export.AuditedExportFile.WriteAsync(context.ResolvePath(path), write, (_, _) => Task.CompletedTask).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            context.WriteError(OutputPaths.Explain(context, ex, StoreMessages.ReportNotWritten, path));
            return false;
        }
    }

    /// <summary>The paths an import reads and writes, as given: the table, the mapping file, the store and the two reports.</summary>
    internal sealed record ImportPaths(string File, string? Map, string Store, string? Json, string? Xlsx)
    {
        /// <summary>The paths of an import command's parse.</summary>
        public static ImportPaths Of(ParseResult parse, Argument<string> file, Option<string?>? map, Option<string> store, Option<string?> json, Option<string?> xlsx) =>
            new(parse.GetValue(file)!, map is null ? null : parse.GetValue(map), parse.GetValue(store)!, parse.GetValue(json), parse.GetValue(xlsx));
    }

    /// <summary>Sets what every file import of the CLI shares: dry run, the input encoding, the language, and the store's audit trail with the user.</summary>
    internal static T FileOptions<T>(T options, CliContext context, OpenedStore target, bool dryRun, string user)
        where T : CrmCore.Import.Tables.FileImportOptions
    {
        options.DryRun = dryRun;
        options.Encoding = context.InputEncoding?.WebName;
        options.Culture = context.Language.Culture;
        options.Audit = target.Audit;
        options.Actor = user;
        return options;
    }

    /// <summary>The <c>--user</c> option of the imports: who imports, for the store's audit trail.</summary>
    internal static Option<string> ImportUserOption() => new("--user")
    {
        Description = "Who imports, as recorded in the store's audit trail (default import).",
        DefaultValueFactory = _ => "import",
    };

    internal static Option<string> StoreOption() => new("--store")
    {
        Description = "The desk store: sqlite:PATH, postgresql:CONNECTION-STRING, or memory (nothing is kept).",
        Required = true,
    };

    /// <summary>
    /// Opens the desk store of <c>--store</c>: <c>memory</c>, <c>sqlite:PATH</c> or <c>postgresql:CONNECTION-STRING</c>. A SQLite path
    /// is checked first: a folder, a file that is not a SQLite database, a missing folder, and (<see cref="StoreAccess.ReadOnly"/>: a
    /// command that only reads, and <see cref="StoreAccess.WriteExisting"/>) a missing file are refused before anything is created. Then the database itself is looked at without
    /// changing it (<see cref="StoreSchemaCheck"/>): another program's database is always refused; a command that only reads also refuses
    /// an empty database and a CrmCore schema older or newer than this version's, and a command that writes one newer. Only then is the
    /// storage opened, which creates or upgrades the schema (a write) or only checks it (a read). Later failures of the store are
    /// reported as the store's (<see cref="CliContext.Store"/>, <see cref="StoreErrors"/>).
    /// </summary>
    /// <exception cref="CliException">Not a store (exit code 2), or a store that cannot be used so (exit code 1).</exception>
    internal static OpenedStore OpenStore(string spec, CliContext context, StoreAccess access)
    {
        context.Store = spec;
        if (spec == "memory")
        {
            return new OpenedStore(new InMemoryCustomerRepository(), new InMemoryImportLedger(), new InMemoryAuditStore(), new CrmCore.Assets.InMemoryAssetRepository(), null)
            {
                Tickets = new InMemoryTicketRepository(),
                ContactPlans = new CrmCore.Relationships.InMemoryContactPlanRepository(),
                Knowledge = new CrmCore.Knowledge.InMemoryKnowledgeRepository(),
            };
        }

        if (spec is "sqlite:" or "postgresql:")
        {
            throw new CliException(context.T(StoreMessages.NotAStore, spec), ExitCodes.Usage);
        }

        if (spec.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            var path = spec["sqlite:".Length..];
            var full = context.ResolvePath(path);
            CheckSqliteFile(context, path, mustExist: access != StoreAccess.Write, access == StoreAccess.WriteExisting ? StoreMessages.SqliteMissingExisting : StoreMessages.SqliteMissing);
            if (File.Exists(full))
            {
                StoreSchemaCheck.CheckSqlite(context, path, full, access);
            }

            var storage = new SqliteStorage(new SqliteStorageOptions { DataSource = full, PrepareSchema = access == StoreAccess.Write });
            return new OpenedStore(storage.Customers, storage.ImportLedger, storage.Audit, storage.Assets, storage)
            {
                Tickets = storage.Tickets,
                ContactPlans = storage.ContactPlans,
                Transactions = storage.Transactions,
                Knowledge = storage.Knowledge,
            };
        }

        if (spec.StartsWith("postgresql:", StringComparison.Ordinal))
        {
            var options = new PostgreSqlStorageOptions { ConnectionString = spec["postgresql:".Length..], PrepareSchema = access == StoreAccess.Write };
            StoreSchemaCheck.CheckPostgreSql(context, options.ConnectionString, options.Schema, access);
            var storage = new PostgreSqlStorage(options);
            return new OpenedStore(storage.Customers, storage.ImportLedger, storage.Audit, storage.Assets, storage)
            {
                Tickets = storage.Tickets,
                ContactPlans = storage.ContactPlans,
                Transactions = storage.Transactions,
                Knowledge = storage.Knowledge,
            };
        }

        throw new CliException(context.T(StoreMessages.NotAStore, spec), ExitCodes.Usage);
    }

    /// <summary>The header every SQLite database file starts with.</summary>
    private static ReadOnlySpan<byte> SqliteHeader => "SQLite format 3\0"u8;

    /// <summary>Refuses a SQLite path that cannot be a store: a folder, a file that is not a SQLite database, a missing folder, and a missing
    /// file when <paramref name="mustExist"/> (with <paramref name="missing"/>, by default <see cref="StoreMessages.SqliteMissing"/>); an empty
    /// file is an empty database.</summary>
    /// <exception cref="CliException">The path cannot be a SQLite store (exit code 1).</exception>
    internal static void CheckSqliteFile(CliContext context, string path, bool mustExist, Msg? missing = null)
    {
        var full = context.ResolvePath(path);
        if (Directory.Exists(full))
        {
            throw new CliException(context.T(StoreMessages.SqliteIsFolder, path));
        }

        if (!File.Exists(full))
        {
            if (mustExist)
            {
                throw new CliException(context.T(missing ?? StoreMessages.SqliteMissing, path));
            }

            var folder = Path.GetDirectoryName(full) ?? full;
            if (!Directory.Exists(folder))
            {
                throw new CliException(context.T(StoreMessages.SqliteFolderMissing, path, folder));
            }

            return;
        }

        Span<byte> header = stackalloc byte[16];
        int read;
        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(OutputPaths.Explain(context, ex, StoreMessages.SqliteFailed, path));
        }

        // An empty file is an empty database to SQLite; anything else must start with its header.
        if (read > 0 && (read < header.Length || !header.SequenceEqual(SqliteHeader)))
        {
            throw new CliException(context.T(StoreMessages.SqliteNotADatabase, path));
        }
    }

    /// <summary>
    /// The mapping file of <c>--map</c> laid over <paramref name="builtIn"/>, read strictly as UTF-8 whatever <c>--encoding</c> says
    /// (<see cref="CliContext.ReadUtf8Text"/>: at most <see cref="ImportMappingFile.MaxBytes"/> bytes, refused unread when larger); a
    /// mapping that is not valid names the file and line:col.
    /// </summary>
    /// <exception cref="CliException">The file is missing, unreadable, too large, not valid text or not a valid mapping (exit code 1).</exception>
    internal static ImportMapping<TField> LoadMapping<TField>(CliContext context, string file, ImportMapping<TField> builtIn)
        where TField : struct, Enum => LoadMapping(context, file, builtIn, out _);

    /// <summary>
    /// Reads a <c>--map</c> file, always as UTF-8 (<c>--encoding</c> names the table's encoding, not the mapping's), and lays it over
    /// <paramref name="builtIn"/>. <paramref name="name"/> is the file's name and the start of the SHA-256 of the bytes that were read and
    /// parsed (not of a second read), so the ledger tells a changed mapping apart by what was used.
    /// </summary>
    /// <exception cref="CliException">The file is missing, unreadable, too large, not UTF-8 or not a valid mapping (exit code 1).</exception>
    internal static ImportMapping<TField> LoadMapping<TField>(CliContext context, string file, ImportMapping<TField> builtIn, out string name)
        where TField : struct, Enum
    {
        var (text, bytes) = context.ReadUtf8Text(file, ImportMappingFile.MaxBytes);
        ImportMapping<TField> mapping;
        try
        {
            mapping = builtIn.With(ImportMappingFile.Parse<TField>(text, file));
        }
        catch (ImportFileException error)
        {
            throw new CliException(context.T(Messages.MappingInvalid, file, error.Message));
        }

        name = MappingName(file, bytes);
        return mapping;
    }

    /// <summary>The mapping file's name and the start of the SHA-256 of its bytes, so the ledger tells a changed mapping apart.</summary>
    internal static string MappingName(string path, byte[] bytes)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return Path.GetFileName(path) + "#" + hash[..12];
    }

    /// <summary>
    /// The access policy of <c>--policy</c>, or documents 000/001's. The file is read like every other file a user writes
    /// (<see cref="CliContext.ReadText"/>: strict UTF-8, at most <see cref="AccessPolicyJson.MaxLength"/> bytes, refused unread when
    /// larger); every error names the file, and line:col where there is one.
    /// </summary>
    /// <exception cref="CliException">The file is missing, unreadable, too large, not valid text or not a valid policy (exit code 1).</exception>
    private static AccessPolicy LoadPolicy(string? file, CliContext context)
    {
        if (file is null)
        {
            return AccessPolicy.Documents000And001;
        }

        var text = context.ReadText(file, AccessPolicyJson.MaxLength);
        try
        {
            return AccessPolicyJson.Parse(text, file);
        }
        catch (FormatException error)
        {
            throw new CliException(context.T(Messages.AccessPolicyInvalid, file, error.Message));
        }
    }

    internal sealed class OpenedStore(ICustomerRepository customers, IImportLedger ledger, IAuditStore audit, CrmCore.Assets.IAssetRepository assets, IDisposable? owner) : IDisposable
    {
        public ICustomerRepository Customers { get; } = customers;

        public IImportLedger Ledger { get; } = ledger;

        public IAuditStore Audit { get; } = audit;

        public CrmCore.Assets.IAssetRepository Assets { get; } = assets;

        public required ITicketRepository Tickets { get; init; }

        public required CrmCore.Relationships.IContactPlanRepository ContactPlans { get; init; }

        public IStoreTransactions Transactions { get; init; } = NoStoreTransactions.Instance;
        public required CrmCore.Knowledge.IKnowledgeRepository Knowledge { get; init; }

        public void Dispose() => owner?.Dispose();
    }
}
