using CrmCore.Agents;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>Policies of the <see cref="ServiceDesk"/>. Set through <c>AddCrmCore(o =&gt; o.Desk...)</c> or the constructor.</summary>
public sealed class DeskOptions
{
    /// <summary>The placeholder owner of a ticket while it waits in the queue (a ticket always has exactly one owner). Default <c>queue</c>.
    /// No agent may use this id.</summary>
    public AgentId QueueOwner { get; set; } = new("queue");

    /// <summary>The name the desk records as "by" for what it does on its own (opening, escalating). Default <c>desk</c>.</summary>
    public string SystemActor { get; set; } = "desk";

    /// <summary>How long after a resolution a ticket awaiting its revisit raises <see cref="RevisitDue"/>. Default 1 day; must be positive.</summary>
    public Duration RevisitDelay { get; set; } = Duration.FromDays(1);
}
