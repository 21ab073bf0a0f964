namespace CrmCore.Knowledge;

/// <summary>Settings of a <see cref="KnowledgeIndex"/>. Validated when the index is created, and at start by <c>AddCrmKnowledge</c>. Not
/// thread-safe while being configured.</summary>
public sealed class KnowledgeOptions
{
    /// <summary>Boost of the title field; default 1.5. Range 0–100.</summary>
    public float TitleBoost { get; set; } = 1.5f;

    /// <summary>Boost of the tags field; default 2. Range 0–100.</summary>
    public float TagBoost { get; set; } = 2f;

    /// <summary>Boost of the body field; default 1. Range 0–100.</summary>
    public float BodyBoost { get; set; } = 1f;

    /// <summary>Boost of the text of tickets the article solved (learning from use); default 1.5. Range 0–100.</summary>
    public float LearnedBoost { get; set; } = 1.5f;

    /// <summary>Boost of a match between the ticket's type and the article's ticket types; default 1. Range 0–100.</summary>
    public float TypeBoost { get; set; } = 1f;

    /// <summary>Boost of Chinese character bigrams (title, body and learned text), a second view beside the words; default 1. Range 0–100 (0 turns it off).</summary>
    public float GramBoost { get; set; } = 1f;

    /// <summary>How much each solved ticket raises the score: the score is multiplied by 1 + weight × ln(1 + solved). Default 0.1. Range 0–10.</summary>
    public double SolvedWeight { get; set; } = 0.1;

    /// <summary>How many solved tickets' texts are kept per article (oldest dropped first); default 50. Range 0–1000.</summary>
    public int MaxLearnedTicketsPerArticle { get; set; } = 50;

    /// <summary>How many distinct query terms of a ticket are used at most; default 48. Range 1–256.</summary>
    public int MaxQueryTerms { get; set; } = 48;

    /// <summary>How many characters of a ticket's text are read at most; default 4,000. Range 1–100,000.</summary>
    public int MaxTicketTextLength { get; set; } = 4_000;

    /// <summary>How many answers of <see cref="KnowledgeIndex.Suggest"/> are kept, by ticket type, text (its first
    /// <see cref="MaxTicketTextLength"/> characters) and count, until the index next changes: a ticket whose text was asked about before
    /// is answered without searching again, with the same suggestions. When full, the kept answers are dropped and it fills again. Each
    /// entry holds its text, so the cache takes at most about this × 2 × <see cref="MaxTicketTextLength"/> bytes. Default 512. Range
    /// 0–100,000 (0 turns it off).</summary>
    public int SuggestionCacheSize { get; set; } = 512;

    /// <summary>Lists every setting out of range; empty when valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[] { (nameof(TitleBoost), TitleBoost), (nameof(TagBoost), TagBoost), (nameof(BodyBoost), BodyBoost), (nameof(LearnedBoost), LearnedBoost), (nameof(TypeBoost), TypeBoost), (nameof(GramBoost), GramBoost) })
        {
            if (!(value >= 0 && value <= 100))
            {
                problems.Add($"Knowledge: {name} must be from 0 to 100, was {value}.");
            }
        }

        if (!(SolvedWeight >= 0 && SolvedWeight <= 10))
        {
            problems.Add($"Knowledge: SolvedWeight must be from 0 to 10, was {SolvedWeight}.");
        }

        if (MaxLearnedTicketsPerArticle is < 0 or > 1000)
        {
            problems.Add($"Knowledge: MaxLearnedTicketsPerArticle must be from 0 to 1000, was {MaxLearnedTicketsPerArticle}.");
        }

        if (MaxQueryTerms is < 1 or > 256)
        {
            problems.Add($"Knowledge: MaxQueryTerms must be from 1 to 256, was {MaxQueryTerms}.");
        }

        if (MaxTicketTextLength is < 1 or > 100_000)
        {
            problems.Add($"Knowledge: MaxTicketTextLength must be from 1 to 100000, was {MaxTicketTextLength}.");
        }

        if (SuggestionCacheSize is < 0 or > 100_000)
        {
            problems.Add($"Knowledge: SuggestionCacheSize must be from 0 to 100000, was {SuggestionCacheSize}.");
        }

        return problems;
    }
}
