using CrmCore.Tickets;

namespace CrmCore.Sla;

/// <summary>Sets of ticket statuses as bit masks, for the SLA hot path.</summary>
internal static class StatusMask
{
    public static uint Of(IEnumerable<TicketStatus>? statuses)
    {
        uint mask = 0;
        foreach (var s in statuses ?? [])
        {
            mask |= Bit(s);
        }

        return mask;
    }

    public static uint Bit(TicketStatus status) => (uint)status < 32 ? 1u << (int)status : 0u;

    public static bool Contains(uint mask, TicketStatus status) => (mask & Bit(status)) != 0;
}
