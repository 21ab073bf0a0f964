namespace CrmCore.Import.Export;

/// <summary>The language of the column headers and display values of an export.</summary>
public enum ExportLanguage
{
    /// <summary>Chinese headers as in document 001 (客户编号, 客户名称, 所属行业 ...) and Chinese display values (制造业).</summary>
    Chinese,

    /// <summary>English headers (Customer id, Name, Industry ...) and English display values (Manufacturing).</summary>
    English,
}
