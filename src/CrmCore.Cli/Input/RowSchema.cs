namespace CrmCore.Cli.Input;

/// <summary>
/// Describes one kind of input file (customers, tickets, surveys): its columns and how a row model is built from them.
/// The same description drives the CSV and JSON readers, the JSON Schema and the docs, so they cannot disagree.
/// </summary>
/// <typeparam name="TRow">The row model.</typeparam>
internal sealed class RowSchema<TRow>
{
    private readonly Dictionary<string, FieldSpec> _byName;
    private readonly Func<RowValues, TRow> _create;
    private readonly Func<TRow, object?[]> _decompose;

    /// <summary>Creates a row description.</summary>
    /// <param name="name">The command-line name.</param>
    /// <param name="title">A short English title.</param>
    /// <param name="fields">The columns.</param>
    /// <param name="create">Builds a row from validated values.</param>
    /// <param name="decompose">Gives a row's values in column order (for writing files back).</param>
    public RowSchema(string name, string title, IReadOnlyList<FieldSpec> fields, Func<RowValues, TRow> create, Func<TRow, object?[]> decompose)
    {
        _decompose = decompose;
        Name = name;
        Title = title;
        Fields = fields;
        _create = create;
        _byName = new Dictionary<string, FieldSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            foreach (var key in field.Aliases.Prepend(field.Name))
            {
                _byName.Add(key, field);
            }
        }
    }

    /// <summary>Gets the schema name used on the command line, e.g. <c>customers</c>.</summary>
    public string Name { get; }

    /// <summary>Gets a short English title.</summary>
    public string Title { get; }

    /// <summary>Gets the columns in documentation order.</summary>
    public IReadOnlyList<FieldSpec> Fields { get; }

    /// <summary>Finds a column by name or alias (case-insensitive).</summary>
    public FieldSpec? Find(string name) => _byName.GetValueOrDefault(name.Trim());

    /// <summary>Builds a row from values that passed validation.</summary>
    public TRow Create(RowValues values) => _create(values);

    /// <summary>Gets a row's values in column order; <see langword="null"/> for absent values.</summary>
    public object?[] Decompose(TRow row)
    {
        var values = _decompose(row);
        if (values.Length != Fields.Count)
        {
            throw new InvalidOperationException($"Schema '{Name}' decomposes into {values.Length} values for {Fields.Count} fields.");
        }

        return values;
    }
}
