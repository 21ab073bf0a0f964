namespace CrmCore.Audit;

/// <summary>What broke an audit trail (<see cref="AuditFinding.Kind"/>).</summary>
public enum AuditFindingKind
{
    /// <summary>A record names a chain that does not exist (<see cref="AuditFinding.Chain"/>).</summary>
    UnknownChain,

    /// <summary>A record's sequence is not above the one before it (<see cref="AuditFinding.OtherSequence"/>): the trail is out of order.</summary>
    OutOfOrder,

    /// <summary>The first record of its chain does not carry the chain's start hash: a record before it was deleted, or it was inserted or reordered.</summary>
    ChainStartMismatch,

    /// <summary>A record does not carry the hash of the record before it in its chain (<see cref="AuditFinding.OtherSequence"/>): deleted, inserted or reordered.</summary>
    PreviousHashMismatch,

    /// <summary>A record's content does not match its hash: it was altered.</summary>
    Altered,

    /// <summary>A chain's record at or after the checkpoint's head is not that head (<see cref="AuditFinding.CheckpointSequence"/>, <see cref="AuditFinding.CheckpointHash"/>).</summary>
    CheckpointMismatch,

    /// <summary>A chain ends before the checkpoint's head (<see cref="AuditFinding.CheckpointSequence"/>), at <see cref="AuditFinding.OtherSequence"/> or
    /// with no records at all (null): its newest records were deleted.</summary>
    NewestDeleted,
}
