namespace CrmCore.Import.Localization;

/// <summary>Why a row got its outcome: the reason's stable code (<see cref="ImportReason.Code"/>) and its localised text.</summary>
/// <param name="Code">The code, for example <c>Date</c>.</param>
/// <param name="Text">The text, for example <c>'2024-02-30' is not a date (...)</c>.</param>
internal readonly record struct RowReason(string Code, string Text);
