namespace CrmCore.Tickets;

/// <summary>Finds what makes a stored <see cref="TicketState"/> impossible, before it is restored.</summary>
internal static class TicketStateCheck
{
    /// <summary>Returns the first problem found, or null when the state is consistent.</summary>
    public static string? Find(TicketState state)
    {
        if (state.Id.IsEmpty || state.CustomerId.IsEmpty || state.Owner.IsEmpty)
        {
            return "the ticket id, customer id and owner must not be empty.";
        }

        if (state.Version < 1)
        {
            return $"version {state.Version} is below 1.";
        }

        if (string.IsNullOrWhiteSpace(state.Description) || state.Type.Code.Length == 0 || state.Channel.Code.Length == 0 || !Enum.IsDefined(state.Urgency))
        {
            return "the description, type, channel or urgency is missing or undefined.";
        }

        var history = state.StatusHistory;
        if (history is null || history.Count == 0 || history[0].From != TicketStatus.Pending || history[0].To != TicketStatus.Pending)
        {
            return "the status history must start with the creation entry Pending → Pending.";
        }

        if (history[0].At != state.CreatedAt)
        {
            return $"the creation entry is at {history[0].At}, not at CreatedAt {state.CreatedAt}.";
        }

        var previous = history[0];
        for (var i = 1; i < history.Count; i++)
        {
            var change = history[i];
            if (change.From != previous.To)
            {
                return $"history entry {i} starts from {change.From} but the ticket was {previous.To}.";
            }

            if (change.At < previous.At)
            {
                return $"history entry {i} ({change.At}) is earlier than entry {i - 1} ({previous.At}).";
            }

            if (!TicketLifecycle.Transitions.Any(t => t.From == change.From && t.To == change.To && t.From != t.To))
            {
                return $"history entry {i} ({change.From} → {change.To}) is not a move of the lifecycle table.";
            }

            previous = change;
        }

        if (previous.To != state.Status)
        {
            return $"the status is {state.Status} but the history ends at {previous.To}.";
        }

        return state.LastChangeAt < previous.At ? $"LastChangeAt {state.LastChangeAt} is earlier than the last status change." : CheckSurvey(state);
    }

    private static string? CheckSurvey(TicketState state)
    {
        if (state.Surveys is null)
        {
            return "the survey list is null.";
        }

        foreach (var survey in state.Surveys)
        {
            if (survey is null)
            {
                return "a survey answer is null.";
            }

            if (survey.Ticket != state.Id || survey.Customer != state.CustomerId)
            {
                return $"the survey is for ticket {survey.Ticket} of customer {survey.Customer}.";
            }
        }

        return null;
    }
}
