namespace CrmCore.Calendars;

/// <summary>
/// Options of <c>AddCrmCalendars</c>: the calendars to register, as JSON or as definitions, and which one is the <c>default</c>.
/// Validated at start: every calendar must load and build. Not thread-safe while being configured.
/// </summary>
public sealed class CalendarOptions
{
    private readonly List<(string Source, Func<LoadResult<BusinessCalendar>> Load)> _sources = [];
    private List<BusinessCalendar>? _built;
    private List<LoadProblem>? _problems;

    /// <summary>The name of the calendar also registered as <c>default</c> (the one seed SLA policies use). Default: null, meaning the
    /// first calendar added, or <c>24x7</c> when none is.</summary>
    public string? DefaultCalendar { get; set; }

    /// <summary>When true, every calendar added here is strict about its holiday data: operations that read dates outside
    /// <see cref="BusinessCalendar.HolidayCoverage"/> throw <see cref="HolidayCoverageException"/> instead of logging a warning
    /// (see <see cref="BusinessCalendarDefinition.StrictHolidayCoverage"/>). Default: false.</summary>
    public bool StrictHolidayCoverage { get; set; }

    /// <summary>Adds a calendar in the CrmCore JSON format.</summary>
    /// <param name="json">The calendar JSON.</param>
    /// <param name="resolveImport">Resolves the calendar's <c>imports</c> (see <see cref="CalendarJson.Load"/>); default none.</param>
    /// <returns>These options.</returns>
    public CalendarOptions AddJson(string json, Func<string, string?>? resolveImport = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        _sources.Add(($"calendar #{_sources.Count + 1}", () => CalendarJson.Load(json, resolveImport)));
        return this;
    }

    /// <summary>Adds a calendar definition.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>These options.</returns>
    public CalendarOptions Add(BusinessCalendarDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _sources.Add(($"calendar '{definition.Name}'", () =>
        {
            try
            {
                return new LoadResult<BusinessCalendar>(BusinessCalendar.Build(definition), []);
            }
            catch (ArgumentException ex)
            {
                return new LoadResult<BusinessCalendar>(null, [new LoadProblem("$", ex.Message)]);
            }
        }));
        return this;
    }

    /// <summary>Builds every calendar once and lists every problem (prefixed with the calendar it belongs to).</summary>
    internal (IReadOnlyList<BusinessCalendar> Calendars, IReadOnlyList<LoadProblem> Problems) Build()
    {
        if (_built is null || _problems is null)
        {
            _built = [];
            _problems = [];
            foreach (var (source, load) in _sources)
            {
                var result = load();
                if (result.Success)
                {
                    var calendar = result.Value;
                    _built.Add(StrictHolidayCoverage && !calendar.Definition.StrictHolidayCoverage
                        ? BusinessCalendar.Build(calendar.Definition with { StrictHolidayCoverage = true })
                        : calendar);
                }
                else
                {
                    _problems.AddRange(result.Problems.Select(p => p with { Path = $"{source} {p.Path}" }));
                }
            }

            if (DefaultCalendar is not null && !_built.Any(c => c.Name == DefaultCalendar) && DefaultCalendar != BusinessCalendar.AlwaysOpen.Name)
            {
                _problems.Add(LoadProblem.Of(nameof(DefaultCalendar), "Load_CalendarOptions_17", DefaultCalendar));
            }
        }

        return (_built, _problems);
    }

    /// <summary>Creates the registry: every calendar under its name, the default one also as <c>default</c>, and <c>24x7</c>.</summary>
    internal CalendarRegistry CreateRegistry(Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var (calendars, problems) = Build();
        if (problems.Count > 0)
        {
            throw CrmException.Worded("CRM-CONFIG-INVALID", "Error_CalendarOptionsInvalid", culture => [LoadProblem.Lines(problems, culture)]);
        }

        var registry = new CalendarRegistry();
        if (logger is not null)
        {
            registry.LogHolidayCoverage(logger);
        }

        foreach (var calendar in calendars)
        {
            registry.Set(calendar);
        }

        var name = DefaultCalendar ?? calendars.FirstOrDefault()?.Name ?? BusinessCalendar.AlwaysOpen.Name;
        registry.Set("default", registry.TryGet(name, out var c) ? c : BusinessCalendar.AlwaysOpen);
        return registry;
    }
}
