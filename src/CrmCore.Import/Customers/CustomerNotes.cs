using System.Globalization;
using CrmCore.Import.Localization;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Customers;

/// <summary>The notes a customer import puts on a row (<see cref="ImportRowNote"/>): their codes, and their texts from the
/// <c>Note_</c> resources (the code is the key without <c>Note_</c> and without a wording's <c>_Variant</c>).</summary>
internal static class CustomerNotes
{
    /// <summary>A number after the row's first, kept as a contact of its own.</summary>
    public const string SecondPhone = "SecondPhone";

    /// <summary>Text of a contact cell that no field holds (a remark in brackets, text with digits that is no number).</summary>
    public const string Remark = "Remark";

    /// <summary>A number whose extension mark has nothing after it (<c>010-88889999转</c>): the line is kept without an extension.</summary>
    public const string EmptyExtension = "EmptyExtension";

    /// <summary>A whole phone number after an extension mark (<c>010-88889999转13800030001</c>): kept as another number, not as an
    /// extension.</summary>
    public const string PhoneAfterExtensionMark = "PhoneAfterExtensionMark";

    /// <summary>More digits after an extension mark than an extension has (at most 6) that are no phone number (<c>010-88889999转1234567</c>):
    /// not kept; the line is kept without an extension.</summary>
    public const string ExtensionTooLong = "ExtensionTooLong";

    /// <summary>A contact without a name, stored under the placeholder name.</summary>
    public const string UnnamedContact = "UnnamedContact";

    /// <summary>A contact name the import had given another number's contact (<c>张三 (2)</c>): the row's contact is kept under another.</summary>
    public const string NameTaken = "NameTaken";

    /// <summary>A contact stored under the placeholder name, named by a row with its number (or e-mail, or address).</summary>
    public const string ContactNamed = "ContactNamed";

    /// <summary>A new customer without a first-contact date, given one.</summary>
    public const string FirstContactDefaulted = "FirstContactDefaulted";

    /// <summary>A note on a cell (column -1: on none).</summary>
    public static ImportRowNote Note(string key, CultureInfo? culture, int column, string? header, params object?[] args)
    {
        var code = key["Note_".Length..];
        var variant = code.IndexOf('_', StringComparison.Ordinal);
        return new ImportRowNote(column >= 0 ? header : null, column + 1, variant < 0 ? code : code[..variant], ImportStrings.Format(key, culture, args));
    }
}
