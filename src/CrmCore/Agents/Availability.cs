namespace CrmCore.Agents;

/// <summary>Whether an agent can take new work right now. Only <see cref="Online"/> agents are given tickets.</summary>
public enum Availability
{
    /// <summary>Signed out: takes no work. The default for a new agent.</summary>
    Offline = 0,

    /// <summary>Signed in but away (break, meeting): keeps current work, takes no new work.</summary>
    Away = 1,

    /// <summary>Signed in and ready: takes new work up to the agent's capacity.</summary>
    Online = 2,
}
