using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CrmCore.Relationships;

/// <summary>
/// Turns <see cref="ContactPlanner.DueDateUnchecked"/> (one per entry) and <see cref="ContactPlanner.SilenceUnknown"/> (one per customer
/// planned) into <see cref="ILogger"/> warnings. Thread-safe.
/// </summary>
internal static partial class PlanDateLog
{
    /// <summary>Logs every date the planner could not check against its calendar, and every customer it could not tell silent or not.</summary>
    public static ContactPlanner Watch(ContactPlanner planner, ILogger? logger)
    {
        if (logger is not null)
        {
            planner.DueDateUnchecked += (_, e) => Unchecked(logger, e.Customer.Value, e.Kind, e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Message(CultureInfo.InvariantCulture));
            planner.SilenceUnknown += (_, e) => SilenceUnknown(logger, e.Customer.Value, e.Message(CultureInfo.InvariantCulture));
        }

        return planner;
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Contact plan of {Customer}: {Kind} due on {Date} is outside the calendar. {Detail}")]
    private static partial void Unchecked(ILogger logger, string customer, PlanKind kind, string date, string detail);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Contact plan of {Customer}: no silent-customer care. {Detail}")]
    private static partial void SilenceUnknown(ILogger logger, string customer, string detail);
}
