using CrmCore.Import.Mapping;
using CrmCore.Import.Tables;

namespace CrmCore.Import.Assets;

/// <summary>Settings for <see cref="AssetImporter"/>: the shared ones of <see cref="FileImportOptions"/> and the column mapping. Mutable
/// until handed to the importer; validated there.</summary>
public sealed class AssetImportOptions : FileImportOptions
{
    /// <summary>The column mapping; null (default) for <see cref="ImportMappings.Assets"/> (lay a mapping file over it with
    /// <see cref="ImportMappingFile.Load{TField}(string, ImportMapping{TField})"/>).</summary>
    public ImportMapping<AssetField>? Mapping { get; set; }

    /// <summary>The engine's options with these settings, checked.</summary>
    internal TableImportOptions<AssetField> ToTableOptions() => ToTableOptions(Mapping);
}
