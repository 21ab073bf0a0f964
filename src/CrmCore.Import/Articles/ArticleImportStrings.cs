using System.Resources;
using CrmCore.Import.Localization;

namespace CrmCore.Import.Articles;

/// <summary>The row reasons of ArticleImportStrings.resx (English, neutral) and ArticleImportStrings.zh-Hans.resx, one field per <c>Reason_</c>
/// key (a test checks that every key has its field and every field its key). Thread-safe (immutable).</summary>
internal static class ArticleImportStrings
{
    /// <summary>The resources.</summary>
    internal static ResourceManager Resources { get; } = new("CrmCore.Import.Articles.ArticleImportStrings", typeof(ArticleImportStrings).Assembly);

    /// <summary><c>Reason_DuplicateKey</c> (code <c>DuplicateKey</c>, as the other importers' duplicate keys; was <c>DuplicateId</c>).</summary>
    public static readonly ImportReason DuplicateKey = new("Reason_DuplicateKey", Resources);

    /// <summary><c>Reason_UnknownType</c>.</summary>
    public static readonly ImportReason UnknownType = new("Reason_UnknownType", Resources);

    /// <summary><c>Reason_Choice_ArticleStatus</c>: code <c>Choice</c>, as for every other value outside its list.</summary>
    public static readonly ImportReason UnknownStatus = new("Reason_Choice_ArticleStatus", Resources);

    /// <summary><c>Reason_TooManyTags</c>.</summary>
    public static readonly ImportReason TooManyTags = new("Reason_TooManyTags", Resources);

    /// <summary><c>Reason_UnknownType_WithHostTypes</c>: <see cref="UnknownType"/> worded for a host that configured its own ticket
    /// types (code <c>UnknownType</c>; was <c>UnknownTypeWithHostTypes</c>).</summary>
    public static readonly ImportReason UnknownTypeWithHostTypes = new("Reason_UnknownType_WithHostTypes", Resources);
}
