using System.Globalization;
using CrmCore.Localization;

namespace CrmCore.Storage;

/// <summary>A roll-back named a rule set or calendar version that was never published. Code <c>CRM-STORAGE-PUBLICATION-NOT-FOUND</c>.</summary>
public sealed class PublicationNotFoundException : CrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">Rule set or calendar.</param>
    /// <param name="name">The document's name.</param>
    /// <param name="version">The missing version.</param>
    public PublicationNotFoundException(PublicationKind kind, string name, int version)
        : base(Format(CultureInfo.InvariantCulture, kind, name, version))
    {
        Kind = kind;
        Name = name;
        Version = version;
        Code = "CRM-STORAGE-PUBLICATION-NOT-FOUND";
    }

    /// <summary>Rule set or calendar.</summary>
    public PublicationKind Kind { get; }

    /// <summary>The document's name.</summary>
    public string Name { get; }

    /// <summary>The missing version.</summary>
    public int Version { get; }

    /// <inheritdoc />
    public override string LocalizedMessage(CultureInfo? culture = null) => Format(culture ?? CultureInfo.CurrentUICulture, Kind, Name, Version);

    private static string Format(CultureInfo culture, PublicationKind kind, string name, int version) =>
        Strings.Format("Error_PublicationNotFound", culture, Strings.Find("PublicationKind_" + kind, culture) ?? kind.ToString(), name, version);
}
