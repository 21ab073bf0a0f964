using System.Collections.ObjectModel;
using CrmCore.Agents;
using CrmCore.Interactions;
using NodaTime;

namespace CrmCore.Customers;

/// <summary>
/// A customer (客户) and everything the service desk keeps about it: profile, contacts, transactions, account manager, preferences,
/// tier, tags and the do-not-contact flag. Create customers with <see cref="CustomerFactory"/>, which supplies the injected
/// <see cref="IClock"/>. Collections are read-only views; changes go through methods, which raise past-tense events in
/// <see cref="DomainEvents"/>. Tags and preference tags are trimmed, compared ordinally and may be Chinese (<c>近期有投诉记录</c>).
/// Not thread-safe: use one customer from one thread at a time.
/// </summary>
public sealed class Customer
{
    private const int MaxTagLength = 100;
    private readonly IClock clock;
    private readonly List<Contact> contacts = [];
    private readonly SortedSet<string> tags = new(StringComparer.Ordinal);
    private readonly SortedSet<string> preferences = new(StringComparer.Ordinal);
    private readonly List<IDomainEvent> events = [];
    private readonly ReadOnlyCollection<Contact> contactsView;
    private readonly ReadOnlySet<string> tagsView;
    private readonly ReadOnlySet<string> preferencesView;
    private readonly ReadOnlyCollection<IDomainEvent> eventsView;

    internal Customer(CustomerId id, CustomerProfile profile, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (id.IsEmpty)
        {
            throw new ArgumentException("The customer id is empty.", nameof(id));
        }

        contactsView = contacts.AsReadOnly();
        tagsView = new ReadOnlySet<string>(tags);
        preferencesView = new ReadOnlySet<string>(preferences);
        eventsView = events.AsReadOnly();
        this.clock = clock;
        Id = id;
        Rename(profile.Name, profile.ShortName);
        Industry = profile.Industry;
        Size = profile.Size;
        Source = profile.Source;
        FirstContactOn = profile.FirstContactOn;
        AccountManager = profile.AccountManager is { IsEmpty: false } manager ? manager : null;
        Transactions = profile.Transactions ?? TransactionSummary.None;
        foreach (var contact in profile.Contacts ?? [])
        {
            AddContact(contact);
        }

        CreatedAt = clock.GetCurrentInstant();
        events.Add(new CustomerRegistered(id, CreatedAt, Name));
    }

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
    /// <param name="name">The full name; not blank.</param>
    /// <param name="shortName">The short name, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank.</exception>
    public void Rename(string name, string? shortName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        ShortName = string.IsNullOrWhiteSpace(shortName) ? null : shortName.Trim();
    }

    /// <summary>Changes the industry.</summary>
    /// <param name="industry">The industry.</param>
    public void ChangeIndustry(Industry industry) => Industry = industry;

    /// <summary>Changes the company size.</summary>
    /// <param name="size">The size.</param>
    public void ChangeSize(CompanySize size) => Size = size;

    /// <summary>Adds a contact.</summary>
    /// <param name="contact">The contact; its name must not be used by another contact of this customer.</param>
    /// <exception cref="ArgumentException">A contact with the same name exists.</exception>
    public void AddContact(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (IndexOfContact(contact.Name) >= 0)
        {
            throw new ArgumentException($"Customer {Id} already has a contact named '{contact.Name}'.", nameof(contact));
        }

        contacts.Add(contact);
    }

    /// <summary>Replaces the contact with the same name.</summary>
    /// <param name="contact">The new data.</param>
    /// <exception cref="ArgumentException">No contact has that name.</exception>
    public void UpdateContact(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var index = IndexOfContact(contact.Name);
        if (index < 0)
        {
            throw new ArgumentException($"Customer {Id} has no contact named '{contact.Name}'.", nameof(contact));
        }

        contacts[index] = contact;
    }

    /// <summary>Removes a contact.</summary>
    /// <param name="name">The contact's name.</param>
    /// <returns>False when no contact has that name.</returns>
    public bool RemoveContact(string name)
    {
        var index = IndexOfContact(name?.Trim() ?? string.Empty);
        if (index < 0)
        {
            return false;
        }

        contacts.RemoveAt(index);
        return true;
    }

    /// <summary>Replaces the transaction summary.</summary>
    /// <param name="transactions">The new summary.</param>
    public void UpdateTransactions(TransactionSummary transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        Transactions = transactions;
    }

