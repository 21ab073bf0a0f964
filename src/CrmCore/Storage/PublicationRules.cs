namespace CrmCore.Storage;

/// <summary>Argument checks shared by every <see cref="IPublicationStore"/>.</summary>
internal static class PublicationRules
{
    public static void Check(string name, string publishedBy)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw new ArgumentException($"A published document's name must be 1 to 200 characters (was '{name}').", nameof(name));
        }

        if (string.IsNullOrWhiteSpace(publishedBy) || publishedBy.Length > 200)
        {
            throw new ArgumentException("Who publishes must be named (1 to 200 characters).", nameof(publishedBy));
        }
    }
}
