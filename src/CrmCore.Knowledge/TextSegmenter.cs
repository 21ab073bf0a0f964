using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace CrmCore.Knowledge;

/// <summary>
/// Cuts Chinese and English text into words with Lucene.Net's SmartCn analyzer (a hidden Markov model over a word dictionary for
/// Chinese; lower-cased, Porter-stemmed words for English; punctuation and stop words dropped). The one segmentation used by the
/// knowledge index and the word-level feedback themes. Thread-safe.
/// </summary>
public sealed class TextSegmenter : IDisposable
{
    private readonly Analyzer _analyzer;

    /// <summary>Creates a segmenter that drops punctuation, English stop words (the, on, ...) and Chinese particles (的, 了, 吗, ...).
    /// Negations such as 没 and 不 are kept: 没解决 is a complaint. Where SmartCn cannot run, see <see cref="CutsCharacterPairs"/>.</summary>
    public TextSegmenter()
        : this(Choose())
    {
    }

    internal TextSegmenter(Analyzer analyzer)
        : this((analyzer, false))
    {
    }

    private TextSegmenter((Analyzer Analyzer, bool Pairs) chosen) => (_analyzer, CutsCharacterPairs) = chosen;

    /// <summary>
    /// Gets a value indicating whether Chinese text is cut into overlapping character pairs (打印 / 印机 / 机卡 ...) instead of words,
    /// because SmartCn cannot run in this process: .NET without culture data (invariant globalization mode) where no culture can be made
    /// by name, which SmartCn's ICU library needs. Suggestions still find articles that share text, less precisely, and feedback themes
    /// are pairs. A host that sets <c>PredefinedCulturesOnly</c> to false gets words again; show this to the user where suggestions or
    /// themes appear.
    /// </summary>
    public bool CutsCharacterPairs { get; }

    /// <summary>The analyzer, shared with the index.</summary>
    internal Analyzer Analyzer => _analyzer;

    /// <summary>The words of a text, in order.</summary>
    /// <param name="text">The text; null or blank gives none.</param>
    /// <param name="maxLength">Only the first <paramref name="maxLength"/> characters are read; default 100,000.</param>
    /// <returns>The words, for example 打印机 / 卡纸 for 打印机卡纸了, or printer / jam for "The printer jams".</returns>
    public IReadOnlyList<string> Segment(string? text, int maxLength = 100_000)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        if (text.Length > maxLength)
        {
            text = text[..maxLength];
        }

        var words = new List<string>();
        using var stream = _analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            words.Add(term.ToString());
        }

        stream.End();
        return words;
    }

    /// <inheritdoc />
    public void Dispose() => _analyzer.Dispose();

    /// <summary>SmartCn, tried on a word (its dictionary and ICU load at the first text); Lucene's CJK pairs where that fails for want
    /// of culture data.</summary>
    private static (Analyzer, bool) Choose()
    {
        var smart = new SmartChineseAnalyzer(LuceneVersion.LUCENE_48, StopWords());
        try
        {
            using var probe = smart.GetTokenStream("text", "打印机");
            probe.Reset();
            while (probe.IncrementToken())
            {
            }

            probe.End();
            return (smart, false);
        }
        catch (TypeInitializationException failure) when (failure.GetBaseException() is CultureNotFoundException)
        {
            smart.Dispose();
            return (new CJKAnalyzer(LuceneVersion.LUCENE_48, StopWords()), true);
        }
    }

    private static CharArraySet StopWords()
    {
        var set = new CharArraySet(LuceneVersion.LUCENE_48, SmartChineseAnalyzer.DefaultStopSet, ignoreCase: true);
        set.UnionWith(StopAnalyzer.ENGLISH_STOP_WORDS_SET);
        foreach (var word in ChineseParticles)
        {
            set.Add(word);
        }

        return set;
    }

    private static readonly string[] ChineseParticles =
        ["的", "了", "吗", "呢", "吧", "啊", "呀", "着", "过", "地", "得", "都", "也", "就", "和", "与", "及", "是", "在", "我", "你", "他", "她", "它", "们", "这", "那", "请", "i", "my", "we", "our", "you", "your", "can", "can't", "cannot", "has", "have", "had", "do", "does", "did",

            // SmartCn stems English words before it drops stop words, so the stems of stop words are listed too.
            "wa", "thi", "ha", "doe", "hi", "becaus", "veri", "onli", "ani"];
}
