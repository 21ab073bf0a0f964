namespace CrmCore.Import.Tables;

/// <summary>
/// What a table's current batch has staged and what its earlier batches committed: states by id with the version each save must
/// expect, and the line each row key was first seen on (a later row with the same key is a duplicate). A batch that fails forgets its
/// staged states and their keys, so a re-read row is not taken for a duplicate of a row that was never written. Not thread-safe.
/// </summary>
/// <typeparam name="TId">The stored entity's id.</typeparam>
/// <typeparam name="TState">The stored entity's state.</typeparam>
/// <typeparam name="TKey">A row's key (the id itself, or for example an id with a time).</typeparam>
internal sealed class BatchStage<TId, TState, TKey>
    where TId : notnull
    where TState : class
    where TKey : notnull
{
    private readonly Dictionary<TId, TState> _committed = [];
    private readonly Dictionary<TId, (TState State, long Expected)> _staged = [];
    private readonly Dictionary<TKey, int> _lineOf = [];
    private readonly List<TKey> _stagedKeys = [];

    /// <summary>The line a row with this key was first seen on in the file, if any.</summary>
    public bool TryGetLine(TKey key, out int line) => _lineOf.TryGetValue(key, out line);

    /// <summary>Records the line a row key is first seen on (its outcome may still be "unchanged").</summary>
    public void Seen(TKey key, int line) => _lineOf[key] = line;

    /// <summary>The state an earlier batch of this import committed, or null.</summary>
    public TState? Committed(TId id) => _committed.GetValueOrDefault(id);

    /// <summary>The state this batch staged for an id, with the version its save expects.</summary>
    public bool TryGetStaged(TId id, out (TState State, long Expected) staged) => _staged.TryGetValue(id, out staged);

    /// <summary>Stages a state for the batch's write.</summary>
    public void Stage(TKey key, TId id, TState state, long expected)
    {
        _staged[id] = (state, expected);
        _stagedKeys.Add(key);
    }

    /// <summary>Saves every staged state, each expecting its version.</summary>
    public async ValueTask WriteAsync(Func<TState, long, CancellationToken, ValueTask> save, CancellationToken cancellationToken)
    {
        foreach (var (state, expected) in _staged.Values)
        {
            await save(state, expected, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The batch committed: its states become what later batches compare with.</summary>
    public void Commit()
    {
        foreach (var (id, (state, _)) in _staged)
        {
            _committed[id] = state;
        }

        _staged.Clear();
        _stagedKeys.Clear();
    }

    /// <summary>The batch failed: its staged states and their keys are forgotten.</summary>
    public void Abort()
    {
        foreach (var key in _stagedKeys)
        {
            _lineOf.Remove(key);
        }

        _staged.Clear();
        _stagedKeys.Clear();
    }
}
