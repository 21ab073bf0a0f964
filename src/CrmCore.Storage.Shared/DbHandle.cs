using System.Data.Common;

namespace CrmCore.Storage;

/// <summary>An open connection with the commands prepared on it, kept by text so that each statement is prepared once per connection.</summary>
internal sealed class DbHandle(DbConnection connection) : IAsyncDisposable, IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    /// <summary>The command for <paramref name="text"/> (created the first time), bound to <paramref name="transaction"/>.</summary>
    public DbCommand Command(string text, DbTransaction? transaction)
    {
        if (!_commands.TryGetValue(text, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = text;
            _commands.Add(text, command);
        }

        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        connection.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        _commands.Clear();
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
