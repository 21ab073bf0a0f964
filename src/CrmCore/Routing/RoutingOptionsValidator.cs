using Microsoft.Extensions.Options;

namespace CrmCore.Routing;

/// <summary>Validates <see cref="RoutingOptions"/>, listing every problem at once. Thread-safe.</summary>
internal sealed class RoutingOptionsValidator : IValidateOptions<RoutingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.SlaTerm.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
