using NodaTime;

namespace CrmCore.Cli.Input;

/// <summary>One satisfaction survey answer as read from a file. Absent values are <see langword="null"/>.</summary>
internal sealed record SurveyRow
{
    public required string TicketId { get; init; }

    public string? CustomerId { get; init; }

    public Instant? AnsweredAt { get; init; }

    public int? Csat { get; init; }

    public int? Nps { get; init; }

    public int? ResponseSpeed { get; init; }

    public int? Resolution { get; init; }

    public int? SolutionQuality { get; init; }

    public int? Communication { get; init; }

    public int? Price { get; init; }

    public string? Comment { get; init; }
}
