namespace CrmCore.Relationships;

/// <summary>Settings for <c>AddCrmRelationships</c>. Not thread-safe while being configured.</summary>
public sealed class RelationshipOptions
{
    /// <summary>The contact policy. Default <see cref="ContactPolicy.Document001"/>; <see cref="ContactPolicy.Document003"/> ships too,
    /// and <see cref="ContactPolicyJson.Load(string)"/> loads one from JSON.</summary>
    public ContactPolicy Policy { get; set; } = ContactPolicy.Document001;

    /// <summary>The name of the business calendar (from <c>AddCrmCalendars</c>) that due dates and holidays come from. Default <c>default</c>.</summary>
    public string Calendar { get; set; } = "default";
}
