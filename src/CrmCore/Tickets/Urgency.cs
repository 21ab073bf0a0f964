namespace CrmCore.Tickets;

/// <summary>How urgent the customer's issue is, as recorded on the ticket.</summary>
public enum Urgency
{
    /// <summary>General (一般).</summary>
    General = 0,

    /// <summary>Urgent (紧急).</summary>
    Urgent = 1,

    /// <summary>Major (重大).</summary>
    Major = 2,
}
