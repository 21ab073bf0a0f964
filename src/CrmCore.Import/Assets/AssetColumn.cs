namespace CrmCore.Import.Assets;

/// <summary>The columns of an asset table (document 004's installed base), found by their Chinese or English header.</summary>
internal enum AssetColumn
{
    Id,
    Name,
    SerialNumber,
    Model,
    Owner,
    Custodian,
    InstalledOn,
    WarrantyEndsOn,
    Parent,
}
