using System.Text;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Reload;
using CrmCore.Decoding;

namespace CrmCore.Rules.Tests.Hostile;

/// <summary>Rule files are decoded strictly, duplicate keys anywhere are CRM016, loaders return diagnostics instead of throwing.</summary>
public class RuleFileTextTests
{
    private static readonly string Valid = TestFacts.Workflow("Tagging", ("r", "customer.AnnualRevenue > 1", "大客户"));

    [Fact]
    public void Load_GbkFile_IsCrm041NamingGbkWithPosition()
    {
        var bytes = StrictTextDecoder.GetEncoding("gb18030").GetBytes(Valid);

        var d = Assert.Single(RuleLoader.Load([RuleSource.FromBytes("gbk.json", bytes)]).Diagnostics);

        Assert.Equal(RuleDiagnosticCodes.InvalidEncoding, d.Code);
        Assert.Contains("looks like GBK", d.Message, StringComparison.Ordinal);
        Assert.Contains("--encoding gb18030", d.Message, StringComparison.Ordinal);
        Assert.Equal(1, d.Line);
        Assert.Equal(Valid.IndexOf('大', StringComparison.Ordinal) + 1, d.Column);
    }

    [Fact]
    public void Load_GbkFileWithThatEncoding_Loads()
    {
        var bytes = StrictTextDecoder.GetEncoding("gb18030").GetBytes(Valid);

        var result = RuleLoader.Load([RuleSource.FromBytes("gbk.json", bytes)], RuleLoadOptions.Default with { Encoding = StrictTextDecoder.GetEncoding("gb18030") });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(["大客户"], result.RuleSet!.Tags.Names);
    }

    [Fact]
    public void Load_Utf16File_IsCrm041()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Valid)).ToArray();

        var d = Assert.Single(RuleLoader.Load([RuleSource.FromBytes("u16.json", bytes)]).Diagnostics);

        Assert.Equal(RuleDiagnosticCodes.InvalidEncoding, d.Code);
        Assert.Contains("UTF-16", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00x")]
    public void Load_LoneSurrogateEscape_IsPositionedCrm001(string escape)
    {
        var json = Valid.Replace("大客户", escape, StringComparison.Ordinal);

        var d = Assert.Single(RuleLoader.Load("s.json", json).Diagnostics);

        Assert.Equal(RuleDiagnosticCodes.InvalidJson, d.Code);
        Assert.Equal(json.IndexOf(escape, StringComparison.Ordinal), d.Column);
        Assert.DoesNotContain('\uFFFD', d.Message);
    }

    [Fact]
    public void Load_LoneSurrogateInPropertyName_IsCrm001()
    {
        var d = Assert.Single(RuleLoader.Load("s.json", "[{\"Workflow\\ud800Name\":\"Tagging\"}]").Diagnostics);

        Assert.Equal(RuleDiagnosticCodes.InvalidJson, d.Code);
        Assert.Equal(3, d.Column);
    }

    [Fact]
    public void Load_DuplicateKeyInProperties_IsCrm016()
    {
        const string json = """[{"WorkflowName":"ChurnRisk","Rules":[{"RuleName":"r","SuccessEvent":"e","Properties":{"Points":10,"Points":1000},"Expression":"true"}]}]""";

        var result = RuleLoader.Load("d.json", json);

        var d = Assert.Single(result.Errors, e => e.Code == RuleDiagnosticCodes.DuplicateKey);
        Assert.Equal("r", d.RuleName);
        Assert.Equal(json.LastIndexOf("\"Points\"", StringComparison.Ordinal) + 1, d.Column);
        Assert.False(result.Success);
    }

    [Fact]
    public void Load_DuplicateKeyInActionContext_IsCrm016()
    {
        const string json = """[{"WorkflowName":"ChurnRisk","Rules":[{"RuleName":"r","SuccessEvent":"e","Expression":"true","Actions":{"OnSuccess":{"Name":"OutputExpression","Context":{"Expression":"1","Expression":"2"}}}}]}]""";

        Assert.Contains(RuleLoader.Load("d.json", json).Errors, e => e.Code == RuleDiagnosticCodes.DuplicateKey && e.RuleName == "r");
    }

    [Theory]
    [InlineData("""[{"WorkflowName":"Tagging","WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","Expression":"true"}]}]""")]
    [InlineData("""[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","Expression":"true","Expression":"false"}]}]""")]
    [InlineData("""[{"WorkflowName":"Tagging","GlobalParams":[{"Name":"a","Name":"b","Expression":"1"}],"Rules":[{"RuleName":"r","SuccessEvent":"t","Expression":"true"}]}]""")]
    public void Load_DuplicateKeyAnywhere_IsCrm016(string json)
        => Assert.Contains(RuleLoader.Load("d.json", json).Errors, e => e.Code == RuleDiagnosticCodes.DuplicateKey);

    [Fact]
    public void LoadFiles_OneUnreadableAndOneBad_ReportsBoth()
    {
        using var dir = new TempDir();
        var bad = dir.Write("bad.json", TestFacts.Workflow("Tagging", ("r", "customer.Nope > 1", "t")));

        var result = RuleLoader.LoadFiles([Path.Combine(dir.Path, "missing.json"), bad]);

        Assert.Contains(result.Errors, e => e.Code == RuleDiagnosticCodes.FileUnreadable);
        Assert.Contains(result.Errors, e => e.File == bad && e.Code != RuleDiagnosticCodes.FileUnreadable);
    }

    [Fact]
    public void ReloadFromFiles_GbkAndTooLargeFiles_RaiseReloadFailedInsteadOfThrowing()
    {
        using var dir = new TempDir();
        var gbk = dir.Write("gbk.json", StrictTextDecoder.GetEncoding("gb18030").GetBytes(Valid));
        var big = dir.Write("big.json", Valid + new string(' ', RuleLoadOptions.Default.MaxFileBytes));
        var provider = new RuleSetProvider();
        IReadOnlyList<RuleDiagnostic>? reported = null;
        provider.ReloadFailed += (_, e) => reported = e.Diagnostics;

        var result = provider.ReloadFromFiles([gbk, big]);

        Assert.False(result.Success);
        Assert.NotNull(reported);
        Assert.Contains(reported, d => d.Code == RuleDiagnosticCodes.InvalidEncoding && d.File == gbk);
        Assert.Contains(reported, d => d.Code == RuleDiagnosticCodes.FileTooLarge && d.File == big);
        Assert.Null(provider.Current);
    }

    [Fact]
    public async Task Reload_SlowOlderReloadFinishingLast_DoesNotReplaceTheNewerSet()
    {
        var provider = new RuleSetProvider();
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        IEnumerable<RuleSource> Slow()
        {
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            yield return RuleSource.FromText("old.json", TestFacts.Workflow("Tagging", ("r", "true", "old")));
        }

        var slow = Task.Run(() => provider.Reload(Slow()));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        var fast = provider.Reload([RuleSource.FromText("new.json", TestFacts.Workflow("Tagging", ("r", "true", "new")))]);
        release.Set();
        var old = await slow;

        Assert.True(fast.Success);
        Assert.True(old.Success);
        Assert.Equal(["new"], provider.Current!.RuleSet.Tags.Names);
        Assert.Equal(1, provider.Current.Number);
    }

    private sealed class TempDir : IDisposable
    {
        public TempDir() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crm-hostile-" + Guid.NewGuid().ToString("N"));

        public string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

        public string Write(string name, byte[] bytes)
        {
            var file = System.IO.Path.Combine(Path, name);
            File.WriteAllBytes(file, bytes);
            return file;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
