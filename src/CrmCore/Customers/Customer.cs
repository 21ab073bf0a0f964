using System.Collections.ObjectModel;
using CrmCore.Agents;
using CrmCore.Interactions;
using NodaTime;

namespace CrmCore.Customers;

/// <summary>
/// A customer (客户) and everything the service desk keeps about it: profile, contacts, transactions, account manager, preferences,
/// tier, tags and the do-not-contact flag. Create customers with <see cref="CustomerFactory"/> (which reads the creation instant from the
/// injected <see cref="IClock"/>); bring a stored one back with <see cref="Restore"/>. The customer holds no clock: every change takes
/// "now" as an argument, goes through a method, adds one <see cref="Version"/> and raises a past-tense event in
/// <see cref="DomainEvents"/>. Tags and preference tags are trimmed, compared ordinally and may be Chinese (<c>近期有投诉记录</c>).
/// Not thread-safe: use one customer from one thread at a time.
/// </summary>
public sealed class Customer
{
    private const int MaxTagLength = 100;
    private readonly List<Contact> contacts = [];
    private readonly SortedSet<string> tags = new(StringComparer.Ordinal);
    private readonly SortedSet<string> preferences = new(StringComparer.Ordinal);
    private readonly List<IDomainEvent> events = [];
    private readonly ReadOnlyCollection<Contact> contactsView;
    private readonly ReadOnlySet<string> tagsView;
    private readonly ReadOnlySet<string> preferencesView;
    private readonly ReadOnlyCollection<IDomainEvent> eventsView;

    internal Customer(CustomerId id, CustomerProfile profile, Instant now)
        : this(CreateState(id, profile, now))
    {
        Transactions = profile.Transactions ?? TransactionSummary.None;
        events.Add(new CustomerRegistered(id, CreatedAt, Name));
    }

    private Customer(CustomerState state)
    {
        contactsView = contacts.AsReadOnly();
        tagsView = new ReadOnlySet<string>(tags);
        preferencesView = new ReadOnlySet<string>(preferences);
        eventsView = events.AsReadOnly();
        Id = state.Id;
        Version = state.Version;
        SetNames(state.Name, state.ShortName);
        Industry = state.Industry;
        Size = state.Size;
        Source = state.Source;
        FirstContactOn = state.FirstContactOn;
        CreatedAt = state.CreatedAt;
        AccountManager = state.AccountManager is { IsEmpty: false } manager ? manager : null;
        Transactions = new TransactionSummary(state.FirstCooperationOn, state.AnnualAmount, state.Products, state.OrdersPerYear);
        foreach (var contact in state.Contacts)
        {
            AddContactCore(contact);
        }

        foreach (var preference in state.PreferenceTags)
        {
            preferences.Add(CheckTag(preference, nameof(state)));
        }

        Tier = state.Tier is null ? null : CheckTag(state.Tier, nameof(state));
        foreach (var tag in state.Tags)
        {
            tags.Add(CheckTag(tag, nameof(state)));
        }

        DoNotContactSince = state.DoNotContactSince;
        DoNotContactReason = DoNotContactSince is null ? null : state.DoNotContactReason;
        LastInteractionAt = state.LastInteractionAt;
    }

    /// <summary>How many changes the customer has had: 1 when created, one more for every method call that changed it. A store compares
    /// it to refuse a save made from a stale copy (optimistic concurrency).</summary>
    public long Version { get; private set; }

    /// <summary>The customer id.</summary>
    public CustomerId Id { get; }

    /// <summary>The full name.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The short name, or null.</summary>
    public string? ShortName { get; private set; }

    /// <summary>The industry; the default instance (empty code) when unknown.</summary>
    public Industry Industry { get; private set; }

    /// <summary>The company size.</summary>
    public CompanySize Size { get; private set; }

    /// <summary>The channel of first contact; the default instance (empty code) when unknown.</summary>
    public CustomerSource Source { get; }

    /// <summary>The date of first contact.</summary>
    public LocalDate FirstContactOn { get; }

    /// <summary>When the record was created.</summary>
    public Instant CreatedAt { get; }

    /// <summary>The contacts, in the order added.</summary>
    public IReadOnlyList<Contact> Contacts => contactsView;

    /// <summary>The transaction summary; <see cref="TransactionSummary.None"/> until set.</summary>
    public TransactionSummary Transactions { get; private set; }

