using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Import.Assets;
using CrmCore.Import.Mapping;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm import assets FILE --store STORE [--map FILE] [--dry-run] [--report-json FILE] [--report-xlsx FILE]</c>: an asset table (document 004's
/// installed base) into a desk store through <see cref="AssetImporter"/>, every row accepted or rejected with its line, column and
/// reason.
/// </summary>
internal static class ImportAssetsCommand
{
    public static Command Create(ICliConsole console)
    {
        var assets = new Command("assets", "Import an asset table (installed base): Chinese or English headers, parents before children; a report of every row.");
        var file = new Argument<string>("FILE") { Description = "The asset table (.csv in UTF-8, GB18030 or UTF-16, or .xlsx)." };
        var store = ImportCommand.StoreOption();
        var map = new Option<string?>("--map") { Description = "Mapping file (JSON): columns to fields, constants and value maps, laid over the built-in mapping." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and validate every row and report without writing any data (the audit trail still records the dry run)." };
        var json = new Option<string?>("--report-json") { Description = "Also write the import report as JSON to this file." };
        var xlsx = new Option<string?>("--report-xlsx") { Description = "Also write the rejected rows as an .xlsx to fix and import again." };
        assets.Add(file);
        assets.Add(store);
        assets.Add(map);
        assets.Add(dryRun);
        assets.Add(json);
        assets.Add(xlsx);
        var user = ImportCommand.ImportUserOption();
        assets.Add(user);
        EncodingOption.AddTo(assets);
        assets.SetCliAction(console, (context, parse) => ImportCommand.RunImport(
            context,
            ImportCommand.ImportPaths.Of(parse, file, map, store, json, xlsx),
            () =>
            {
                var mapping = parse.GetValue(map) is { } mapFile ? ImportCommand.LoadMapping(context, mapFile, ImportMappings.Assets) : null;
                using var target = ImportCommand.OpenStore(parse.GetValue(store)!, context, parse.GetValue(dryRun) ? StoreAccess.ReadOnly : StoreAccess.Write);
                var options = ImportCommand.FileOptions(
                    new AssetImportOptions { Mapping = mapping },
                    context,
                    target,
                    parse.GetValue(dryRun),
                    parse.GetValue(user)!);
                return new AssetImporter(target.Assets, console.Clock, options).ImportAsync(context.ResolvePath(parse.GetValue(file)!)).GetAwaiter().GetResult();
            },
            totals => totals.Rejected == 0));
        return assets;
    }
}
