namespace CrmCore.Access;

/// <summary>
/// What a role may see of one <see cref="CustomerField"/>, from least to most. Sensitive fields (<see cref="CustomerFields.IsSensitive"/>)
/// never appear in clear in a view: <see cref="Read"/> shows them masked, and only <see cref="ReadUnmasked"/> allows the audited
/// reveal act (<see cref="CustomerAccess.RevealAsync"/>) of one clear value.
/// </summary>
public enum FieldAccess
{
    /// <summary>Absent from the view (<c>hidden</c>).</summary>
    Hidden,

    /// <summary>Shown masked, for example <c>科***</c> or <c>****5678</c> (<c>masked</c>).</summary>
    Masked,

    /// <summary>Shown as is; sensitive fields still masked (<c>read</c>).</summary>
    Read,

    /// <summary>As <see cref="Read"/>, and one clear value may be revealed with a reason, which is audited (<c>read-unmasked</c>).</summary>
    ReadUnmasked,
}
