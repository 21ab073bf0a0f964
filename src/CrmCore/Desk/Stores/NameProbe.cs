namespace CrmCore.Desk;

/// <summary>
/// One probe of a similar-name search (<see cref="NameProbePlan"/>): a name gram (two characters, <see cref="SimilarNames.Grams"/>) whose
/// names are read, or, when <see cref="IsPrefix"/>, one character whose names are those of every gram that starts with it.
/// </summary>
/// <param name="Text">The gram (two characters) or the character (one).</param>
/// <param name="Positions">How many positions of the searched name key it covers (a gram or character can occur more than once).</param>
public readonly record struct NameProbe(string Text, int Positions)
{
    /// <summary>True for a character probe: every gram that starts with <see cref="Text"/>.</summary>
    public bool IsPrefix => Text.Length == 1;
}
