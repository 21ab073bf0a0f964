namespace CrmCore.Audit;

/// <summary>What an <see cref="AuditEntry"/> records.</summary>
public enum AuditAction
{
    /// <summary>A record was created.</summary>
    Create,

    /// <summary>A field changed (old and new value, masked for sensitive fields).</summary>
    Update,

    /// <summary>A ticket's (or plan's) status changed.</summary>
    StatusChange,

    /// <summary>One clear sensitive value was revealed to a user, with a reason.</summary>
    Reveal,

    /// <summary>Records were exported in bulk.</summary>
    Export,

    /// <summary>Records were imported in bulk.</summary>
    Import,

    /// <summary>Everything held about one person was exported on their request (PIPL/GDPR access request).</summary>
    PersonalDataExport,

    /// <summary>A person's personal data was erased (anonymised) on request.</summary>
    Erase,
}