    /// <summary>The account manager (负责客户经理), or null.</summary>
    public AgentId? AccountManager { get; private set; }

    /// <summary>Preference tags such as "prefers phone", in ordinal order.</summary>
    public IReadOnlySet<string> PreferenceTags => preferencesView;

    /// <summary>The value tier (for example <c>A</c> or <c>高价值</c>) as decided by tier rules, or null when none was assigned.</summary>
    public string? Tier { get; private set; }

    /// <summary>The dynamic tags, in ordinal order.</summary>
    public IReadOnlySet<string> Tags => tagsView;

    /// <summary>True while the customer asked not to be contacted proactively. The record is kept; the flag ends when the customer gets in touch.</summary>
    public bool DoNotContact => DoNotContactSince is not null;

    /// <summary>When the customer asked not to be contacted, or null when proactive contact is allowed.</summary>
    public Instant? DoNotContactSince { get; private set; }

    /// <summary>What the customer said when opting out, or null.</summary>
    public string? DoNotContactReason { get; private set; }

    /// <summary>The latest recorded interaction, or null. Activity rules (active, silent) read it.</summary>
    public Instant? LastInteractionAt { get; private set; }

    /// <summary>The events raised since the last <see cref="ClearDomainEvents"/>, oldest first.</summary>
    public IReadOnlyList<IDomainEvent> DomainEvents => eventsView;

    /// <summary>Changes the names.</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="name">The full name; not blank.</param>
    /// <param name="shortName">The short name, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank.</exception>
    public void Rename(Instant now, string name, string? shortName)
    {
        SetNames(name, shortName);
        Changed(now, CustomerDetail.Names);
    }

    /// <summary>Changes the industry.</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="industry">The industry.</param>
    public void ChangeIndustry(Instant now, Industry industry)
    {
        Industry = industry;
        Changed(now, CustomerDetail.Industry);
    }

    /// <summary>Changes the company size.</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="size">The size.</param>
    public void ChangeSize(Instant now, CompanySize size)
    {
        Size = size;
        Changed(now, CustomerDetail.Size);
    }

    /// <summary>Adds a contact.</summary>
    /// <param name="contact">The contact; its name must not be used by another contact of this customer.</param>
    /// <param name="now">When it happens.</param>
    /// <exception cref="ArgumentException">A contact with the same name exists.</exception>
    public void AddContact(Instant now, Contact contact)
    {
        AddContactCore(contact);
        Changed(now, CustomerDetail.Contacts);
    }

    /// <summary>Replaces the contact with the same name.</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="contact">The new data.</param>
    /// <exception cref="ArgumentException">No contact has that name.</exception>
    public void UpdateContact(Instant now, Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var index = IndexOfContact(contact.Name);
        if (index < 0)
        {
            throw new ArgumentException($"Customer {Id} has no contact named '{contact.Name}'.", nameof(contact));
        }

        contacts[index] = contact;
        Changed(now, CustomerDetail.Contacts);
    }

    /// <summary>Renames a contact: it keeps its role, phone, e-mail and address under the new name (a contact first stored under a
    /// placeholder name, say, once someone tells its real one).</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="name">The contact's name now.</param>
    /// <param name="newName">Its new name; no other contact of this customer may have it.</param>
    /// <returns>False when the new name is the name it has (nothing changes).</returns>
    /// <exception cref="ArgumentException">No contact has <paramref name="name"/>, the new name is blank, or another contact has it.</exception>
    public bool RenameContact(Instant now, string name, string newName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(newName);
        var index = IndexOfContact(name?.Trim() ?? string.Empty);
        if (index < 0)
        {
            throw new ArgumentException($"Customer {Id} has no contact named '{name}'.", nameof(name));
        }

        var renamed = contacts[index] with { Name = newName };
        if (string.Equals(renamed.Name, contacts[index].Name, StringComparison.Ordinal))
        {
            return false;
        }

        if (IndexOfContact(renamed.Name) >= 0)
        {
            throw new ArgumentException($"Customer {Id} already has a contact named '{renamed.Name}'.", nameof(newName));
        }

        contacts[index] = renamed;
        Changed(now, CustomerDetail.Contacts);
        return true;
    }

