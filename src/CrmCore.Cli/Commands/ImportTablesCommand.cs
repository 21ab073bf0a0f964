using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Import.Mapping;
using CrmCore.Import.Plans;
using CrmCore.Import.Reports;
using CrmCore.Import.Surveys;
using CrmCore.Import.Tables;
using CrmCore.Import.Tickets;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm import tickets|surveys|plans FILE --store STORE [--map FILE] [--dry-run] [--batch-size N] [--report-json FILE] [--report-xlsx FILE]</c>:
/// document 001's issue-tracking table, survey results and contact plan table into a desk store through <see cref="TicketImporter"/>,
/// <see cref="SurveyImporter"/> and <see cref="PlanImporter"/>, every row accounted for, batches written whole, runs recorded in the
/// store's import ledger and each run (a dry run too) in its audit trail.
/// </summary>
internal static class ImportTablesCommand
{
    public static IEnumerable<Command> Create(ICliConsole console)
    {
        yield return Table(
            console,
            "tickets",
            "Import an issue-tracking table (服务质量问题跟踪表): tickets with their status, owner, solution and satisfaction; a report of every row.",
            "The issue-tracking table (.csv in UTF-8, GB18030 or UTF-16, .xlsx, .json or .jsonl).",
            ImportMappings.Tickets,
            (store, options) => new TicketImporter(store.Tickets, store.Customers, console.Clock, options).ImportAsync);
        yield return Table(
            console,
            "surveys",
            "Import survey results (CSAT, NPS and scores per dimension) onto their stored tickets; a report of every row.",
            "The survey table (.csv in UTF-8, GB18030 or UTF-16, .xlsx, .json or .jsonl).",
            ImportMappings.Surveys,
            (store, options) => new SurveyImporter(store.Tickets, console.Clock, options).ImportAsync);
        yield return Table(
            console,
            "plans",
            "Import a contact plan table (客户沟通计划表): planned and actual contacts, feedback and next actions; a report of every row.",
            "The contact plan table (.csv in UTF-8, GB18030 or UTF-16, .xlsx, .json or .jsonl).",
            ImportMappings.Plans,
            (store, options) => new PlanImporter(store.ContactPlans, store.Customers, console.Clock, options).ImportAsync);
    }

    private static Command Table<TField>(
        ICliConsole console,
        string name,
        string description,
        string fileDescription,
        ImportMapping<TField> builtIn,
        Func<ImportCommand.OpenedStore, TableImportOptions<TField>, Func<string, CancellationToken, Task<ImportReport>>> importer)
        where TField : struct, Enum
    {
        var command = new Command(name, description);
        var file = new Argument<string>("FILE") { Description = fileDescription };
        var store = ImportCommand.StoreOption();
        var map = new Option<string?>("--map") { Description = "Mapping file (JSON): columns to fields, constants and value maps, laid over the built-in mapping." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and validate every row and report without writing any data (the audit trail still records the dry run)." };
        var batch = new Option<int>("--batch-size") { Description = "Rows per batch, each written in one transaction (default 500).", DefaultValueFactory = _ => 500 }.Range(1, 100_000);
        var json = new Option<string?>("--report-json") { Description = "Also write the import report as JSON to this file." };
        var xlsx = new Option<string?>("--report-xlsx") { Description = "Also write the rejected rows as an .xlsx to fix and import again." };
        command.Add(file);
        command.Add(store);
        command.Add(map);
        command.Add(dryRun);
        command.Add(batch);
        command.Add(json);
        command.Add(xlsx);
        var user = ImportCommand.ImportUserOption();
        command.Add(user);
        EncodingOption.AddTo(command);
        command.SetCliAction(console, (context, parse) => ImportCommand.RunImport(
            context,
            ImportCommand.ImportPaths.Of(parse, file, map, store, json, xlsx),
            () =>
            {
                var mapFile = parse.GetValue(map);
                var mappingName = "built-in";
                var mapping = mapFile is not null ? ImportCommand.LoadMapping(context, mapFile, builtIn, out mappingName) : builtIn;
                using var target = ImportCommand.OpenStore(parse.GetValue(store)!, context, parse.GetValue(dryRun) ? StoreAccess.ReadOnly : StoreAccess.Write);
                var options = new TableImportOptions<TField>
                {
                    Mapping = mapping,
                    MappingName = mappingName,
                    Ledger = target.Ledger,
                    Audit = target.Audit,
                    Actor = parse.GetValue(user)!,
                    Transactions = target.Transactions,
                    DryRun = parse.GetValue(dryRun),
                    BatchSize = parse.GetValue(batch),
                    Encoding = context.InputEncoding?.WebName,
                    Culture = context.Language.Culture,
                };
                return importer(target, options)(context.ResolvePath(parse.GetValue(file)!), CancellationToken.None).GetAwaiter().GetResult();
            },
            totals => totals.Rejected == 0));
        return command;
    }
}
