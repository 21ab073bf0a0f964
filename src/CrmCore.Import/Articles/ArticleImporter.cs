using System.Globalization;
using CrmCore.Desk;
using CrmCore.Import.Localization;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Imports;
using CrmCore.Knowledge;
using CrmCore.Localization;
using CrmCore.Normalization;
using CrmCore.Tickets;

namespace CrmCore.Import.Articles;

/// <summary>
/// Imports a knowledge article table (CSV, .xlsx, JSON or JSON Lines through <see cref="TableSource"/>) into an
/// <see cref="IKnowledgeRepository"/>, so the same import lands in memory, SQLite or PostgreSQL. Finds the header row by its Chinese
/// or English headers (文章编号 / ArticleId, 标题 / Title, 正文 / Body, 标签 / Tags, 工单类型 / TicketTypes, 状态 / Status), reads the
/// rows in order and gives every one exactly one outcome in the <see cref="ImportReport"/>: inserted, updated (the next version),
/// unchanged, skipped (blank or repeated header) or rejected with the column and the reason (a missing or too long cell, too many
/// tags, an unknown ticket type or status, an id twice in the file, a concurrent change). Tags and ticket types are lists separated
/// by <c>;</c>, <c>,</c>, <c>、</c> or <c>|</c>; a ticket type is its code (<c>Fault</c>) or its name (故障, Fault); the status is
/// draft/published/retired or 草稿/已发布/已停用 (default published). Running an import again is safe: rows name their article by id.
/// Not thread-safe: one import at a time per instance.
/// </summary>
public sealed class ArticleImporter
{
    private static readonly char[] ListSeparators = [';', '；', ',', '，', '、', '|'];
    private static readonly TicketType[] KnownTypes = [TicketType.Consultation, TicketType.Complaint, TicketType.Suggestion, TicketType.Fault, TicketType.PreSales];
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");
    private readonly IKnowledgeRepository _store;
    private readonly ArticleImportOptions _options;

