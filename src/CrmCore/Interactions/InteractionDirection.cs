namespace CrmCore.Interactions;

/// <summary>Who started a communication.</summary>
public enum InteractionDirection
{
    /// <summary>The customer got in touch (a call, a message, a visit). Lifts a do-not-contact request.</summary>
    Inbound = 0,

    /// <summary>The company reached out proactively. Refused while the customer asked not to be contacted.</summary>
    Outbound = 1,
}