    private void AddContactCore(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (IndexOfContact(contact.Name) >= 0)
        {
            throw new ArgumentException($"Customer {Id} already has a contact named '{contact.Name}'.", nameof(contact));
        }

        contacts.Add(contact);
    }

    /// <summary>Removes a contact.</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="name">The contact's name.</param>
    /// <returns>False when no contact has that name.</returns>
    public bool RemoveContact(Instant now, string name)
    {
        var index = IndexOfContact(name?.Trim() ?? string.Empty);
        if (index < 0)
        {
            return false;
        }

        contacts.RemoveAt(index);
        Changed(now, CustomerDetail.Contacts);
        return true;
    }

    /// <summary>Replaces the transaction summary.</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="transactions">The new summary.</param>
    public void UpdateTransactions(Instant now, TransactionSummary transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        Transactions = transactions;
        Changed(now, CustomerDetail.Transactions);
    }

    /// <summary>Makes an agent the account manager; raises <see cref="CustomerAccountManagerChanged"/>.</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="manager">The agent; not empty.</param>
    /// <returns>False (nothing raised) when the agent already is the manager.</returns>
    /// <exception cref="ArgumentException">The agent id is empty.</exception>
    public bool AssignAccountManager(Instant now, AgentId manager)
    {
        if (manager.IsEmpty)
        {
            throw new ArgumentException("The account manager id is empty.", nameof(manager));
        }

        if (AccountManager == manager)
        {
            return false;
        }

        var previous = AccountManager;
        AccountManager = manager;
        Raise(new CustomerAccountManagerChanged(Id, now, previous, manager));
        return true;
    }

    /// <summary>Adds a preference tag (for example "prefers phone").</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="preference">The tag; not blank, at most 100 characters; trimmed.</param>
    /// <returns>False when the customer already has it.</returns>
    /// <exception cref="ArgumentException">The tag is blank or too long.</exception>
    public bool AddPreference(Instant now, string preference) =>
        preferences.Add(CheckTag(preference, nameof(preference))) && Changed(now, CustomerDetail.Preferences);

    /// <summary>Removes a preference tag.</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="preference">The tag.</param>
    /// <returns>False when the customer did not have it.</returns>
    public bool RemovePreference(Instant now, string preference) =>
        preference is not null && preferences.Remove(preference.Trim()) && Changed(now, CustomerDetail.Preferences);

    /// <summary>Sets the value tier; raises <see cref="CustomerTierChanged"/> when it changes.</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="tier">The tier name (for example <c>A</c> or <c>高价值</c>); not blank, at most 100 characters; trimmed.</param>
    /// <param name="reason">Why (for example the deciding rule), or null.</param>
    /// <returns>False (nothing raised) when the customer already has that tier.</returns>
    /// <exception cref="ArgumentException">The tier is blank or too long.</exception>
    public bool AssignTier(Instant now, string tier, string? reason = null)
    {
        tier = CheckTag(tier, nameof(tier));
        if (string.Equals(Tier, tier, StringComparison.Ordinal))
        {
            return false;
        }

        var previous = Tier;
        Tier = tier;
        Raise(new CustomerTierChanged(Id, now, previous, tier, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()));
        return true;
    }

    /// <summary>Adds a tag; raises <see cref="CustomerTagged"/> when it is new. Tagging twice changes nothing.</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="tag">The tag (for example <c>近期有投诉记录</c>); not blank, at most 100 characters; trimmed.</param>
    /// <returns>False (nothing raised) when the customer already has it.</returns>
    /// <exception cref="ArgumentException">The tag is blank or too long.</exception>
    public bool Tag(Instant now, string tag)
    {
        tag = CheckTag(tag, nameof(tag));
        if (!tags.Add(tag))
        {
            return false;
        }

        Raise(new CustomerTagged(Id, now, tag));
        return true;
    }

    /// <summary>Removes a tag; raises <see cref="CustomerUntagged"/> when it was there.</summary>
    /// <param name="now">When it happens.</param>
    /// <param name="tag">The tag.</param>
    /// <returns>False (nothing raised) when the customer did not have it.</returns>
    public bool Untag(Instant now, string tag)
    {
        if (tag is null || !tags.Remove(tag.Trim()))
        {
            return false;
        }

        Raise(new CustomerUntagged(Id, now, tag.Trim()));
        return true;
    }

