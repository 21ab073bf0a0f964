using NodaTime;

namespace CrmCore.Cli.Input;

/// <summary>One customer as read from a file: the raw facts the rules see. Absent values are <see langword="null"/>.</summary>
internal sealed record CustomerRow
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Industry { get; init; }

    public string? Region { get; init; }

    public string? Tier { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public decimal? AnnualRevenue { get; init; }

    public int? Employees { get; init; }

    public string? Size { get; init; }

    public string? SourceChannel { get; init; }

    public string? AccountManager { get; init; }

    public LocalDate? FirstCooperation { get; init; }

    public Instant? LastInteraction { get; init; }

    /// <summary>
    /// <see cref="LastInteraction"/> as written in the file (for example <c>2026-03-01T09:00:00+08:00</c> or a bare date), so that
    /// a file written back keeps it; null when the row was not read from a file.
    /// </summary>
    public string? LastInteractionWritten { get; init; }

    public int? ComplaintsLast60Days { get; init; }

    public int? ComplaintsPrev60Days { get; init; }

    public int? ConsultationsLast60Days { get; init; }

    public int? ConsultationsPrev60Days { get; init; }

    public decimal? CsatAverage { get; init; }

    public LocalDate? ContractEnd { get; init; }

    public LocalDate? TierDowngraded { get; init; }

    public LocalDate? LostOn { get; init; }

    public int? OpenTicketCount { get; init; }

    public int? UnresolvedComplaints { get; init; }

    public bool? DoNotContact { get; init; }
}
