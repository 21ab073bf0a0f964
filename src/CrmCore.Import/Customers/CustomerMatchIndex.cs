using CrmCore.Customers;
using CrmCore.Normalization;

namespace CrmCore.Import.Customers;

/// <summary>A duplicate candidate: the customer, what matched, and where the customer came from (0 = the store, else the file line).</summary>
internal readonly record struct MatchCandidate(CustomerId Id, string MatchedBy, int SourceLine);

/// <summary>
/// The keys of every customer the import knows (stored ones and those the file created so far): id, phone keys, e-mail addresses and
/// company-name keys, each to the first customer that had it. Name similarity below 1 compares against names in the same block
/// (the key's first character), at most <see cref="MaxBlockScan"/> of them.
/// </summary>
internal sealed class CustomerMatchIndex
{
    private const int MaxBlockScan = 256;
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, CustomerId> _phones = [];
    private readonly Dictionary<string, CustomerId> _emails = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomerId> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<char, List<string>>? _blocks;

    public CustomerMatchIndex(bool similarNames) => _blocks = similarNames ? [] : null;

    /// <summary>Where a known id came from: 0 for the store, else its first line in the file; null when unknown.</summary>
    public int? SourceOf(string id) => _ids.TryGetValue(id, out var line) ? line : null;

    public void MarkSource(string id, int line) => _ids[id] = line;

    public void Add(CustomerId id, int sourceLine, string? nameKey, IEnumerable<Contact> contacts)
    {
        _ids.TryAdd(id.Value, sourceLine);
        if (!string.IsNullOrEmpty(nameKey) && _names.TryAdd(nameKey, id) && _blocks is not null)
        {
            if (!_blocks.TryGetValue(nameKey[0], out var block))
            {
                _blocks[nameKey[0]] = block = [];
            }

            block.Add(nameKey);
        }

        foreach (var contact in contacts)
        {
            AddContact(id, contact.Phone, contact.Email);
        }
    }

    public void AddContact(CustomerId id, string? phone, string? email)
    {
        if (phone is not null && PhoneNormalizer.TryGetKey(phone, out var key))
        {
            _phones.TryAdd(key, id);
        }

        if (EmailNormalizer.TryNormalize(email, out var address))
        {
            _emails.TryAdd(address, id);
        }
    }

    public MatchCandidate? Find(CustomerRow row, string nameKey, bool byContact, double? similarity)
    {
        if (byContact && row.Phone is not null && PhoneNormalizer.TryGetKey(row.Phone, out var key) && _phones.TryGetValue(key, out var byPhone))
        {
            return Candidate(byPhone, "phone");
        }

        if (byContact && row.Email is not null && _emails.TryGetValue(row.Email, out var byEmail))
        {
            return Candidate(byEmail, "email");
        }

        if (similarity is null || nameKey.Length == 0)
        {
            return null;
        }

        if (_names.TryGetValue(nameKey, out var byName))
        {
            return Candidate(byName, "name");
        }

        if (similarity < 1 && _blocks is not null && _blocks.TryGetValue(nameKey[0], out var block))
        {
            var best = (Key: (string?)null, Score: 0.0);
            foreach (var other in block.Count > MaxBlockScan ? block[^MaxBlockScan..] : block)
            {
                var score = CompanyNameNormalizer.Similarity(nameKey, other);
                if (score >= similarity && score > best.Score)
                {
                    best = (other, score);
                }
            }

            if (best.Key is not null)
            {
                return Candidate(_names[best.Key], "name");
            }
        }

        return null;
    }

    private MatchCandidate Candidate(CustomerId id, string by) => new(id, by, _ids.GetValueOrDefault(id.Value));
}
