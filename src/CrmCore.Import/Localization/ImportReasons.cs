namespace CrmCore.Import.Localization;

/// <summary>
/// The reasons of ImportStrings.resx, one field per <c>Reason_</c> key (a test checks that every key has its field and every field its
/// key, and that docs/import.md lists every code). Thread-safe (immutable).
/// </summary>
internal static class ImportReasons
{
    /// <summary><c>Reason_Required</c>.</summary>
    public static readonly ImportReason Required = new("Reason_Required", ImportStrings.Resources);

    /// <summary><c>Reason_Date</c>.</summary>
    public static readonly ImportReason Date = new("Reason_Date", ImportStrings.Resources);

    /// <summary><c>Reason_AlreadyImported</c>: a row an earlier run of the same file and mapping committed, not applied again.</summary>
    public static readonly ImportReason AlreadyImported = new("Reason_AlreadyImported", ImportStrings.Resources);

    /// <summary><c>Reason_Amount</c>.</summary>
    public static readonly ImportReason Amount = new("Reason_Amount", ImportStrings.Resources);

    /// <summary><c>Reason_Phone</c>.</summary>
    public static readonly ImportReason Phone = new("Reason_Phone", ImportStrings.Resources);

    /// <summary><c>Reason_Email</c>.</summary>
    public static readonly ImportReason Email = new("Reason_Email", ImportStrings.Resources);

    /// <summary><c>Reason_Number</c>.</summary>
    public static readonly ImportReason Number = new("Reason_Number", ImportStrings.Resources);

    /// <summary><c>Reason_TooLong</c>.</summary>
    public static readonly ImportReason TooLong = new("Reason_TooLong", ImportStrings.Resources);

    /// <summary><c>Reason_Invalid</c>.</summary>
    public static readonly ImportReason Invalid = new("Reason_Invalid", ImportStrings.Resources);

    /// <summary><c>Reason_Blank</c>.</summary>
    public static readonly ImportReason Blank = new("Reason_Blank", ImportStrings.Resources);

    /// <summary><c>Reason_Totals</c>.</summary>
    public static readonly ImportReason Totals = new("Reason_Totals", ImportStrings.Resources);

    /// <summary><c>Reason_RepeatedHeader</c>.</summary>
    public static readonly ImportReason RepeatedHeader = new("Reason_RepeatedHeader", ImportStrings.Resources);

    /// <summary><c>Reason_Merged</c>.</summary>
    public static readonly ImportReason Merged = new("Reason_Merged", ImportStrings.Resources);

    /// <summary><c>Reason_Same</c>.</summary>
    public static readonly ImportReason Same = new("Reason_Same", ImportStrings.Resources);

    /// <summary><c>Reason_Held</c>.</summary>
    public static readonly ImportReason Held = new("Reason_Held", ImportStrings.Resources);

    /// <summary><c>Reason_Merged_Similar</c>: merged by a similar company name, with how alike (code <c>Merged</c>).</summary>
    public static readonly ImportReason MergedSimilar = new("Reason_Merged_Similar", ImportStrings.Resources);

    /// <summary><c>Reason_Same_Similar</c>: nothing new, matched by a similar company name (code <c>Same</c>).</summary>
    public static readonly ImportReason SameSimilar = new("Reason_Same_Similar", ImportStrings.Resources);

    /// <summary><c>Reason_Held_Similar</c>: held, matched by a similar company name (code <c>Held</c>).</summary>
    public static readonly ImportReason HeldSimilar = new("Reason_Held_Similar", ImportStrings.Resources);

    /// <summary><c>Reason_OwnId</c>: inserted although its company name is similar to another customer's, because it has its own id.</summary>
    public static readonly ImportReason OwnId = new("Reason_OwnId", ImportStrings.Resources);

    /// <summary><c>Reason_OwnId_Same</c>: inserted although its phone, e-mail or company name is the same as another customer's with an
    /// id, because it has its own id (code <c>OwnId</c>).</summary>
    public static readonly ImportReason OwnIdSame = new("Reason_OwnId_Same", ImportStrings.Resources);

    /// <summary><c>Reason_Conflict</c>.</summary>
    public static readonly ImportReason Conflict = new("Reason_Conflict", ImportStrings.Resources);

    /// <summary><c>Reason_BatchConflict</c>.</summary>
    public static readonly ImportReason BatchConflict = new("Reason_BatchConflict", ImportStrings.Resources);

    /// <summary><c>Reason_DateTime</c>.</summary>
    public static readonly ImportReason DateTime = new("Reason_DateTime", ImportStrings.Resources);

    /// <summary><c>Reason_Range</c>.</summary>
    public static readonly ImportReason Range = new("Reason_Range", ImportStrings.Resources);

    /// <summary><c>Reason_Choice</c>.</summary>
    public static readonly ImportReason Choice = new("Reason_Choice", ImportStrings.Resources);

    /// <summary><c>Reason_DuplicateKey</c>.</summary>
    public static readonly ImportReason DuplicateKey = new("Reason_DuplicateKey", ImportStrings.Resources);

    /// <summary><c>Reason_CustomerUnknown</c>.</summary>
    public static readonly ImportReason CustomerUnknown = new("Reason_CustomerUnknown", ImportStrings.Resources);

    /// <summary><c>Reason_CustomerUnknown_Suggest</c>: the same code, naming the stored customers the row may have meant.</summary>
    public static readonly ImportReason CustomerUnknownSuggest = new("Reason_CustomerUnknown_Suggest", ImportStrings.Resources);

    /// <summary><c>Reason_CustomerAmbiguous</c>.</summary>
    public static readonly ImportReason CustomerAmbiguous = new("Reason_CustomerAmbiguous", ImportStrings.Resources);

    /// <summary><c>Reason_CustomerChanged</c>.</summary>
    public static readonly ImportReason CustomerChanged = new("Reason_CustomerChanged", ImportStrings.Resources);

    /// <summary><c>Reason_StatusMove</c>.</summary>
    public static readonly ImportReason StatusMove = new("Reason_StatusMove", ImportStrings.Resources);

    /// <summary><c>Reason_Before</c>.</summary>
    public static readonly ImportReason Before = new("Reason_Before", ImportStrings.Resources);

    /// <summary><c>Reason_RepeatedKey</c>: a JSON object gives one name twice (the row is rejected; its second value would replace the first).</summary>
    public static readonly ImportReason RepeatedKey = new("Reason_RepeatedKey", ImportStrings.Resources);

    /// <summary><c>Reason_RepeatedKey_Cleaned</c>: a JSON object gives two names that clean to one column (code <c>RepeatedKey</c>).</summary>
    public static readonly ImportReason RepeatedKeyCleaned = new("Reason_RepeatedKey_Cleaned", ImportStrings.Resources);

    /// <summary><c>Reason_FormulaNoValue</c>: an .xlsx cell holds a formula whose result the file does not hold (the row is rejected).</summary>
    public static readonly ImportReason FormulaNoValue = new("Reason_FormulaNoValue", ImportStrings.Resources);

    /// <summary><c>Reason_TicketUnknown</c>.</summary>
    public static readonly ImportReason TicketUnknown = new("Reason_TicketUnknown", ImportStrings.Resources);
}
