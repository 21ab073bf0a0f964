using System.Reflection;

namespace CrmCore.Rules;

/// <summary>
/// The default rule pack shipped inside the package (the seed policies): tiering (doc 001, or doc 003 as an alternative),
/// tagging, priority, routing, churn risk and escalation. Thread-safe.
/// </summary>
public static class DefaultRulePack
{
    /// <summary>The doc 001 tiering file: A ≥ 500,000 / B ≥ 100,000 / Potential (cooperation 3–6 months) / C.</summary>
    public const string Tiering = "tiering.json";

    /// <summary>The doc 003 tiering file: 高价值 ≥ 100,000 / 潜力 ≥ 50,000 / 普通.</summary>
    public const string TieringDoc003 = "tiering-doc003.json";

    /// <summary>Tagging: active, silent, churn-risk, 高频咨询, 近期有投诉记录, do-not-contact.</summary>
    public const string Tagging = "tagging.json";

    /// <summary>Priority: tier, urgency (complaints count as urgent) and type points.</summary>
    public const string Priority = "priority.json";

    /// <summary>Routing: faults to technical support, then industry to service group.</summary>
    public const string Routing = "routing.json";

    /// <summary>Churn risk points.</summary>
    public const string ChurnRisk = "churn-risk.json";

    /// <summary>Escalation steps.</summary>
    public const string Escalation = "escalation.json";

    /// <summary>Every file of the pack.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [Tiering, TieringDoc003, Tagging, Priority, Routing, ChurnRisk, Escalation];

    /// <summary>Reads one file of the pack.</summary>
    /// <param name="fileName">One of <see cref="FileNames"/>.</param>
    /// <returns>The source, named <c>pack:&lt;file&gt;</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is not a pack file.</exception>
    public static RuleSource GetSource(string fileName)
    {
        if (!FileNames.Contains(fileName))
        {
            throw new ArgumentException($"`{fileName}` is not a file of the default rule pack; use one of {string.Join(", ", FileNames)}.", nameof(fileName));
        }

        using var stream = typeof(DefaultRulePack).Assembly.GetManifestResourceStream("CrmCore.Rules.Packs." + fileName)
            ?? throw new InvalidOperationException($"The embedded resource for `{fileName}` is missing.");
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return RuleSource.FromBytes("pack:" + fileName, ms.ToArray());
    }

    /// <summary>The sources of the whole pack with one tiering file.</summary>
    /// <param name="useDoc003Tiering">True for the doc 003 tiering instead of doc 001. Default false.</param>
    /// <returns>The sources in load order.</returns>
    public static IReadOnlyList<RuleSource> Sources(bool useDoc003Tiering = false)
        => FileNames.Where(f => f != (useDoc003Tiering ? Tiering : TieringDoc003)).Select(GetSource).ToArray();

    /// <summary>Loads the whole pack into one rule set.</summary>
    /// <param name="useDoc003Tiering">True for the doc 003 tiering instead of doc 001. Default false.</param>
    /// <returns>The load result (the shipped pack always loads).</returns>
    public static RuleLoadResult Load(bool useDoc003Tiering = false) => RuleLoader.Load(Sources(useDoc003Tiering));
}
