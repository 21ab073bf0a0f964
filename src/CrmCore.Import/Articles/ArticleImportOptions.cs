using CrmCore.Import.Tables;

namespace CrmCore.Import.Articles;

/// <summary>Settings for <see cref="ArticleImporter"/> (the shared ones of <see cref="FileImportOptions"/>; articles are read through
/// <see cref="Mapping.ImportMappings.Articles"/>). Mutable until handed to the importer; validated there.</summary>
public sealed class ArticleImportOptions : FileImportOptions
{
    /// <summary>The engine's options with these settings, checked.</summary>
    internal TableImportOptions<ArticleField> ToTableOptions() => ToTableOptions<ArticleField>(null);
}
