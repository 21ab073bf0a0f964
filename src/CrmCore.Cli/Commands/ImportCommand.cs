using System.CommandLine;
using CrmCore.Audit;
using CrmCore.Cli.Hosting;
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
/// <c>crm import customers FILE --store STORE [--map FILE] [--dry-run] [--merge ...] [--report-json FILE] [--report-xlsx FILE]</c> and
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
        var similarity = new Option<double?>("--name-similarity") { Description = "How alike company names must be to count as duplicates, 0.5 to 1 (default 1: the same name apart from legal form, width and punctuation)." };
        var batch = new Option<int>("--batch-size") { Description = "Rows per batch, validated and matched together before they are written (default 500).", DefaultValueFactory = _ => 500 };
        var json = new Option<string?>("--report-json") { Description = "Also write the import report as JSON to this file." };
        var xlsx = new Option<string?>("--report-xlsx") { Description = "Also write the rejected and held rows as an .xlsx to fix and import again." };
        customers.Add(file);
        customers.Add(store);
        customers.Add(map);
        customers.Add(dryRun);
        customers.Add(merge);
        customers.Add(similarity);
        customers.Add(batch);
        customers.Add(json);
        customers.Add(xlsx);
        customers.SetCliAction(console, (context, parse) =>
        {
            try
            {
                using var target = OpenStore(parse.GetValue(store)!, context);
                var mapPath = parse.GetValue(map) is { } given ? context.ResolvePath(given) : null;
                var options = new CustomerImportOptions
                {
                    Mapping = mapPath is not null ? ImportMappingFile.Load(mapPath) : ImportMapping.Customers,
                    MappingName = mapPath is not null ? MappingName(mapPath) : "built-in",
                    Ledger = target.Ledger,
                    Audit = target.Audit,
                    DryRun = parse.GetValue(dryRun),
                    MergePolicy = parse.GetValue(merge) switch { "fill-blanks" => MergePolicy.FillBlanks, "review" => MergePolicy.HoldForReview, _ => MergePolicy.KeepNewest },
                    NameSimilarity = parse.GetValue(similarity) ?? 1.0,
                    BatchSize = parse.GetValue(batch),
                    Encoding = context.InputEncoding?.WebName,
                    Culture = context.Language.Culture,
                };
                var importer = new CustomerImporter(target.Customers, console.Clock, options);
                var report = importer.ImportAsync(context.ResolvePath(parse.GetValue(file)!)).GetAwaiter().GetResult();
                context.Out.Write(ImportReportWriter.ToText(report, context.Language.Culture));
                if (parse.GetValue(json) is { } jsonPath)
                {
                    using var stream = File.Create(context.ResolvePath(jsonPath));
                    ImportReportWriter.WriteJson(report, stream);
                }

                if (parse.GetValue(xlsx) is { } xlsxPath)
                {
                    using var stream = File.Create(context.ResolvePath(xlsxPath));
                    ImportReportWriter.WriteXlsx(report, stream, context.Language.Culture);
                }

                return report.Totals.Rejected + report.Totals.Held == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
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
        });
        import.Add(customers);
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
        customers.Add(store);
        customers.Add(output);
        customers.Add(headers);
        customers.SetCliAction(console, (context, parse) =>
        {
            try
            {
                using var source = OpenStore(parse.GetValue(store)!, context);
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

                using var stream = File.Create(context.ResolvePath(parse.GetValue(output)!));
                CustomerExporter.WriteXlsx(all, stream, parse.GetValue(headers) == "en" ? ExportLanguage.English : ExportLanguage.Chinese);
                context.Out.WriteLine(all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return ExitCodes.Success;
            }
            catch (ArgumentException error)
            {
                context.WriteError(error.Message);
                return ExitCodes.Usage;
            }
        });
        export.Add(customers);
        return export;
    }

    private static Option<string> StoreOption() => new("--store")
    {
        Description = "The desk store: sqlite:PATH, postgresql:CONNECTION-STRING, or memory (nothing is kept).",
        Required = true,
    };

    private static OpenedStore OpenStore(string spec, CliContext context)
    {
        if (spec == "memory")
        {
            return new OpenedStore(new InMemoryCustomerRepository(), new InMemoryImportLedger(), new InMemoryAuditStore(), null);
        }

        if (spec.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            var storage = new SqliteStorage(new SqliteStorageOptions { DataSource = context.ResolvePath(spec["sqlite:".Length..]) });
            return new OpenedStore(storage.Customers, storage.ImportLedger, storage.Audit, null);
        }

        if (spec.StartsWith("postgresql:", StringComparison.Ordinal))
        {
            var storage = new PostgreSqlStorage(new PostgreSqlStorageOptions { ConnectionString = spec["postgresql:".Length..] });
            return new OpenedStore(storage.Customers, storage.ImportLedger, storage.Audit, storage);
        }

        throw new ArgumentException($"'{spec}' is not a store: use sqlite:PATH, postgresql:CONNECTION-STRING or memory.");
    }

    /// <summary>The mapping file's name and the start of its SHA-256, so the ledger tells a changed mapping apart.</summary>
    private static string MappingName(string path)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        return Path.GetFileName(path) + "#" + hash[..12];
    }

    private sealed class OpenedStore(ICustomerRepository customers, IImportLedger ledger, IAuditStore audit, IDisposable? owner) : IDisposable
    {
        public ICustomerRepository Customers { get; } = customers;

        public IImportLedger Ledger { get; } = ledger;

        public IAuditStore Audit { get; } = audit;

        public void Dispose() => owner?.Dispose();
    }
}
