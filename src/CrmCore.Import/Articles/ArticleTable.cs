using System.Globalization;
using CrmCore.Import.Export;
using CrmCore.Import.Localization;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Knowledge;
using CrmCore.Localization;
using CrmCore.Tickets;

namespace CrmCore.Import.Articles;

/// <summary>The rows of a knowledge article table as articles: read, checked, compared with the stored articles, staged and written.</summary>
/// <param name="store">Where the articles are written.</param>
/// <param name="hostTypes">The ticket types the host defined, which an article may name besides the built-in ones.</param>
internal sealed class ArticleTable(IKnowledgeRepository store, IReadOnlyCollection<TicketType> hostTypes) : IRecordTable<ArticleField>
{
    private const int MaxId = 64;
    private static readonly char[] ListSeparators = [';', '；', ',', '，', '、', '|'];
    private static readonly TicketType[] BuiltInTypes = [TicketType.Consultation, TicketType.Complaint, TicketType.Suggestion, TicketType.Fault, TicketType.PreSales];
    private static readonly CultureInfo Chinese = TextCultures.SimplifiedChinese;
    private readonly Dictionary<ArticleId, (KnowledgeArticle Article, long Expected)> _staged = [];
    private readonly Dictionary<ArticleId, int> _lineOf = [];
    private readonly TicketType[] _hostTypes = [.. hostTypes.Where(h => !BuiltInTypes.Any(b => string.Equals(b.Code, h.Code, StringComparison.OrdinalIgnoreCase)))];

    public string Entity => "articles";

    public string HeaderHint => "文章编号, 标题, 正文, 标签, 工单类型, 状态 / ArticleId, Title, Body, Tags, TicketTypes, Status";

    public ValueTask LoadAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask<ImportRowResult> StageAsync(FieldReader<ArticleField> row, CancellationToken cancellationToken)
    {
        var id = row.Required(ArticleField.Id, MaxId);
        var title = row.Required(ArticleField.Title, KnowledgeArticle.MaxTitleLength);

        // The body keeps its line breaks: only the ends are trimmed (and the apostrophe an export put before a formula-like start removed).
        var body = CellGuard.Unescape(row.Raw(ArticleField.Body))?.Trim() ?? string.Empty;
        if (body.Length > KnowledgeArticle.MaxBodyLength)
        {
            row.Fail(ArticleField.Body, ImportReasons.TooLong.Format(row.Culture, body[..40], KnowledgeArticle.MaxBodyLength));
        }

        var tags = List(row, ArticleField.Tags);
        if (tags.Count > KnowledgeArticle.MaxTags || tags.Any(t => t.Length > KnowledgeArticle.MaxTagLength))
        {
            row.Fail(ArticleField.Tags, ArticleImportStrings.TooManyTags.Format(row.Culture, tags.Count, KnowledgeArticle.MaxTags, KnowledgeArticle.MaxTagLength));
        }

        var types = TicketTypes(row);
        var status = Status(row);
        if (row.Problem is { } problem)
        {
            return problem;
        }

        var articleId = new ArticleId(id!);
        if (_lineOf.TryGetValue(articleId, out var earlier))
        {
            return row.Reject(ArticleField.Id, ArticleImportStrings.DuplicateKey.Format(row.Culture, id, earlier));
        }

        _lineOf[articleId] = row.Source.Line;
        var stored = await store.FindAsync(articleId, cancellationToken).ConfigureAwait(false);
        var candidate = new KnowledgeArticle(articleId, title!, body) { Tags = [.. tags], TicketTypes = [.. types], Status = status, Version = (stored?.Version ?? 0) + 1 };
        if (stored is not null && Same(stored, candidate))
        {
            return new ImportRowResult { Line = row.Source.Line, Outcome = ImportOutcome.Unchanged };
        }

        _staged[articleId] = (candidate, stored?.Version ?? 0);
        return new ImportRowResult { Line = row.Source.Line, Outcome = stored is null ? ImportOutcome.Inserted : ImportOutcome.Updated };
    }

    public async ValueTask WriteAsync(CancellationToken cancellationToken)
    {
        foreach (var (article, expected) in _staged.Values)
        {
            await store.SaveAsync(article, expected, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Commit() => _staged.Clear();

    public void Abort()
    {
        foreach (var id in _staged.Keys)
        {
            _lineOf.Remove(id);
        }

        _staged.Clear();
    }

    private static bool Same(KnowledgeArticle a, KnowledgeArticle b) =>
        a.Title == b.Title && a.Body == b.Body && a.Status == b.Status && a.Tags.SequenceEqual(b.Tags) && a.TicketTypes.SequenceEqual(b.TicketTypes);

    private List<TicketType> TicketTypes(FieldReader<ArticleField> row)
    {
        var types = new List<TicketType>();
        foreach (var text in List(row, ArticleField.TicketTypes))
        {
            if (TypeOf(text) is not { } type)
            {
                var known = string.Join(", ", BuiltInTypes.Select(t => $"{t.Code}/{DisplayNames.Of(t, Chinese)}").Concat(_hostTypes.Select(t => t.Code)));
                row.Fail(ArticleField.TicketTypes, (_hostTypes.Length == 0 ? ArticleImportStrings.UnknownType : ArticleImportStrings.UnknownTypeWithHostTypes).Format(row.Culture, text, known));
                break;
            }

            if (!types.Contains(type))
            {
                types.Add(type);
            }
        }

        return types;
    }

    private static ArticleStatus Status(FieldReader<ArticleField> row)
    {
        if (row.Text(ArticleField.Status) is not { } text)
        {
            return ArticleStatus.Published;
        }

        if (StatusOf(text) is { } status)
        {
            return status;
        }

        row.Fail(ArticleField.Status, ArticleImportStrings.UnknownStatus.Format(row.Culture, text, string.Join(", ", Enum.GetValues<ArticleStatus>().Select(s => $"{s}/{DisplayNames.Of(s, Chinese)}"))));
        return ArticleStatus.Published;
    }

    // A built-in type by its code or its Chinese or English name; a host-defined type by its code (ignoring case), as the host spelt it.
    private TicketType? TypeOf(string text) =>
        BuiltInTypes.FirstOrDefault(t => string.Equals(t.Code, text, StringComparison.OrdinalIgnoreCase)
            || string.Equals(DisplayNames.Of(t, Chinese), text, StringComparison.Ordinal)
            || string.Equals(DisplayNames.Of(t, CultureInfo.InvariantCulture), text, StringComparison.OrdinalIgnoreCase)) is { Code.Length: > 0 } found ? found
        : _hostTypes.FirstOrDefault(t => string.Equals(t.Code, text, StringComparison.OrdinalIgnoreCase)) is { Code.Length: > 0 } host ? host : null;

    private static ArticleStatus? StatusOf(string text) =>
        Enum.GetValues<ArticleStatus>().Where(s => string.Equals(s.ToString(), text, StringComparison.OrdinalIgnoreCase)
            || string.Equals(DisplayNames.Of(s, Chinese), text, StringComparison.Ordinal)).Select(s => (ArticleStatus?)s).FirstOrDefault();

    private static List<string> List(FieldReader<ArticleField> row, ArticleField field) =>
        row.Text(field) is { } text ? [.. text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)] : [];
}
