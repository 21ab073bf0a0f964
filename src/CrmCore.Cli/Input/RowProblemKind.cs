namespace CrmCore.Cli.Input;

/// <summary>Why a row (or a whole file) was not read. Each kind has a stable diagnostic code.</summary>
internal enum RowProblemKind
{
    /// <summary>CLI101: a column or property that the row model does not know.</summary>
    UnknownColumn = 101,

    /// <summary>CLI102: a value that is not a number, or out of range.</summary>
    BadNumber = 102,

    /// <summary>CLI103: a value that is not a date or instant in ISO form.</summary>
    BadDate = 103,

    /// <summary>CLI104: a required value is empty or absent.</summary>
    MissingRequired = 104,

    /// <summary>CLI105: a value that is not one of the allowed words (booleans, urgencies, statuses) or has the wrong JSON type.</summary>
    BadValue = 105,

    /// <summary>CLI106: the file is not well-formed CSV, JSON or JSON Lines.</summary>
    Malformed = 106,

    /// <summary>CLI107: the same column appears twice in a header.</summary>
    DuplicateColumn = 107,

    /// <summary>CLI108: a second row with an id already used in the same file.</summary>
    DuplicateId = 108,

    /// <summary>CLI109: an instant before the one it cannot precede in the same row (<see cref="FieldSpec.NotBefore"/>).</summary>
    OutOfOrder = 109,
}
