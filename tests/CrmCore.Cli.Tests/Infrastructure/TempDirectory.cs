namespace CrmCore.Cli.Tests.Infrastructure;

/// <summary>A temporary folder removed on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("crm-cli-");

    /// <summary>The folder's full path.</summary>
    public string FullName => _dir.FullName;

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => Path.Combine(_dir.FullName, name);

    /// <summary>Writes a file inside the folder and returns its path.</summary>
    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