    /// <summary>Creates an importer.</summary>
    /// <param name="store">The store to write to.</param>
    /// <param name="options">The options; default <see cref="ArticleImportOptions"/>' defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public ArticleImporter(IKnowledgeRepository store, ArticleImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? new ArticleImportOptions();
        _options.Validate();
    }

    /// <summary>Imports a file.</summary>
    /// <param name="path">The CSV, .xlsx, JSON or JSON Lines file.</param>
    /// <param name="cancellationToken">Cancels the import between rows; rows already written stay written.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFileException">The file cannot be read as a table (missing, no header row, bad encoding, damaged workbook or JSON).</exception>
    public async Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = TableSource.Open(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ImportAsync(stream, path, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Imports a table from a stream.</summary>
    /// <param name="stream">The content; must be seekable for CSV encoding detection and for .xlsx.</param>
    /// <param name="name">The file name, for the format (when <see cref="ArticleImportOptions.Format"/> is Auto) and for messages.</param>
    /// <param name="cancellationToken">Cancels the import between rows.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ImportFileException">The content cannot be read as a table.</exception>
    public async Task<ImportReport> ImportAsync(Stream stream, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        var (rows, format, encoding) = TableSource.Read(stream, name, _options.Format, _options.Encoding);
        var run = new Run(_store, _options, name);
        await run.ExecuteAsync(rows, cancellationToken).ConfigureAwait(false);
        return run.Report(format, encoding);
    }

    /// <summary>The state of one import.</summary>
    private sealed class Run(IKnowledgeRepository store, ArticleImportOptions options, string file)
    {
        private readonly Dictionary<ArticleId, int> _lineOf = [];
        private readonly List<ImportRowResult> _results = [];
        private Dictionary<ArticleColumn, int> _columns = [];
        private IReadOnlyList<string> _headers = [];
        private int _headerLine;

        private CultureInfo? Culture => options.Culture;

        public async Task ExecuteAsync(IEnumerable<SourceRow> rows, CancellationToken cancellationToken)
        {
            var titleRows = 0;
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_columns.Count == 0)
                {
                    if (!TryHeader(row) && ++titleRows > options.MaxTitleRows)
                    {
                        throw new ImportFileException(file, row.Line, 0, ArticleImportStrings.Format("Error_NoHeader", Culture, options.MaxTitleRows));
                    }

                    continue;
                }

                _results.Add(await ImportRowAsync(row, cancellationToken).ConfigureAwait(false));
            }

            if (_columns.Count == 0)
            {
                throw new ImportFileException(file, 0, 0, ArticleImportStrings.Format("Error_NoHeader", Culture, options.MaxTitleRows));
            }
        }

        public ImportReport Report(string format, string encoding)
        {
            int Count(ImportOutcome outcome) => _results.Count(r => r.Outcome == outcome);
            return new ImportReport
            {
                File = file,
                Entity = "articles",
                Format = format,
                Encoding = encoding,
                DryRun = options.DryRun,
                HeaderLine = _headerLine,
                Headers = _headers,
                MappedColumns = _columns.ToDictionary(c => _headers[c.Value], c => c.Key.ToString(), StringComparer.Ordinal),
                UnmappedColumns = [.. _headers.Where(h => h.Length > 0 && ArticleHeaders.Resolve(h) is null)],
                Batches = _results.Count == 0 ? 0 : 1,
                Rows = _results,
                Totals = new ImportTotals
                {
                    Inserted = Count(ImportOutcome.Inserted),
                    Updated = Count(ImportOutcome.Updated),
                    Unchanged = Count(ImportOutcome.Unchanged),
                    Rejected = Count(ImportOutcome.Rejected),
                    Skipped = Count(ImportOutcome.Skipped),
                },
            };
        }

        private bool TryHeader(SourceRow row)
        {
            var columns = new Dictionary<ArticleColumn, int>();
            for (var i = 0; i < row.Cells.Length; i++)
            {
                if (ArticleHeaders.Resolve(TextNormalizer.Clean(row.Cells[i])) is { } column)
                {
                    columns.TryAdd(column, i);
                }
            }

            if (columns.Count < 2)
            {
                return false;
            }

            _columns = columns;
            _headers = [.. row.Cells.Select(c => TextNormalizer.Clean(c) ?? string.Empty)];
            _headerLine = row.Line;
            return true;
        }

        private async Task<ImportRowResult> ImportRowAsync(SourceRow source, CancellationToken cancellationToken)
        {
            if (source.IsBlank)
            {
                return new ImportRowResult { Line = source.Line, Outcome = ImportOutcome.Skipped, Reason = ImportStrings.Get("Reason_Blank", Culture) };
            }

            if (_columns.Values.Count(i => i < source.Cells.Length && string.Equals(TextNormalizer.Clean(source.Cells[i]), _headers[i], StringComparison.Ordinal)) >= 2)
            {
                return new ImportRowResult { Line = source.Line, Outcome = ImportOutcome.Skipped, Reason = ImportStrings.Get("Reason_RepeatedHeader", Culture) };
            }

            if (Required(source, ArticleColumn.Id, 64, out var id) is { } noId)
            {
                return noId;
            }

            if (Required(source, ArticleColumn.Title, KnowledgeArticle.MaxTitleLength, out var title) is { } noTitle)
            {
                return noTitle;
            }

            // The body keeps its line breaks: only the ends are trimmed.
            var body = Raw(source, ArticleColumn.Body)?.Trim() ?? string.Empty;
            if (body.Length > KnowledgeArticle.MaxBodyLength)
            {
                return Reject(source, ArticleColumn.Body, ImportStrings.Format("Reason_TooLong", Culture, body[..40], KnowledgeArticle.MaxBodyLength));
            }

            var tags = List(source, ArticleColumn.Tags);
            if (tags.Count > KnowledgeArticle.MaxTags || tags.Any(t => t.Length > KnowledgeArticle.MaxTagLength))
            {
                return Reject(source, ArticleColumn.Tags, ArticleImportStrings.Format("Reason_TooManyTags", Culture, tags.Count, KnowledgeArticle.MaxTags, KnowledgeArticle.MaxTagLength));
            }

            var types = new List<TicketType>();
            foreach (var text in List(source, ArticleColumn.TicketTypes))
            {
                if (TypeOf(text) is not { } type)
                {
                    return Reject(source, ArticleColumn.TicketTypes, ArticleImportStrings.Format("Reason_UnknownType", Culture, text, string.Join(", ", KnownTypes.Select(t => $"{t.Code}/{DisplayNames.Of(t, Chinese)}"))));
                }

                if (!types.Contains(type))
                {
                    types.Add(type);
                }
            }

            var status = ArticleStatus.Published;
            if (Text(source, ArticleColumn.Status) is { } statusText)
            {
                if (StatusOf(statusText) is not { } parsed)
                {
                    return Reject(source, ArticleColumn.Status, ArticleImportStrings.Format("Reason_UnknownStatus", Culture, statusText, string.Join(", ", Enum.GetValues<ArticleStatus>().Select(s => $"{s}/{DisplayNames.Of(s, Chinese)}"))));
                }

                status = parsed;
            }

            var articleId = new ArticleId(id!);
            if (_lineOf.TryGetValue(articleId, out var earlier))
            {
                return Reject(source, ArticleColumn.Id, ArticleImportStrings.Format("Reason_DuplicateId", Culture, id, earlier));
            }

            _lineOf[articleId] = source.Line;
            var stored = await store.FindAsync(articleId, cancellationToken).ConfigureAwait(false);
            var candidate = new KnowledgeArticle(articleId, title!, body) { Tags = [.. tags], TicketTypes = [.. types], Status = status, Version = (stored?.Version ?? 0) + 1 };
            if (stored is not null && Same(stored, candidate))
            {
                return new ImportRowResult { Line = source.Line, Outcome = ImportOutcome.Unchanged };
            }

            if (!options.DryRun)
            {
                try
                {
                    await store.SaveAsync(candidate, stored?.Version ?? 0, cancellationToken).ConfigureAwait(false);
                }
                catch (ConcurrencyConflictException)
                {
                    return Reject(source, ArticleColumn.Id, ImportStrings.Format("Reason_Conflict", Culture, id));
                }
            }

            return new ImportRowResult { Line = source.Line, Outcome = stored is null ? ImportOutcome.Inserted : ImportOutcome.Updated };
        }

        private static bool Same(KnowledgeArticle a, KnowledgeArticle b) =>
            a.Title == b.Title && a.Body == b.Body && a.Status == b.Status && a.Tags.SequenceEqual(b.Tags) && a.TicketTypes.SequenceEqual(b.TicketTypes);

        private static TicketType? TypeOf(string text) =>
            KnownTypes.FirstOrDefault(t => string.Equals(t.Code, text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(DisplayNames.Of(t, Chinese), text, StringComparison.Ordinal)
                || string.Equals(DisplayNames.Of(t, CultureInfo.InvariantCulture), text, StringComparison.OrdinalIgnoreCase)) is { Code.Length: > 0 } found ? found : null;

        private static ArticleStatus? StatusOf(string text) =>
            Enum.GetValues<ArticleStatus>().Where(s => string.Equals(s.ToString(), text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(DisplayNames.Of(s, Chinese), text, StringComparison.Ordinal)).Select(s => (ArticleStatus?)s).FirstOrDefault();

        private string? Raw(SourceRow source, ArticleColumn column) => _columns.TryGetValue(column, out var i) ? source[i] : null;

        private string? Text(SourceRow source, ArticleColumn column) => _columns.TryGetValue(column, out var i) ? TextNormalizer.Clean(source[i]) : null;

        private List<string> List(SourceRow source, ArticleColumn column) =>
            Text(source, column) is { } text ? [.. text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)] : [];

        private ImportRowResult? Required(SourceRow source, ArticleColumn column, int max, out string? value)
        {
            value = Text(source, column);
            if (value is null)
            {
                return Reject(source, column, ImportStrings.Format("Reason_Required", Culture, Header(column)));
            }

            return value.Length > max ? Reject(source, column, ImportStrings.Format("Reason_TooLong", Culture, value[..Math.Min(value.Length, 40)], max)) : null;
        }

        private string Header(ArticleColumn column) => _columns.TryGetValue(column, out var i) ? _headers[i] : column.ToString();

        private ImportRowResult Reject(SourceRow source, ArticleColumn column, string reason)
        {
            var index = _columns.TryGetValue(column, out var i) ? i : -1;
            return new ImportRowResult
            {
                Line = source.Line,
                Outcome = ImportOutcome.Rejected,
                Column = index >= 0 ? _headers[index] : column.ToString(),
                ColumnNumber = index + 1,
                Reason = reason,
                Cells = source.Cells,
            };
        }
    }
}
