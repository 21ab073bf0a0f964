using System.Runtime.CompilerServices;

namespace CrmCore.Import.Reading;

/// <summary>
/// Makes the text of a CSV file's short cells into strings, each value once per column for as long as it keeps coming back (an
/// industry, a tier, an account manager, a date, a product list): per column a small table of the values seen last, one per slot. A
/// column whose values seldom come back (ids, phone numbers, e-mail addresses) is not looked up for a while after each trial of
/// <see cref="Trial"/> cells, so it costs little more than a new string per cell. A string handed out again is the same text as a new
/// one would be (strings never change): a row holds the same values either way, only fewer strings are made and kept alive with the
/// customers. Not thread-safe: one per reader.
/// </summary>
internal sealed class CellTextPool
{
    /// <summary>The longest cell looked up (longer ones are seldom repeated): 32 characters.</summary>
    internal const int MaxLength = 32;

    /// <summary>The columns that get a table (a file with more columns makes new strings for the rest): 64.</summary>
    internal const int MaxColumns = 64;

    /// <summary>Slots per column (a power of two).</summary>
    private const int Slots = 512;

    /// <summary>The cells of a column after which its share of values found decides whether it goes on being looked up.</summary>
    private const int Trial = 1024;

    /// <summary>The cells a column that found fewer than a quarter of its values skips before its next trial.</summary>
    private const int Pause = 64 * Trial;

    private readonly Column?[] _columns = new Column?[MaxColumns];

    /// <summary>The cell's text as a string: one the column handed out before when it holds the same text, else a new one.</summary>
    /// <param name="column">The 0-based column.</param>
    /// <param name="text">The cell's text.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string Get(int column, ReadOnlySpan<char> text) =>
        text.IsEmpty ? string.Empty
        : text.Length > MaxLength || (uint)column >= MaxColumns ? new string(text)
        : (_columns[column] ??= new Column()).Get(text);

    private sealed class Column
    {
        private readonly string?[] _slots = new string?[Slots];
        private int _tries;
        private int _found;
        private int _skip;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public string Get(ReadOnlySpan<char> text)
        {
            if (_skip > 0)
            {
                _skip--;
                return new string(text);
            }

            // FNV-1a over the characters: a poor spread only costs values found.
            var hash = 2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            ref var slot = ref _slots[(int)(hash ^ (hash >> 16)) & (Slots - 1)];
            string value;
            if (slot is { } known && known.AsSpan().SequenceEqual(text))
            {
                _found++;
                value = known;
            }
            else
            {
                value = slot = new string(text);
            }

            if (++_tries == Trial)
            {
                if (_found * 4 < _tries)
                {
                    // Few values come back: new strings for a while, and the values held now are let go.
                    _skip = Pause;
                    Array.Clear(_slots);
                }

                _tries = 0;
                _found = 0;
            }

            return value;
        }
    }
}
