namespace CrmCore.Import.Assets;

/// <summary>The asset fields a column can be mapped to (document 004's installed base; the names used in mapping files, case-insensitive).</summary>
public enum AssetField
{
    /// <summary>Not a field: the column is known and deliberately ignored.</summary>
    Ignore,

    /// <summary>The asset id (资产编号). Required.</summary>
    Id,

    /// <summary>The asset's name (资产名称). Required.</summary>
    Name,

    /// <summary>The serial number (序列号), unique among assets. Required.</summary>
    SerialNumber,

    /// <summary>The model (型号). Required.</summary>
    Model,

    /// <summary>The owner customer's id (客户编号). Required.</summary>
    Owner,

    /// <summary>Who keeps the asset at the customer (保管人).</summary>
    Custodian,

    /// <summary>The installation date (安装日期). Required.</summary>
    InstalledOn,

    /// <summary>The last day of warranty (保修截止); not before the installation date.</summary>
    WarrantyEndsOn,

    /// <summary>The parent asset's id (上级资产), stored already or on an earlier line.</summary>
    Parent,
}