    /// <summary>Makes an agent the account manager; raises <see cref="CustomerAccountManagerChanged"/>.</summary>
    /// <param name="manager">The agent; not empty.</param>
    /// <returns>False (nothing raised) when the agent already is the manager.</returns>
    /// <exception cref="ArgumentException">The agent id is empty.</exception>
    public bool AssignAccountManager(AgentId manager)
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
        events.Add(new CustomerAccountManagerChanged(Id, clock.GetCurrentInstant(), previous, manager));
        return true;
    }

    /// <summary>Adds a preference tag (for example "prefers phone").</summary>
    /// <param name="preference">The tag; not blank, at most 100 characters; trimmed.</param>
    /// <returns>False when the customer already has it.</returns>
    /// <exception cref="ArgumentException">The tag is blank or too long.</exception>
    public bool AddPreference(string preference) => preferences.Add(CheckTag(preference, nameof(preference)));

    /// <summary>Removes a preference tag.</summary>
    /// <param name="preference">The tag.</param>
    /// <returns>False when the customer did not have it.</returns>
    public bool RemovePreference(string preference) => preference is not null && preferences.Remove(preference.Trim());

    /// <summary>Sets the value tier; raises <see cref="CustomerTierChanged"/> when it changes.</summary>
    /// <param name="tier">The tier name (for example <c>A</c> or <c>高价值</c>); not blank, at most 100 characters; trimmed.</param>
    /// <param name="reason">Why (for example the deciding rule), or null.</param>
    /// <returns>False (nothing raised) when the customer already has that tier.</returns>
    /// <exception cref="ArgumentException">The tier is blank or too long.</exception>
    public bool AssignTier(string tier, string? reason = null)
    {
        tier = CheckTag(tier, nameof(tier));
        if (string.Equals(Tier, tier, StringComparison.Ordinal))
        {
            return false;
        }

        var previous = Tier;
        Tier = tier;
        events.Add(new CustomerTierChanged(Id, clock.GetCurrentInstant(), previous, tier, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()));
        return true;
    }

    /// <summary>Adds a tag; raises <see cref="CustomerTagged"/> when it is new. Tagging twice changes nothing.</summary>
    /// <param name="tag">The tag (for example <c>近期有投诉记录</c>); not blank, at most 100 characters; trimmed.</param>
    /// <returns>False (nothing raised) when the customer already has it.</returns>
    /// <exception cref="ArgumentException">The tag is blank or too long.</exception>
    public bool Tag(string tag)
    {
        tag = CheckTag(tag, nameof(tag));
        if (!tags.Add(tag))
        {
            return false;
        }

        events.Add(new CustomerTagged(Id, clock.GetCurrentInstant(), tag));
        return true;
    }

    /// <summary>Removes a tag; raises <see cref="CustomerUntagged"/> when it was there.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>False (nothing raised) when the customer did not have it.</returns>
    public bool Untag(string tag)
    {
        if (tag is null || !tags.Remove(tag.Trim()))
        {
            return false;
        }

        events.Add(new CustomerUntagged(Id, clock.GetCurrentInstant(), tag.Trim()));
        return true;
    }

    /// <summary>
    /// Records that the customer asked not to be contacted proactively (客户明确表示“无需联系”); raises <see cref="CustomerOptedOutOfContact"/>.
    /// The record is kept. Outbound interactions are refused until the customer gets in touch (an inbound interaction).
    /// </summary>
    /// <param name="reason">What the customer said, or null.</param>
    /// <returns>False (nothing raised) when the customer had already opted out.</returns>
    public bool OptOutOfContact(string? reason = null)
    {
        if (DoNotContact)
        {
            return false;
        }

        DoNotContactSince = clock.GetCurrentInstant();
        DoNotContactReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        events.Add(new CustomerOptedOutOfContact(Id, DoNotContactSince.Value, DoNotContactReason));
        return true;
    }

    /// <summary>
    /// Applies an interaction to the customer: updates <see cref="LastInteractionAt"/>, and for an inbound one from a customer who had
    /// opted out, lifts the opt-out and raises <see cref="CustomerContactResumed"/>. The interaction itself is stored by the host.
    /// </summary>
    /// <param name="interaction">The interaction; must be for this customer.</param>
    /// <exception cref="ArgumentException">The interaction is for another customer.</exception>
    /// <exception cref="CustomerContactRefusedException">The interaction is outbound and the customer opted out of contact.</exception>
    public void RecordInteraction(Interaction interaction)
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
            events.Add(new CustomerContactResumed(Id, clock.GetCurrentInstant(), interaction.Channel));
        }
    }

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

    private int IndexOfContact(string name) => contacts.FindIndex(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
