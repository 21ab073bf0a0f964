using System.CommandLine;
using CrmCore.Cli.Hosting;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;

namespace CrmCore.Cli.Commands;

/// <summary><c>crm db script [--provider sqlite|postgresql] [--schema crm]</c>: prints the storage schema's SQL for administrators who apply it themselves.</summary>
internal static class DbCommand
{
    public static Command Create(ICliConsole console)
    {
        var db = new Command("db", "Work with CrmCore's database storage.");
        var script = new Command("script", "Print the SQL that creates or upgrades the storage schema (for hosts that set PrepareSchema = false).");
        var provider = new Option<string>("--provider") { Description = "sqlite or postgresql (default postgresql).", DefaultValueFactory = _ => "postgresql" };
        provider.AcceptOnlyFromAmong("sqlite", "postgresql");
        var schema = new Option<string>("--schema") { Description = "PostgreSQL schema name (default crm).", DefaultValueFactory = _ => "crm" };
        script.Add(provider);
        script.Add(schema);
        script.SetCliAction(console, (context, parse) =>
        {
            var name = parse.GetValue(schema) ?? "crm";
            if (parse.GetValue(provider) == "sqlite")
            {
                context.Out.Write(SqliteSchema.Script());
                return ExitCodes.Success;
            }

            try
            {
                context.Out.Write(PostgreSqlSchema.Script(name));
                return ExitCodes.Success;
            }
            catch (ArgumentException error)
            {
                context.WriteError(error.Message);
                return ExitCodes.Usage;
            }
        });
        db.Add(script);
        return db;
    }
}
