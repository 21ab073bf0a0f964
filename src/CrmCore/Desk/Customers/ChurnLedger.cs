using CrmCore.Customers;
using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>
/// What the daily churn assessment reads, kept up to date as the desk writes: every customer's record and one
/// <see cref="TicketActivity"/> per ticket, by customer. Built by one full read at the first assessment; after that each customer or
/// ticket the desk saves replaces its entry, so a day's assessment reads nothing from the stores. A customer the desk cannot see change
/// (written to the store directly, named by <see cref="ServiceDesk.RescheduleAsync"/>, or a ticket whose customer the ledger does not
/// know) is marked stale and re-read alone, with its tickets, at the next assessment. Not thread-safe: the desk's gate guards it.
/// </summary>
internal sealed class ChurnLedger
{
    private readonly Dictionary<CustomerId, CustomerState> _customers = [];
    private readonly Dictionary<CustomerId, Dictionary<TicketId, TicketActivity>> _tickets = [];
    private readonly HashSet<CustomerId> _stale = [];

    /// <summary>True once the full read was made (and not dropped since).</summary>
    public bool IsBuilt { get; private set; }

    /// <summary>The customers to re-read before the next assessment.</summary>
    public IReadOnlyCollection<CustomerId> Stale => _stale;

    /// <summary>The customers, in the order first seen, each with its tickets' activity.</summary>
    public IEnumerable<(CustomerState Customer, IEnumerable<TicketActivity> Tickets)> Entries =>
        _customers.Values.Select(c => (c, _tickets.TryGetValue(c.Id, out var own) ? (IEnumerable<TicketActivity>)own.Values : []));

    /// <summary>Starts a full read: takes every customer; the tickets follow through <see cref="Record(TicketState)"/>.</summary>
    /// <param name="customers">Every customer.</param>
    public void Build(IEnumerable<CustomerState> customers)
    {
        Drop();
        foreach (var customer in customers)
        {
            _customers[customer.Id] = customer;
        }

        IsBuilt = true;
    }

    /// <summary>Forgets everything; the next assessment reads the stores in full again.</summary>
    public void Drop()
    {
        _customers.Clear();
        _tickets.Clear();
        _stale.Clear();
        IsBuilt = false;
    }

    /// <summary>Records a customer the desk saved.</summary>
    /// <param name="customer">Its state as saved.</param>
    public void Record(CustomerState customer)
    {
        if (IsBuilt)
        {
            _customers[customer.Id] = customer;
        }
    }

    /// <summary>Records a ticket the desk saved; its customer becomes stale when the ledger does not know it.</summary>
    /// <param name="ticket">Its state as saved.</param>
    public void Record(TicketState ticket)
    {
        if (!IsBuilt)
        {
            return;
        }

        if (!_customers.ContainsKey(ticket.CustomerId))
        {
            _stale.Add(ticket.CustomerId);
        }

        Put(ticket);
    }

    /// <summary>Marks one customer stale: its record and tickets are re-read at the next assessment.</summary>
    /// <param name="customer">The customer.</param>
    public void Invalidate(CustomerId customer)
    {
        if (IsBuilt)
        {
            _stale.Add(customer);
        }
    }

    /// <summary>Replaces one stale customer's entry with what the stores hold now.</summary>
    /// <param name="id">The customer.</param>
    /// <param name="customer">Its record, or null when it is not in the store (it then leaves the ledger).</param>
    /// <param name="tickets">Its tickets.</param>
    public void Refresh(CustomerId id, CustomerState? customer, IEnumerable<TicketState> tickets)
    {
        _stale.Remove(id);
        _tickets.Remove(id);
        if (customer is null)
        {
            _customers.Remove(id);
            return;
        }

        _customers[id] = customer;
        foreach (var ticket in tickets)
        {
            Put(ticket);
        }
    }

    private void Put(TicketState ticket)
    {
        if (!_tickets.TryGetValue(ticket.CustomerId, out var own))
        {
            _tickets[ticket.CustomerId] = own = [];
        }

        own[ticket.Id] = TicketActivity.Of(ticket);
    }
}
