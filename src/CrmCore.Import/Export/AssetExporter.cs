using CrmCore.Assets;

namespace CrmCore.Import.Export;

/// <summary>
/// Writes assets as the asset table (document 004's installed base, .xlsx, streamed), headers in Chinese or English, parents before their
/// children so that the asset import reads the file back: importing the export gives the same assets (id, name, serial number, model,
/// owner, custodian, installation date, warranty end, parent). The maintenance history is not part of the table. Every cell goes through
/// <see cref="CellGuard"/>. Thread-safe (stateless).
/// </summary>
public static class AssetExporter
{
    /// <summary>The column headers, in order.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The headers.</returns>
    public static IReadOnlyList<string> Headers(ExportLanguage language) => language == ExportLanguage.Chinese
        ? ["资产编号", "资产名称", "序列号", "型号", "客户编号", "保管人", "安装日期", "保修截止", "上级资产"]
        : ["Asset id", "Asset name", "Serial number", "Model", "Customer id", "Custodian", "Installed on", "Warranty ends on", "Parent asset"];

    /// <summary>Writes assets as an .xlsx table, parents first.</summary>
    /// <param name="assets">The assets.</param>
    /// <param name="destination">The stream; left open.</param>
    /// <param name="language">The header language; default Chinese.</param>
    public static void WriteXlsx(IEnumerable<AssetState> assets, Stream destination, ExportLanguage language = ExportLanguage.Chinese)
    {
        ArgumentNullException.ThrowIfNull(assets);
        TableWriter.WriteXlsx(Headers(language), ParentsFirst([.. assets]).Select(Cells), destination);
    }

    /// <summary>The cells of one asset, in header order, before <see cref="CellGuard"/>.</summary>
    /// <param name="asset">The asset.</param>
    /// <returns>The cells.</returns>
    public static string?[] Cells(AssetState asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return
        [
            asset.Id.Value, asset.Name, asset.SerialNumber, asset.Model, asset.Owner.Value, asset.Custodian,
            ExportCells.Date(asset.InstalledOn), ExportCells.Date(asset.WarrantyEndsOn), asset.Parent?.Value,
        ];
    }

    /// <summary>The assets in an order where every parent comes before its children (input order otherwise kept).</summary>
    private static IEnumerable<AssetState> ParentsFirst(IReadOnlyList<AssetState> assets)
    {
        var byId = assets.ToDictionary(a => a.Id);
        var written = new HashSet<AssetId>();
        var path = new HashSet<AssetId>();
        var ordered = new List<AssetState>(assets.Count);

        void Visit(AssetState asset)
        {
            if (written.Contains(asset.Id) || !path.Add(asset.Id))
            {
                return;
            }

            if (asset.Parent is { } parent && byId.TryGetValue(parent, out var up))
            {
                Visit(up);
            }

            path.Remove(asset.Id);
            written.Add(asset.Id);
            ordered.Add(asset);
        }

        foreach (var asset in assets)
        {
            Visit(asset);
        }

        return ordered;
    }
}
