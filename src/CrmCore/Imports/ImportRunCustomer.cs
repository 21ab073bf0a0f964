using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Imports;

/// <summary>
/// A customer an import run created or changed, as the run's ledger keeps it (<see cref="IImportLedger.RecordCustomersAsync"/>), so the
/// import can tell later batches where a customer came from without keeping every customer in memory.
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Line">The file line the customer came from in this run; 0 for a stored customer that no row of this run named by id as
/// its source.</param>
/// <param name="Created">True when this run created the customer.</param>
/// <param name="NewestOn">The newest update date a row of this run gave the customer, or null.</param>
public sealed record ImportRunCustomer(CustomerId CustomerId, int Line, bool Created, LocalDate? NewestOn = null);
