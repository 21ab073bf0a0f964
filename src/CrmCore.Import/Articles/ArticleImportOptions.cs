using CrmCore.Import.Tables;
using CrmCore.Tickets;

namespace CrmCore.Import.Articles;

/// <summary>Settings for <see cref="ArticleImporter"/> (the shared ones of <see cref="FileImportOptions"/>; articles are read through
/// <see cref="Mapping.ImportMappings.Articles"/>). Mutable until handed to the importer; validated there.</summary>
public sealed class ArticleImportOptions : FileImportOptions
{
    /// <summary>The ticket types the host defined (<see cref="TicketType"/>'s constructor) that an article may name besides the built-in
    /// ones, by code, compared ignoring case (the stored type is spelt as here). Default none: only the built-in types; any other name is
    /// rejected with its line, column and the types allowed.</summary>
    public ICollection<TicketType> TicketTypes { get; } = new List<TicketType>();

    /// <summary>The engine's options with these settings, checked.</summary>
    /// <exception cref="ArgumentException"><see cref="TicketTypes"/> holds the default (empty) ticket type.</exception>
    internal TableImportOptions<ArticleField> ToTableOptions()
    {
        if (TicketTypes.Any(t => t.Code is null || t.Code.Length == 0))
        {
            throw new ArgumentException("ArticleImportOptions.TicketTypes holds an empty ticket type: create each with new TicketType(code).", nameof(TicketTypes));
        }

        return ToTableOptions<ArticleField>(null);
    }
}