    /// <summary>
    /// Records that the customer asked not to be contacted proactively (客户明确表示“无需联系”); raises <see cref="CustomerOptedOutOfContact"/>.
    /// The record is kept. Outbound interactions are refused until the customer gets in touch (an inbound interaction).
    /// </summary>
    /// <param name="now">When it happens.</param>
    /// <param name="reason">What the customer said, or null.</param>
    /// <returns>False (nothing raised) when the customer had already opted out.</returns>
    public bool OptOutOfContact(Instant now, string? reason = null)
    {
        if (DoNotContact)
        {
            return false;
        }

        DoNotContactSince = now;
        DoNotContactReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Raise(new CustomerOptedOutOfContact(Id, DoNotContactSince.Value, DoNotContactReason));
        return true;
    }

    /// <summary>
    /// Applies an interaction to the customer: updates <see cref="LastInteractionAt"/>, and for an inbound one from a customer who had
    /// opted out, lifts the opt-out and raises <see cref="CustomerContactResumed"/>. The interaction itself is stored by the host.
    /// </summary>
    /// <param name="now">When it happens.</param>
    /// <param name="interaction">The interaction; must be for this customer.</param>
    /// <exception cref="ArgumentException">The interaction is for another customer.</exception>
    /// <exception cref="CustomerContactRefusedException">The interaction is outbound and the customer opted out of contact.</exception>
    public void RecordInteraction(Instant now, Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.CustomerId != Id)
        {
            throw new ArgumentException($"The interaction is for customer {interaction.CustomerId}, not {Id}.", nameof(interaction));
        }

        if (interaction.Direction == InteractionDirection.Outbound && DoNotContact)
        {
            throw new CustomerContactRefusedException(Id);
        }

        if (LastInteractionAt is null || interaction.At > LastInteractionAt)
        {
            LastInteractionAt = interaction.At;
        }

        if (interaction.Direction == InteractionDirection.Inbound && DoNotContact)
        {
            DoNotContactSince = null;
            DoNotContactReason = null;
            Raise(new CustomerContactResumed(Id, now, interaction.Channel));
            return;
        }

