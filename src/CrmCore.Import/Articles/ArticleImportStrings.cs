using System.Resources;
using CrmCore.Import.Localization;

namespace CrmCore.Import.Articles;

/// <summary>The row reasons of ArticleImportStrings.resx (English, neutral) and ArticleImportStrings.zh-Hans.resx, one field per <c>Reason_</c>
/// key (a test checks that every key has its field and every field its key). Thread-safe (immutable).</summary>
internal static class ArticleImportStrings
{
    /// <summary>The resources.</summary>
    internal static ResourceManager Resources { get; } = new("CrmCore.Import.Articles.ArticleImportStrings", typeof(ArticleImportStrings).Assembly);

    /// <summary><c>Reason_DuplicateId</c>.</summary>
    public static readonly ImportReason DuplicateId = new("Reason_DuplicateId", Resources);

    /// <summary><c>Reason_UnknownType</c>.</summary>
    public static readonly ImportReason UnknownType = new("Reason_UnknownType", Resources);

    /// <summary><c>Reason_UnknownStatus</c>.</summary>
    public static readonly ImportReason UnknownStatus = new("Reason_UnknownStatus", Resources);

    /// <summary><c>Reason_TooManyTags</c>.</summary>
    public static readonly ImportReason TooManyTags = new("Reason_TooManyTags", Resources);

    /// <summary><c>Reason_UnknownTypeWithHostTypes</c>.</summary>
    public static readonly ImportReason UnknownTypeWithHostTypes = new("Reason_UnknownTypeWithHostTypes", Resources);
}
