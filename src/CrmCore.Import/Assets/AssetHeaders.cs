namespace CrmCore.Import.Assets;

/// <summary>The headers <see cref="AssetImporter"/> reads, Chinese and English, compared ignoring case, spaces and underscores.</summary>
internal static class AssetHeaders
{
    private static readonly Dictionary<string, AssetColumn> Known = Build(
        (AssetColumn.Id, ["资产编号", "资产ID", "设备编号", "AssetId", "Asset", "Id"]),
        (AssetColumn.Name, ["资产名称", "设备名称", "名称", "Name", "AssetName"]),
        (AssetColumn.SerialNumber, ["序列号", "SN", "Serial", "SerialNumber", "SerialNo"]),
        (AssetColumn.Model, ["型号", "产品型号", "设备型号", "Model"]),
        (AssetColumn.Owner, ["客户编号", "所属客户", "客户ID", "CustomerId", "Customer", "Owner"]),
        (AssetColumn.Custodian, ["保管人", "负责人", "使用人", "Custodian"]),
        (AssetColumn.InstalledOn, ["安装日期", "InstalledOn", "InstallDate", "Installed"]),
        (AssetColumn.WarrantyEndsOn, ["保修截止", "保修截止日期", "保修到期", "保修到期日", "WarrantyEndsOn", "WarrantyEnd", "Warranty"]),
        (AssetColumn.Parent, ["上级资产", "父资产", "所属设备", "Parent", "ParentId", "ParentAsset"]));

    /// <summary>The column a header names, or null.</summary>
    public static AssetColumn? Resolve(string? header) =>
        header is null ? null : Known.TryGetValue(Key(header), out var column) ? column : null;

    private static string Key(string header) => header.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    private static Dictionary<string, AssetColumn> Build(params (AssetColumn Column, string[] Names)[] columns)
    {
        var map = new Dictionary<string, AssetColumn>(StringComparer.Ordinal);
        foreach (var (column, names) in columns)
        {
            foreach (var name in names)
            {
                map.Add(Key(name), column);
            }
        }

        return map;
    }
}
