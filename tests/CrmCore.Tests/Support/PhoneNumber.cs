namespace CrmCore.Tests.Support;

/// <summary>A generated phone number text.</summary>
/// <param name="Text">The number as a person would type it.</param>
public sealed record PhoneNumber(string Text)
{
    public override string ToString() => Text;
}
