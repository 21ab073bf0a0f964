namespace CrmCore.Churn;

/// <summary>The band of a churn-risk score. Ordered: a higher band is a higher risk.</summary>
public enum ChurnBand
{
    /// <summary>Below <see cref="ChurnOptions.MediumThreshold"/>.</summary>
    Low,

    /// <summary>From <see cref="ChurnOptions.MediumThreshold"/> up to <see cref="ChurnOptions.HighThreshold"/> (exclusive).</summary>
    Medium,

    /// <summary>At or above <see cref="ChurnOptions.HighThreshold"/>: a supervisor calls the customer (within 24 h by default).</summary>
    High,
}
