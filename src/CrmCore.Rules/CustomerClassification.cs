namespace CrmCore.Rules;

/// <summary>
/// The allocation-free result of <see cref="RuleSet.Classify"/>: the tags as a mask over <see cref="RuleSet.Tags"/> and the index
/// of the tier in <see cref="RuleSet.Tiers"/> (-1 when no tiering rule held or there is no tiering workflow).
/// </summary>
/// <param name="TagMask">Bit <c>id</c> is set when the tag with that id holds.</param>
/// <param name="TierIndex">The tier's index, or -1.</param>
public readonly record struct CustomerClassification(ulong TagMask, int TierIndex);
