using CrmCore.Agents;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Import.Customers;

/// <summary>One row's values after mapping and normalisation; null where the row has no value. The values most rows lack are kept in a
/// side object made only when a row has one (<see cref="RareValues"/>), which the properties hide.</summary>
internal sealed class CustomerRow
{
    private RareValues? _rare;

    public required int Line { get; init; }

    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? ShortName
    {
        get => _rare?.ShortName;
        set { if (RareFor(value is not null) is { } rare) { rare.ShortName = value; } }
    }

    public Industry? Industry { get; set; }

    public string? Tier { get; set; }

    public AgentId? AccountManager { get; set; }

    public string? ContactName { get; set; }

    public ContactRole? ContactRole
    {
        get => _rare?.ContactRole;
        set { if (RareFor(value is not null) is { } rare) { rare.ContactRole = value; } }
    }

    public string? Phone { get; set; }

    /// <summary>The phone's key (<see cref="Normalization.PhoneNormalizer.TryGetKey"/>) when <see cref="Phone"/> is set, so matching need not read the number again.</summary>
    public ulong PhoneKey { get; set; }

    /// <summary>The numbers after the first (a second phone column, a second number in a cell), each with the cell it came from: a
    /// contact holds one phone, so each becomes a contact of its own.</summary>
    public List<ExtraPhone>? ExtraPhones
    {
        get => _rare?.ExtraPhones;
        set { if (RareFor(value is not null) is { } rare) { rare.ExtraPhones = value; } }
    }

    /// <summary>What parsing did with the row's cells that the values do not show (text no field holds); null when nothing.</summary>
    public List<Reports.ImportRowNote>? Notes
    {
        get => _rare?.Notes;
        set { if (RareFor(value is not null) is { } rare) { rare.Notes = value; } }
    }

    public string? Email { get; set; }

    /// <summary>A contact name found in a phone cell (<c>张三 138…</c>), with its cell: the row's contact name when the row has none,
    /// else reported as not kept when it differs (whichever column comes first).</summary>
    public (string Value, int Column, string Header)? NameInPhoneCell
    {
        get => _rare?.NameInPhoneCell;
        set { if (RareFor(value is not null) is { } rare) { rare.NameInPhoneCell = value; } }
    }

    /// <summary>An e-mail address found in a phone cell, with its cell: the row's e-mail when the row has none, else reported as not
    /// kept when it differs.</summary>
    public (string Value, int Column, string Header)? EmailInPhoneCell
    {
        get => _rare?.EmailInPhoneCell;
        set { if (RareFor(value is not null) is { } rare) { rare.EmailInPhoneCell = value; } }
    }

    public string? Address { get; set; }

    public LocalDate? FirstContactOn { get; set; }

    public LocalDate? FirstCooperationOn { get; set; }

    public decimal? AnnualAmount { get; set; }

    public List<string>? Products { get; set; }

    public int? OrdersPerYear
    {
        get => _rare?.OrdersPerYear;
        set { if (RareFor(value is not null) is { } rare) { rare.OrdersPerYear = value; } }
    }

    public int? Employees
    {
        get => _rare?.Employees;
        set { if (RareFor(value is not null) is { } rare) { rare.Employees = value; } }
    }

    public decimal? AnnualRevenue
    {
        get => _rare?.AnnualRevenue;
        set { if (RareFor(value is not null) is { } rare) { rare.AnnualRevenue = value; } }
    }

    public CustomerSource? Source
    {
        get => _rare?.Source;
        set { if (RareFor(value is not null) is { } rare) { rare.Source = value; } }
    }

    public LocalDate? UpdatedOn
    {
        get => _rare?.UpdatedOn;
        set { if (RareFor(value is not null) is { } rare) { rare.UpdatedOn = value; } }
    }

    /// <summary>The id as a duplicate-index key made ready on the reading thread (not ready when the row has no id).</summary>
    public TableKey IdKey { get; set; }

    /// <summary>The e-mail address as a duplicate-index key made ready on the reading thread (not ready when the row has none).</summary>
    public TableKey EmailKey { get; set; }

    /// <summary>The company-name key (<see cref="Normalization.CompanyNameNormalizer.Key"/>) as a duplicate-index key made ready on the
    /// reading thread, with its text; not ready when the row has none.</summary>
    public (TableKey Key, string Text) NameKey { get; set; }

    /// <summary>Makes the row's duplicate-index keys ready (<see cref="IdKey"/>, <see cref="EmailKey"/>, <see cref="NameKey"/>).</summary>
    /// <param name="nameKey">The company-name key; empty for none.</param>
    public void PrepareKeys(string nameKey)
    {
        IdKey = Id is null ? default : new TableKey(Id);
        EmailKey = Email is null ? default : new TableKey(Email);
        NameKey = nameKey.Length == 0 ? default : (new TableKey(nameKey), nameKey);
    }

    public bool HasContact => ContactName is not null || Phone is not null || Email is not null || Address is not null;

    /// <summary>The side object to set a rare value in: made for the first value that is not null; for a null, the one there is, or none
    /// (a null needs no room).</summary>
    private RareValues? RareFor(bool hasValue) => hasValue ? _rare ??= new RareValues() : _rare;

    /// <summary>The values most rows have none of (columns a file seldom has, what a contact cell held besides one number, notes),
    /// kept apart so that a row without them costs none of their room: one object of about 200 bytes when a row has any.</summary>
    private sealed class RareValues
    {
        public string? ShortName;
        public ContactRole? ContactRole;
        public List<ExtraPhone>? ExtraPhones;
        public List<Reports.ImportRowNote>? Notes;
        public (string Value, int Column, string Header)? NameInPhoneCell;
        public (string Value, int Column, string Header)? EmailInPhoneCell;
        public int? OrdersPerYear;
        public int? Employees;
        public decimal? AnnualRevenue;
        public CustomerSource? Source;
        public LocalDate? UpdatedOn;
    }
}

/// <summary>A phone number after a row's first: its text (canonical, with its extension), its key, and the cell it came from.</summary>
internal readonly record struct ExtraPhone(string Phone, ulong Key, string Header, int Column);
