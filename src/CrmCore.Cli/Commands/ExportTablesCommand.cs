using System.CommandLine;
using System.Globalization;
using CrmCore.Audit;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using CrmCore.Desk;
using CrmCore.Import.Export;
using CrmCore.Relationships;
using CrmCore.Tickets;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm export tickets|surveys|plans|assets|articles --store STORE --out FILE [--headers zh|en]</c>: document 001's issue-tracking table, the
/// survey answers, the contact plan table, the asset table and the knowledge articles from a desk store to .xlsx, in the form the matching
/// <c>crm import</c> reads back. Every export leaves an audit record in the store (who, when, the file's name and SHA-256, the row count);
/// the file is written aside and moved into place only once that record is stored, so nothing leaves the store unrecorded.
/// </summary>
internal static class ExportTablesCommand
{
    public static IEnumerable<Command> Create(ICliConsole console)
    {
        yield return Table(console, "tickets", "Export the issue-tracking table (服务质量问题跟踪表), one row per ticket, with headers the import reads back.", StoreMessages.ExportedTickets, (store, stream, language) =>
        {
            var tickets = List(store.Tickets.ListAsync(TicketQuery.All));
            TicketExporter.WriteXlsx(tickets, stream, language);
            return tickets.Count;
        });
        yield return Table(console, "surveys", "Export the survey answers, one row per answer, with headers the import reads back.", StoreMessages.ExportedSurveys, (store, stream, language) =>
        {
            var tickets = List(store.Tickets.ListAsync(TicketQuery.All));
            SurveyExporter.WriteXlsx(tickets, stream, language);
            return tickets.Sum(t => t.Surveys.Count);
        });
        yield return Table(console, "plans", "Export the contact plan table (客户沟通计划表), one row per entry, with headers the import reads back.", StoreMessages.ExportedPlans, (store, stream, language) =>
        {
            var entries = List(store.ContactPlans.ListAsync(ContactPlanQuery.All));
            PlanExporter.WriteXlsx(entries, stream, language);
            return entries.Count;
        });
        yield return Table(console, "assets", "Export the asset table (installed base), parents before children, with headers the import reads back.", StoreMessages.ExportedAssets, (store, stream, language) =>
        {
            var assets = List(store.Assets.ListAsync(null));
            AssetExporter.WriteXlsx(assets, stream, language);
            return assets.Count;
        });
        yield return Table(console, "articles", "Export the knowledge articles, one row per article, with headers the import reads back.", StoreMessages.ExportedArticles, (store, stream, language) =>
        {
            var articles = List(store.Knowledge.ListAsync());
            ArticleExporter.WriteXlsx(articles, stream, language);
            return articles.Count;
        });
    }

    private static Command Table(ICliConsole console, string name, string description, Msg done, Func<ImportCommand.OpenedStore, Stream, ExportLanguage, int> write)
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
                var outPath = parse.GetValue(output)!;
                OutputPaths.Check(context, OutputPaths.StoreFiles(parse.GetValue(store)), [("--out", outPath)]);
                using var source = ImportCommand.OpenStore(parse.GetValue(store)!, context, StoreAccess.ReadOnly);
                var language = parse.GetValue(headers) == "en" ? ExportLanguage.English : ExportLanguage.Chinese;
                var path = context.ResolvePath(outPath);
                int rows;
                try
                {
                    rows = Export(source.Audit, console.Clock, parse.GetValue(user)!, name, path, language, stream => write(source, stream, language));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CliException(OutputPaths.Explain(context, ex, StoreMessages.ExportNotWritten, outPath));
                }

                context.Out.WriteLine(context.T(done, rows, outPath));
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

    /// <summary>
    /// Writes the table to <paramref name="path"/> through <see cref="AuditedExportFile"/>: written aside, recorded with its SHA-256, then
    /// moved into place; when the record cannot be written no new file appears and a file already at the path is left as it was.
    /// </summary>
    /// <returns>The rows written.</returns>
    internal static int Export(IAuditStore audit, NodaTime.IClock clock, string user, string table, string path, ExportLanguage language, Func<Stream, int> write)
    {
        var rows = 0;
        var name = Path.GetFileName(path);
        AuditedExportFile.WriteAsync(
            path,
            stream => rows = write(stream),
            (hash, token) => audit.AppendAsync(
                [
                    new AuditEntry(clock.GetCurrentInstant(), user, AuditAction.Export, "export", table)
                    {
                        Field = "xlsx",
                        NewValue = string.Create(CultureInfo.InvariantCulture, $"{table}: {rows} rows, {(language == ExportLanguage.English ? "English" : "Chinese")} headers"),
                        Reason = (name.Length <= 1000 ? name : name[^1000..]) + " sha256:" + hash,
                    },
                ],
                token)).GetAwaiter().GetResult();
        return rows;
    }

    private static List<T> List<T>(IAsyncEnumerable<T> rows) => [.. rows.ToBlockingEnumerable()];
}
