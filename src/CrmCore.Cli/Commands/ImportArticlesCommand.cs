using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Import.Articles;
using CrmCore.Tickets;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm import articles FILE --store STORE [--dry-run] [--ticket-types CODE,...] [--report-json FILE] [--report-xlsx FILE]</c>: a knowledge article table into
/// a desk store through <see cref="ArticleImporter"/>, every row accepted or rejected with its line, column and reason. The suggestion
/// index is built from the stored articles when the desk next loads its knowledge base.
/// </summary>
internal static class ImportArticlesCommand
{
    public static Command Create(ICliConsole console)
    {
        var articles = new Command("articles", "Import knowledge articles: Chinese or English headers; tags and ticket types as lists; a report of every row.");
        var file = new Argument<string>("FILE") { Description = "The article table (.csv in UTF-8, GB18030 or UTF-16, .xlsx, .json or .jsonl)." };
        var store = ImportCommand.StoreOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and validate every row and report without writing any data (the audit trail still records the dry run)." };
        var json = new Option<string?>("--report-json") { Description = "Also write the import report as JSON to this file." };
        var xlsx = new Option<string?>("--report-xlsx") { Description = "Also write the rejected rows as an .xlsx to fix and import again." };
        var types = new Option<string[]>("--ticket-types")
        {
            Description = "Ticket types the host defined that articles may name besides the built-in ones, by code (repeat or separate with commas).",
            AllowMultipleArgumentsPerToken = true,
        };
        articles.Add(file);
        articles.Add(store);
        articles.Add(dryRun);
        articles.Add(json);
        articles.Add(xlsx);
        articles.Add(types);
        var user = ImportCommand.ImportUserOption();
        articles.Add(user);
        EncodingOption.AddTo(articles);
        articles.SetCliAction(console, (context, parse) => ImportCommand.RunImport(
            context,
            ImportCommand.ImportPaths.Of(parse, file, null, store, json, xlsx),
            () =>
            {
                using var target = ImportCommand.OpenStore(parse.GetValue(store)!, context, parse.GetValue(dryRun) ? StoreAccess.ReadOnly : StoreAccess.Write);
                var options = ImportCommand.FileOptions(new ArticleImportOptions(), context, target, parse.GetValue(dryRun), parse.GetValue(user)!);
                foreach (var code in (parse.GetValue(types) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                {
                    options.TicketTypes.Add(new TicketType(code));
                }

                return new ArticleImporter(target.Knowledge, console.Clock, options).ImportAsync(context.ResolvePath(parse.GetValue(file)!)).GetAwaiter().GetResult();
            },
            totals => totals.Rejected == 0));
        return articles;
    }
}
