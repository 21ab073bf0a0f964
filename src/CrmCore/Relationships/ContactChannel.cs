namespace CrmCore.Relationships;

/// <summary>How a planned contact is made. JSON names are kebab-case (<c>call</c>, <c>supervisor-call</c>, ...).</summary>
public enum ContactChannel
{
    /// <summary>A phone call by the account manager (<c>call</c>).</summary>
    Call,

    /// <summary>A visit to the customer (<c>visit</c>).</summary>
    Visit,

    /// <summary>An email (<c>email</c>).</summary>
    Email,

    /// <summary>An SMS, usually in a batch (<c>sms</c>).</summary>
    Sms,

    /// <summary>A care message such as birthday or holiday greetings (<c>care-message</c>).</summary>
    CareMessage,

    /// <summary>A call by the account manager's supervisor, for churn risk (<c>supervisor-call</c>).</summary>
    SupervisorCall,
}
