using System.Collections.Concurrent;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Hosting;

/// <summary>
/// <c>--lang</c> belongs to one invocation: a host that runs several <c>crm</c> command lines at once in one process (or tests run
/// in parallel) gets each in the language it asked for.
/// </summary>
public sealed class ConcurrentLanguageTests
{
    private const int Rounds = 150;

    [Fact]
    public async Task Run_TwoInvocationsAtOnceWithDifferentLang_EachOutputIsInItsOwnLanguage()
    {
        var wrong = new ConcurrentQueue<string>();
        using var start = new Barrier(2);
        var english = Task.Factory.StartNew(() => Loop("en", start, wrong), TaskCreationOptions.LongRunning);
        var chinese = Task.Factory.StartNew(() => Loop("zh-Hans", start, wrong), TaskCreationOptions.LongRunning);

        await Task.WhenAll(english, chinese).WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(wrong.IsEmpty, $"{wrong.Count} run(s) in the wrong language; first:\n{wrong.FirstOrDefault()}");
    }

    private static void Loop(string lang, Barrier start, ConcurrentQueue<string> wrong)
    {
        var chinese = lang == "zh-Hans";
        for (var i = 0; i < Rounds; i++)
        {
            start.SignalAndWait();
            var help = Crm.Run("--help", "--lang", lang);
            Check(help, 0, chinese ? "消息和报表标签的语言" : "Language of messages and report labels", chinese ? "Language of messages" : "消息和报表标签", help.Out, wrong);

            start.SignalAndWait();
            var missing = Crm.Run("calendar", "between", "no-such-calendar.json", "--from", "2026-03-02T09:00", "--to", "2026-03-03T09:00", "--lang", lang);
            Check(missing, 1, chinese ? "错误: 找不到文件“no-such-calendar.json”" : "error: file 'no-such-calendar.json' was not found", chinese ? "not found" : "找不到", missing.Error, wrong);
        }
    }

    private static void Check(CrmRun run, int exitCode, string expected, string foreign, string text, ConcurrentQueue<string> wrong)
    {
        if (run.ExitCode != exitCode || !text.Contains(expected, StringComparison.Ordinal) || text.Contains(foreign, StringComparison.Ordinal))
        {
            wrong.Enqueue($"expected '{expected}' and no '{foreign}'\n{run}");
        }
    }
}
