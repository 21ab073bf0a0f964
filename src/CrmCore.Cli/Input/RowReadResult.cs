namespace CrmCore.Cli.Input;

/// <summary>The outcome of reading one input file: the good rows and every problem, in file order.</summary>
/// <typeparam name="TRow">The row model.</typeparam>
internal sealed class RowReadResult<TRow>
{
    public RowReadResult(IReadOnlyList<SourceRow<TRow>> rows, IReadOnlyList<RowProblem> problems, int rejectedRows, bool stoppedEarly)
    {
        Rows = rows;
        Problems = problems;
        RejectedRows = rejectedRows;
        StoppedEarly = stoppedEarly;
    }

    /// <summary>Gets the rows that were read without a problem that rejects them.</summary>
    public IReadOnlyList<SourceRow<TRow>> Rows { get; }

    /// <summary>Gets every problem found (all of them, or only the first with <c>--strict</c>).</summary>
    public IReadOnlyList<RowProblem> Problems { get; }

    /// <summary>Gets how many rows were rejected.</summary>
    public int RejectedRows { get; }

    /// <summary>Gets a value indicating whether reading stopped at the first problem (<c>--strict</c>, or a malformed file).</summary>
    public bool StoppedEarly { get; }

    /// <summary>Gets a value indicating whether the file was read without any problem.</summary>
    public bool IsClean => Problems.Count == 0;
}
