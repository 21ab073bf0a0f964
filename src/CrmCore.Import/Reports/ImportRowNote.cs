namespace CrmCore.Import.Reports;

/// <summary>
/// Something an import did with a row that its outcome alone does not say, told so that nothing is changed, filled in or left out
/// without a word: a second phone number kept as another contact, a placeholder for a missing contact name, a defaulted date, text of
/// a cell that no field holds. Immutable.
/// </summary>
/// <param name="Column">The header of the cell the note is about; null when it is about no one cell (a column the file does not have).</param>
/// <param name="ColumnNumber">The 1-based column number of that cell; 0 when none.</param>
/// <param name="Code">The note as a stable code in no language (the table "Row note codes" in docs/import.md lists them).</param>
/// <param name="Text">The note, localised.</param>
public sealed record ImportRowNote(string? Column, int ColumnNumber, string Code, string Text);

/// <summary>A row's notes, equal to another list of the same notes (so two reports of the same rows compare equal, row by row).</summary>
internal sealed class ImportRowNotes(IList<ImportRowNote> notes) : System.Collections.ObjectModel.ReadOnlyCollection<ImportRowNote>(notes)
{
    /// <summary>The notes as a list that compares by value; null for none.</summary>
    public static ImportRowNotes? Of(IList<ImportRowNote>? notes) => notes is null || notes.Count == 0 ? null : new ImportRowNotes(notes);

    /// <summary>Compares any two lists of notes as this type compares itself: note by note.</summary>
    public static IEqualityComparer<IReadOnlyList<ImportRowNote>> ByValue { get; } = new ValueComparer();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IReadOnlyList<ImportRowNote> other && ByValue.Equals(this, other);

    /// <inheritdoc/>
    public override int GetHashCode() => ByValue.GetHashCode(this);

    private sealed class ValueComparer : IEqualityComparer<IReadOnlyList<ImportRowNote>>
    {
        // Indexed loops: the row log compares a row's notes as it writes the row, and a foreach over the interface allocates.
        public bool Equals(IReadOnlyList<ImportRowNote>? x, IReadOnlyList<ImportRowNote>? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || x.Count != y.Count)
            {
                return false;
            }

            for (var i = 0; i < x.Count; i++)
            {
                if (!EqualityComparer<ImportRowNote>.Default.Equals(x[i], y[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(IReadOnlyList<ImportRowNote> notes)
        {
            var hash = new HashCode();
            for (var i = 0; i < notes.Count; i++)
            {
                hash.Add(notes[i]);
            }

            return hash.ToHashCode();
        }
    }
}
