using System.CommandLine;
using System.Globalization;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Localization;
using NodaTime;
using NodaTime.Text;

namespace CrmCore.Cli.Commands;

/// <summary>
/// <c>crm import prune --store STORE --before DATE [--dry-run]</c>: removes from the store's import ledger the runs that finished before
/// DATE (<see cref="CrmCore.Imports.IImportLedger.PruneAsync"/>), so that daily imports do not grow it for ever. An unfinished run is
/// kept and counted (it may still be running, or the next import of its file takes it up), unless a later run of its file that is
/// removed took it up (it recorded nothing after that run started): it is listed with that run as never finished. DATE is an instant with its offset (<c>2026-11-01T08:00:00Z</c>,
/// <c>2026-11-01T08:00:00+08:00</c>), or a date-time (<c>2026-11-01T08:00:00</c>) or a day (<c>2026-11-01</c>, its start) in <c>--zone</c>,
/// UTC by default (the other commands' <c>--zone</c> defaults to Asia/Shanghai; here UTC keeps what a bare day meant before the option).
/// The store is neither created nor migrated: it must exist with this version's schema.
/// </summary>
internal static class ImportPruneCommand
{
    public static Command Create(ICliConsole console)
    {
        var prune = new Command("prune", "Remove from the import ledger the runs that finished before a date; unfinished runs are kept so they can be taken up.");
        var store = ImportCommand.StoreOption();
        var before = new Option<string>("--before")
        {
            Description = "Remove runs that finished before this instant (2026-11-01T08:00:00Z, 2026-11-01T08:00:00+08:00), date-time (2026-11-01T08:00:00) or day (2026-11-01, its start); a date-time or day is in --zone.",
            Required = true,
            HelpName = "yyyy-MM-dd",
        };
        var zone = CliOptions.Zone("IANA time zone of a --before date-time or day without an offset (default UTC).");
        zone.DefaultValueFactory = _ => DateTimeZone.Utc;
        var dryRun = new Option<bool>("--dry-run") { Description = "List the runs that would be removed without removing any." };
        prune.Add(store);
        prune.Add(before);
        prune.Add(zone);
        prune.Add(dryRun);
        prune.SetCliAction(console, (context, parse) =>
        {
            var text = parse.GetValue(before)!;
            var until = Parse(text, parse.GetValue(zone)!) ?? throw new CliException(context.T(Texts.BadDate, text), ExitCodes.Usage);
            var preview = parse.GetValue(dryRun);
            using var target = ImportCommand.OpenStore(parse.GetValue(store)!, context, StoreAccess.WriteExisting);
            var result = target.Ledger.PruneAsync(until, preview).AsTask().GetAwaiter().GetResult();
            foreach (var run in result.Pruned)
            {
                // An unfinished run goes only with the later run of its file that superseded it: it has a start and no end.
                context.Out.WriteLine(run.FinishedAt is { } finished
                    ? context.T(Texts.Run, run.Id, run.Entity, run.File, Time(run.StartedAt), Time(finished), run.Totals.RowsRead)
                    : context.T(Texts.UnfinishedRun, run.Id, run.Entity, run.File, Time(run.StartedAt), run.Totals.RowsRead));
            }

            var shown = Time(until);
            context.Out.WriteLine(context.T(preview ? Texts.WouldRemove : Texts.Removed, result.Pruned.Count, shown));
            if (result.UnfinishedKept > 0)
            {
                context.Out.WriteLine(context.T(Texts.KeptUnfinished, result.UnfinishedKept, shown));
            }

            return ExitCodes.Success;
        });
        return prune;
    }

    /// <summary>An ISO instant with its offset (Z or ±hh:mm), or a day (its start) or a date-time without an offset in
    /// <paramref name="zone"/> (a time a clock change skips or repeats is read leniently: the later one for a gap, the earlier for an
    /// overlap); null for anything else.</summary>
    internal static Instant? Parse(string text, DateTimeZone zone)
    {
        var t = text.Trim();
        var day = LocalDatePattern.Iso.Parse(t);
        if (day.Success)
        {
            return day.Value.AtStartOfDayInZone(zone).ToInstant();
        }

        var instant = InstantPattern.ExtendedIso.Parse(t);
        if (instant.Success)
        {
            return instant.Value;
        }

        var offset = OffsetDateTimePattern.ExtendedIso.Parse(t);
        if (offset.Success)
        {
            return offset.Value.ToInstant();
        }

        var local = LocalDateTimePattern.ExtendedIso.Parse(t);
        return local.Success ? local.Value.InZoneLeniently(zone).ToInstant() : null;
    }

    private static string Time(Instant instant) => instant.ToString("uuuu-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The command's messages, in English and Simplified Chinese.</summary>
    private static class Texts
    {
        /// <summary>{0} the text given.</summary>
        public static readonly Msg BadDate = new(
            "--before '{0}' is not a date (2026-11-01), a date-time (2026-11-01T08:00:00) or an instant (2026-11-01T08:00:00Z, 2026-11-01T08:00:00+08:00); nothing was removed",
            "--before“{0}”不是日期（2026-11-01）、日期时间（2026-11-01T08:00:00）或时刻（2026-11-01T08:00:00Z、2026-11-01T08:00:00+08:00）；未删除任何记录");

        /// <summary>{0} run id, {1} entity, {2} file, {3} started, {4} finished, {5} rows read.</summary>
        public static readonly Msg Run = new(
            "{0}  {1}  {2}  started {3}, finished {4}, {5} row(s)",
            "{0}  {1}  {2}  开始于 {3}，完成于 {4}，{5} 行");

        /// <summary>{0} run id, {1} entity, {2} file, {3} started, {4} rows read.</summary>
        public static readonly Msg UnfinishedRun = new(
            "{0}  {1}  {2}  started {3}, never finished (a later import of the same file superseded it), {4} row(s)",
            "{0}  {1}  {2}  开始于 {3}，未完成（同一文件之后的导入已取代它），{4} 行");

        /// <summary>{0} count, {1} the instant.</summary>
        public static readonly Msg Removed = new(
            "Removed {0} import run(s) that finished before {1}; importing one of their files again applies every row again, as a first import would.",
            "已删除 {0} 条在 {1} 之前完成的导入记录；再次导入其中的文件时会像首次导入一样重新应用每一行。");

        /// <summary>{0} count, {1} the instant.</summary>
        public static readonly Msg WouldRemove = new(
            "Dry run: {0} import run(s) finished before {1} and would be removed; nothing was removed.",
            "试运行：有 {0} 条导入记录在 {1} 之前完成，将被删除；未删除任何记录。");

        /// <summary>{0} count, {1} the instant.</summary>
        public static readonly Msg KeptUnfinished = new(
            "Kept {0} unfinished import run(s) started before {1}: the next import of their file takes them up where they stopped.",
            "保留了 {0} 条在 {1} 之前开始但未完成的导入记录：下次导入其文件时会从中断处继续。");
    }
}
