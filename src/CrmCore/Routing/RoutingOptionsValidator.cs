using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmCore.Routing;

/// <summary>Validates <see cref="RoutingOptions"/>, listing every problem at once. Thread-safe.</summary>
/// <param name="strategies">The registered strategies; the chosen name must be among them.</param>
internal sealed class RoutingOptionsValidator(IEnumerable<IAssignmentStrategy> strategies) : IValidateOptions<RoutingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(options.SlaTerm.Validate());
        if (!strategies.Any(s => string.Equals(s.Name, options.Strategy, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"Strategy '{options.Strategy}' is not registered (known: {string.Join(", ", strategies.Select(s => s.Name))}).");
        }

        if (options.OverflowAfter <= Duration.Zero)
        {
            problems.Add($"OverflowAfter must be positive (was {options.OverflowAfter}).");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultGroup) || options.DefaultGroup.Length > 64)
        {
            problems.Add("DefaultGroup must be a non-empty team id of at most 64 characters.");
        }

        foreach (var (industry, team) in options.IndustryGroups)
        {
            if (string.IsNullOrWhiteSpace(team) || team.Length > 64)
            {
                problems.Add($"IndustryGroups['{industry}'] must be a non-empty team id of at most 64 characters.");
            }
        }

        foreach (var (type, skills) in options.TypeSkills)
        {
            if (string.IsNullOrWhiteSpace(type) || skills is null || skills.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > 64))
            {
                problems.Add($"TypeSkills['{type}'] must map a non-empty type to non-empty skill codes of at most 64 characters.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