        Changed(now, CustomerDetail.LastInteraction);
    }

    /// <summary>Creates a customer with an id the caller took; raises <see cref="CustomerRegistered"/>. <see cref="CustomerFactory"/> does the
    /// same with its clock and id generator.</summary>
    /// <param name="id">The id; must not be empty.</param>
    /// <param name="profile">The profile; the name must not be blank.</param>
    /// <param name="now">When it is created.</param>
    /// <returns>The customer, version 1.</returns>
    /// <exception cref="ArgumentException">The id is empty or the profile is invalid.</exception>
    public static Customer Create(CustomerId id, CustomerProfile profile, Instant now) => new(id, profile, now);

    /// <summary>
    /// The state a new customer would snapshot, without building the aggregate or its events: the same as <see cref="Create"/> followed,
    /// when <paramref name="tier"/> is given, by <see cref="AssignTier"/>, then <see cref="ToState"/>, and checked the same way (this is
    /// the one place where a new customer's profile is validated; <see cref="Create"/> goes through it). For bulk creation such as an
    /// import, where the state goes straight to a store and no event is dispatched.
    /// </summary>
    /// <param name="id">The id; must not be empty.</param>
    /// <param name="profile">The profile; the name must not be blank and no two contacts may share a name.</param>
    /// <param name="now">When it is created.</param>
    /// <param name="tier">The value tier to start with (not blank, at most 100 characters; trimmed), or null for none.</param>
    /// <returns>The state: version 1, or 2 with a tier (the tier assignment is a change, as on the aggregate).</returns>
    /// <exception cref="ArgumentException">The id is empty, the profile is invalid or the tier is blank or too long.</exception>
    public static CustomerState CreateState(CustomerId id, CustomerProfile profile, Instant now, string? tier = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var contacts = profile.Contacts is { Count: > 0 } given ? new Contact[given.Count] : [];
        for (var i = 0; i < contacts.Length; i++)
        {
            contacts[i] = profile.Contacts![i];
        }

        return CreateState(id, profile, now, tier, contacts);
    }

    /// <summary>
    /// <see cref="CreateState(CustomerId, CustomerProfile, Instant, string?)"/> with the contacts in an array of the caller's own that
    /// becomes the state's as it is (no copy; the caller must not change it after), in place of <see cref="CustomerProfile.Contacts"/>,
    /// which is not read. Checked the same way: no contact may be null and no two may share a name.
    /// </summary>
    internal static CustomerState CreateState(CustomerId id, CustomerProfile profile, Instant now, string? tier, Contact[] contacts)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(contacts);
        if (id.IsEmpty)
        {
            throw new ArgumentException("The customer id is empty.", nameof(id));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(profile.Name, "profile.Name");
        for (var i = 0; i < contacts.Length; i++)
        {
            var contact = contacts[i];
            ArgumentNullException.ThrowIfNull(contact);
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(contacts[j].Name, contact.Name, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Customer {id} already has a contact named '{contact.Name}'.", "profile.Contacts");
                }
            }
        }

        var transactions = profile.Transactions ?? TransactionSummary.None;
        return new CustomerState
        {
            Id = id,
            Version = tier is null ? 1 : 2,
            Name = profile.Name.Trim(),
            ShortName = string.IsNullOrWhiteSpace(profile.ShortName) ? null : profile.ShortName.Trim(),
            Industry = profile.Industry,
            Size = profile.Size,
            Source = profile.Source,
            FirstContactOn = profile.FirstContactOn,
            CreatedAt = now,
            Contacts = contacts,
            FirstCooperationOn = transactions.FirstCooperationOn,
            AnnualAmount = transactions.AnnualAmount,
            Products = transactions.Products,
            OrdersPerYear = transactions.OrdersPerYear,
            AccountManager = profile.AccountManager is { IsEmpty: false } manager ? manager : null,
            Tier = tier is null ? null : CheckTag(tier, nameof(tier)),
        };
    }

    /// <summary>
    /// Brings back a stored customer from its state without replaying changes and without raising events.
    /// </summary>
    /// <param name="state">The stored state (from <see cref="ToState"/> or a store).</param>
    /// <returns>The customer, with <see cref="Version"/> as stored and no pending events.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">The state is inconsistent (empty id or name, version below 1, duplicate contacts, a tag that
    /// is blank or too long); the message names the customer.</exception>
    public static Customer Restore(CustomerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Id.IsEmpty || state.Version < 1)
        {
            throw new ArgumentException($"The stored state of customer '{state.Id}' has an empty id or a version below 1.", nameof(state));
        }

        try
        {
            return new Customer(state);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The stored state of customer {state.Id} cannot be restored: {e.Message}", nameof(state), e);
        }
    }

    /// <summary>The customer's state as plain data for a store: everything <see cref="Restore"/> needs, pending events excluded.</summary>
    /// <returns>A new snapshot; later changes do not show in it.</returns>
    public CustomerState ToState() => new()
    {
        Id = Id,
        Version = Version,
        Name = Name,
        ShortName = ShortName,
        Industry = Industry,
        Size = Size,
        Source = Source,
        FirstContactOn = FirstContactOn,
        CreatedAt = CreatedAt,
        Contacts = [.. contacts],
        FirstCooperationOn = Transactions.FirstCooperationOn,
        AnnualAmount = Transactions.AnnualAmount,
        Products = [.. Transactions.Products],
        OrdersPerYear = Transactions.OrdersPerYear,
        AccountManager = AccountManager,
        PreferenceTags = [.. preferences],
        Tier = Tier,
        Tags = [.. tags],
        DoNotContactSince = DoNotContactSince,
        DoNotContactReason = DoNotContactReason,
        LastInteractionAt = LastInteractionAt,
    };

    /// <summary>Empties <see cref="DomainEvents"/>, typically after the host dispatched them.</summary>
    public void ClearDomainEvents() => events.Clear();

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Name}";

    private static string CheckTag(string value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        value = value.Trim();
        return value.Length <= MaxTagLength ? value : throw new ArgumentException($"A tag or tier is at most {MaxTagLength} characters long.", paramName);
    }

    private void SetNames(string name, string? shortName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        ShortName = string.IsNullOrWhiteSpace(shortName) ? null : shortName.Trim();
    }

    private void Raise(IDomainEvent e)
    {
        events.Add(e);
        Version++;
    }

    private bool Changed(Instant now, CustomerDetail detail)
    {
        Raise(new CustomerDetailsChanged(Id, now, detail));
        return true;
    }

    private int IndexOfContact(string name) => contacts.FindIndex(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
