using System.Security.Cryptography;
using System.Text;

namespace CrmCore.Storage;

/// <summary>The content hash of published documents: SHA-256 of the UTF-8 bytes, lowercase hex. Thread-safe.</summary>
public static class ContentHash
{
    /// <summary>Hashes a document's text.</summary>
    /// <param name="content">The text.</param>
    /// <returns>64 lowercase hex digits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    public static string Of(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}
