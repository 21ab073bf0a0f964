using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using CrmCore.Audit;
using CrmCore.Cli.Hosting;
using CrmCore.Desk;
using CrmCore.Import.Export;
using CrmCore.Relationships;
using CrmCore.Tickets;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm export tickets|surveys|plans|assets|articles --store STORE --out FILE [--headers zh|en]</c>: document 001's issue-tracking table, the
/// survey answers, the contact plan table, the asset table and the knowledge articles from a desk store to .xlsx, in the form the matching
/// <c>crm import</c> reads back. Every export leaves an audit record in the store (who, when, the file's name and SHA-256, the row count);
/// when that record cannot be written the file is deleted, so nothing leaves the store unrecorded.
/// </summary>
internal static class ExportTablesCommand
{
    public static IEnumerable<Command> Create(ICliConsole console)
    {
        yield return Table(console, "tickets", "Export the issue-tracking table (服务质量问题跟踪表), one row per ticket, with headers the import reads back.", (store, stream, language) =>
        {
            var tickets = List(store.Tickets.ListAsync(TicketQuery.All));
            TicketExporter.WriteXlsx(tickets, stream, language);
            return tickets.Count;
        });
        yield return Table(console, "surveys", "Export the survey answers, one row per answer, with headers the import reads back.", (store, stream, language) =>
        {
            var tickets = List(store.Tickets.ListAsync(TicketQuery.All));
            SurveyExporter.WriteXlsx(tickets, stream, language);
            return tickets.Sum(t => t.Surveys.Count);
        });
        yield return Table(console, "plans", "Export the contact plan table (客户沟通计划表), one row per entry, with headers the import reads back.", (store, stream, language) =>
        {
            var entries = List(store.ContactPlans.ListAsync(ContactPlanQuery.All));
            PlanExporter.WriteXlsx(entries, stream, language);
            return entries.Count;
        });
        yield return Table(console, "assets", "Export the asset table (installed base), parents before children, with headers the import reads back.", (store, stream, language) =>
        {
            var assets = List(store.Assets.ListAsync(null));
            AssetExporter.WriteXlsx(assets, stream, language);
            return assets.Count;
        });
        yield return Table(console, "articles", "Export the knowledge articles, one row per article, with headers the import reads back.", (store, stream, language) =>
        {
            var articles = List(store.Knowledge.ListAsync());
            ArticleExporter.WriteXlsx(articles, stream, language);
            return articles.Count;
        });
    }

    private static Command Table(ICliConsole console, string name, string description, Func<ImportCommand.OpenedStore, Stream, ExportLanguage, int> write)
    {
        var command = new Command(name, description);
        var store = ImportCommand.StoreOption();
        var output = new Option<string>("--out") { Description = "The .xlsx file to write.", Required = true };
        var headers = new Option<string>("--headers") { Description = "Header language: zh (document 001's Chinese headers, default) or en.", DefaultValueFactory = _ => "zh" };
        headers.AcceptOnlyFromAmong("zh", "en");
        command.Add(store);
        command.Add(output);
        command.Add(headers);
        var user = new Option<string>("--user") { Description = "Who exports, as recorded in the store's audit trail (default cli).", DefaultValueFactory = _ => "cli" };
        command.Add(user);
        command.SetCliAction(console, (context, parse) =>
        {
            try
            {
                using var source = ImportCommand.OpenStore(parse.GetValue(store)!, context);
                var language = parse.GetValue(headers) == "en" ? ExportLanguage.English : ExportLanguage.Chinese;
                var path = context.ResolvePath(parse.GetValue(output)!);
                int rows;
                using (var stream = File.Create(path))
                {
                    rows = write(source, stream, language);
                }

                Record(source.Audit, console.Clock, parse.GetValue(user)!, name, path, rows, language);
                context.Out.WriteLine(rows.ToString(CultureInfo.InvariantCulture));
                return ExitCodes.Success;
            }
            catch (ArgumentException error)
            {
                context.WriteError(error.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    /// <summary>Writes the export's audit record; when it cannot be written the file is deleted and the error stands.</summary>
    private static void Record(IAuditStore audit, NodaTime.IClock clock, string user, string table, string path, int rows, ExportLanguage language)
    {
        try
        {
            string hash;
            using (var written = File.OpenRead(path))
            {
                hash = Convert.ToHexStringLower(SHA256.HashData(written));
            }

            var name = Path.GetFileName(path);
            var entry = new AuditEntry(clock.GetCurrentInstant(), user, AuditAction.Export, "export", table)
            {
                Field = "xlsx",
                NewValue = string.Create(CultureInfo.InvariantCulture, $"{table}: {rows} rows, {(language == ExportLanguage.English ? "English" : "Chinese")} headers"),
                Reason = (name.Length <= 1000 ? name : name[^1000..]) + " sha256:" + hash,
            };
            audit.AppendAsync([entry]).GetAwaiter().GetResult();
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private static List<T> List<T>(IAsyncEnumerable<T> rows) => [.. rows.ToBlockingEnumerable()];
}
