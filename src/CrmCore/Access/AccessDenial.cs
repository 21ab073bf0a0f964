namespace CrmCore.Access;

/// <summary>Why an <see cref="AccessDeniedException"/> was thrown.</summary>
public enum AccessDenial
{
    /// <summary>The customer is outside the principal's record scope.</summary>
    OutOfScope,

    /// <summary>The principal may not change the field.</summary>
    UpdateNotAllowed,

    /// <summary>The principal may not reveal the field's clear value (it needs read-unmasked).</summary>
    RevealNotAllowed,

    /// <summary>A reveal or personal-data request came without a reason.</summary>
    ReasonRequired,
}
