namespace CrmCore.Routing;

/// <summary>Settings for the waiting queue; bound through <c>services.AddCrmRouting(...)</c> and validated on start.</summary>
public sealed class RoutingOptions
{
    /// <summary>The shape of the SLA term of the priority. Defaults as in <see cref="SlaTermOptions"/>.</summary>
    public SlaTermOptions SlaTerm { get; } = new();
}
