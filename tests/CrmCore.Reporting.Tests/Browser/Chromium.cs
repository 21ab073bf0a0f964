using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmCore.Reporting.Tests.Browser;

/// <summary>
/// A headless Chromium driven over the DevTools protocol (a WebSocket, no extra packages, no browser download). Records console
/// errors, uncaught exceptions and failed loads. One page; dispose to stop the browser.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _profile;
    private Task? _receiver;
    private int _nextId;
    private TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Chromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The browser binary: <c>CRM_CHROMIUM</c> or <c>/usr/bin/chromium</c>.</summary>
    public static string Path => Environment.GetEnvironmentVariable("CRM_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    /// <summary>Console errors, uncaught exceptions and error log entries seen so far.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    public static async Task<Chromium> StartAsync()
    {
        if (!File.Exists(Path))
        {
            throw new FileNotFoundException($"Chromium is not installed at {Path}; run eng/ci/chromium.sh or set CRM_CHROMIUM.", Path);
        }

        var profile = Directory.CreateTempSubdirectory("crm-chromium-").FullName;
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])
            [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--hide-scrollbars", "--force-color-profile=srgb", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank",
            ])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
        var browser = new Chromium(process, profile);
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.Contains("DevTools listening on ", StringComparison.Ordinal))
            {
                endpoint.TrySetResult(line[(line.IndexOf("ws://", StringComparison.Ordinal))..].Trim());
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var ready = await Task.WhenAny(endpoint.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (ready != endpoint.Task)
        {
            await browser.DisposeAsync();
            throw new TimeoutException("Chromium did not open its DevTools port within 60 s.");
        }

        var port = new Uri(endpoint.Task.Result).Port;
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list")))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await browser._socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        browser._receiver = Task.Run(browser.ReceiveAsync);
        await browser.SendAsync("Runtime.enable");
        await browser.SendAsync("Log.enable");
        await browser.SendAsync("Page.enable");
        return browser;
    }

    /// <summary>Sends one command and waits for its result (60 s at most).</summary>
    public async Task<JsonNode?> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Opens a URL and waits for its load event.</summary>
    public async Task NavigateAsync(Uri url)
    {
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var result = await SendAsync("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri });
        if (result?["errorText"] is { } error)
        {
            throw new InvalidOperationException($"Navigation to {url} failed: {error}");
        }

        await _loaded.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Evaluates a JavaScript expression and returns its value (JSON).</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result?["exceptionDetails"] is { } exception)
        {
            throw new InvalidOperationException("Script failed: " + exception.ToJsonString());
        }

        return result?["result"]?["value"];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException)
        {
            // The browser is being stopped anyway.
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
        _socket.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary profile is harmless.
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                var node = JsonNode.Parse(message.ToArray())!;
                message.SetLength(0);
                Dispatch(node);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Stopped.
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new InvalidOperationException("The DevTools connection closed."));
        }
    }

    private static string? Text(JsonNode? node, string key) => node?[key]?.GetValue<string>();

    private void Dispatch(JsonNode node)
    {
        if (node["id"] is { } idNode && _pending.TryRemove(idNode.GetValue<int>(), out var reply))
        {
            if (node["error"] is { } error)
            {
                reply.TrySetException(new InvalidOperationException("DevTools error: " + error.ToJsonString()));
            }
            else
            {
                reply.TrySetResult(node["result"]);
            }

            return;
        }

        var parameters = node["params"];
        switch ((string?)node["method"])
        {
            case "Page.loadEventFired":
                _loaded.TrySetResult();
                break;
            case "Runtime.consoleAPICalled" when Text(parameters, "type") is "error" or "assert":
                Errors.Enqueue("console: " + parameters?["args"]?.ToJsonString());
                break;
            case "Runtime.exceptionThrown":
                Errors.Enqueue("exception: " + parameters?["exceptionDetails"]?.ToJsonString());
                break;
            case "Log.entryAdded" when Text(parameters?["entry"], "level") == "error":
                Errors.Enqueue("log: " + parameters?["entry"]?.ToJsonString());
                break;
        }
    }
}
