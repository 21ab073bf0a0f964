using System.Globalization;
using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Import.Localization;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Normalization;
using NodaTime;

namespace CrmCore.Import.Assets;

/// <summary>The rows of an asset table as assets: read, checked against the stored and earlier assets (serial numbers, parents, owners),
/// staged and written.</summary>
internal sealed class AssetTable(IAssetRepository store) : IRecordTable<AssetField>
{
    private const int MaxText = 200;
    private const int MaxId = 64;
    private readonly Dictionary<AssetId, AssetState> _known = [];
    private readonly Dictionary<string, AssetId> _serials = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<AssetId, int> _lineOf = [];
    private readonly Dictionary<AssetId, (AssetState Asset, long Expected, AssetState? Before)> _staged = [];

    public string Entity => "assets";

    public string HeaderHint => "资产编号, 资产名称, 序列号, 型号, 客户编号, 安装日期 / AssetId, Name, SerialNumber, Model, CustomerId, InstalledOn";

    public async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        await foreach (var stored in store.ListAsync(null, cancellationToken).ConfigureAwait(false))
        {
            _known[stored.Id] = stored;
            _serials[stored.SerialNumber] = stored.Id;
        }
    }

    public ValueTask<ImportRowResult> StageAsync(FieldReader<AssetField> row, CancellationToken cancellationToken)
    {
        // A rejected row still names its asset when its id cell is readable.
        var result = Stage(row);
        if (result.Outcome == ImportOutcome.Rejected && row.Raw(AssetField.Id) is { } raw && TextNormalizer.Clean(raw) is { Length: <= MaxId } assetId)
        {
            result = result with { AssetId = assetId };
        }

        return ValueTask.FromResult(result);
    }

    public async ValueTask WriteAsync(CancellationToken cancellationToken)
    {
        foreach (var (asset, expected, _) in _staged.Values)
        {
            await store.SaveAsync(asset, expected, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Commit() => _staged.Clear();

    public void Abort()
    {
        foreach (var (id, (asset, _, before)) in _staged)
        {
            _lineOf.Remove(id);
            _serials.Remove(asset.SerialNumber);
            if (before is null)
            {
                _known.Remove(id);
            }
            else
            {
                _known[id] = before;
                _serials[before.SerialNumber] = id;
            }
        }

        _staged.Clear();
    }

    private static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static ImportRowResult Accepted(FieldReader<AssetField> row, AssetState asset, ImportOutcome outcome) =>
        new() { Line = row.Source.Line, Outcome = outcome, CustomerId = asset.Owner.Value, AssetId = asset.Id.Value };

    private static bool Same(AssetState a, AssetState b) =>
        a.Name == b.Name && a.SerialNumber == b.SerialNumber && a.Model == b.Model && a.InstalledOn == b.InstalledOn
        && a.WarrantyEndsOn == b.WarrantyEndsOn && a.Custodian == b.Custodian && a.Parent == b.Parent;

    private ImportRowResult Stage(FieldReader<AssetField> row)
    {
        var culture = row.Culture;
        var id = row.Required(AssetField.Id, MaxId);
        var name = row.Required(AssetField.Name, MaxText);
        var serial = row.Required(AssetField.SerialNumber, MaxText);
        var model = row.Required(AssetField.Model, MaxText);
        var owner = row.Required(AssetField.Owner, MaxId);
        var installedOn = row.Date(AssetField.InstalledOn, required: true);
        var warrantyEndsOn = row.Date(AssetField.WarrantyEndsOn, required: false);
        var custodian = row.Optional(AssetField.Custodian, MaxText);
        var parent = row.Optional(AssetField.Parent, MaxId);
        if (row.Problem is { } problem)
        {
            return problem;
        }

        if (warrantyEndsOn < installedOn)
        {
            return row.Reject(AssetField.WarrantyEndsOn, AssetImportStrings.WarrantyBeforeInstall.Format(culture, Iso(warrantyEndsOn!.Value), Iso(installedOn!.Value)));
        }

        var assetId = new AssetId(id!);
        var candidate = new Asset(assetId, name!, serial!, model!, new CustomerId(owner!), installedOn!.Value, warrantyEndsOn, custodian).ToState(1);
        if (_lineOf.TryGetValue(assetId, out var earlier))
        {
            return row.Reject(AssetField.Id, AssetImportStrings.DuplicateKey.Format(culture, id, earlier));
        }

        if (_serials.TryGetValue(candidate.SerialNumber, out var holder) && holder != assetId)
        {
            return row.Reject(AssetField.SerialNumber, AssetImportStrings.SerialTaken.Format(culture, candidate.SerialNumber, holder.Value));
        }

        var stored = _known.GetValueOrDefault(assetId);
        if (stored is not null && stored.Owner != candidate.Owner)
        {
            return row.Reject(AssetField.Owner, AssetImportStrings.OwnerChanged.Format(culture, id, stored.Owner.Value));
        }

        if (parent is not null && HierarchyProblem(assetId, new AssetId(parent), candidate.Owner, culture) is { } hierarchy)
        {
            return row.Reject(AssetField.Parent, hierarchy);
        }

        candidate = candidate with
        {
            Parent = parent is null ? null : new AssetId(parent),
            Maintenance = stored?.Maintenance ?? [],
            Version = (stored?.Version ?? 0) + 1,
        };
        _lineOf[assetId] = row.Source.Line;
        if (stored is not null && Same(stored, candidate))
        {
            return Accepted(row, candidate, ImportOutcome.Unchanged);
        }

        // Later rows of the file see this asset (its serial number, as a parent) at once, as if it were written.
        if (stored is not null)
        {
            _serials.Remove(stored.SerialNumber);
        }

        _staged[assetId] = (candidate, stored?.Version ?? 0, stored);
        _known[assetId] = candidate;
        _serials[candidate.SerialNumber] = assetId;
        return Accepted(row, candidate, stored is null ? ImportOutcome.Inserted : ImportOutcome.Updated);
    }

    /// <summary>The reason <paramref name="child"/> cannot go under <paramref name="parent"/>: a cycle, or a parent of another customer, in
    /// the domain's words (the message of the <see cref="AssetHierarchyException"/> that <see cref="AssetRegistry.SetParent"/> throws for
    /// it), under the import's code.</summary>
    private static RowReason HierarchyProblemOf(AssetId child, AssetId parent, bool cycle, CultureInfo? culture) =>
        (cycle ? AssetImportStrings.ParentCycle : AssetImportStrings.ParentOtherCustomer)
            .With(new AssetHierarchyException(child, parent, cycle).LocalizedMessage(culture ?? CultureInfo.CurrentUICulture));

    /// <summary>Why <paramref name="child"/> cannot go under <paramref name="parent"/>, or null.</summary>
    private RowReason? HierarchyProblem(AssetId child, AssetId parent, CustomerId owner, CultureInfo? culture)
    {
        if (!_known.TryGetValue(parent, out var parentState))
        {
            return AssetImportStrings.ParentUnknown.Format(culture, parent.Value);
        }

        var steps = 0;
        for (AssetId? at = parent; at is { } current && steps <= _known.Count; at = _known.GetValueOrDefault(current)?.Parent, steps++)
        {
            if (current == child)
            {
                return HierarchyProblemOf(child, parent, cycle: true, culture);
            }
        }

        return parentState.Owner != owner ? HierarchyProblemOf(child, parent, cycle: false, culture) : null;
    }
}
