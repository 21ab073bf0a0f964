using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Agents;
using CrmCore.Cli.Hosting;
using CrmCore.Cli.Input;
using CrmCore.Cli.Localization;
using CrmCore.Decoding;

namespace CrmCore.Cli.Rules;

/// <summary>
/// Reads the teams file of <c>crm rules validate --teams</c>: <c>{"teams": ["Name", ...], "agents": [{"team": "Name", "skills": ["code", ...]}]}</c>,
/// both members optional. Read through <see cref="CliContext.ReadText"/> (strict, at most <see cref="CliContext.MaxJsonFileBytes"/>); any other
/// shape is a <see cref="CliException"/> naming the file and the JSON path (or <c>file:line:col</c> for invalid JSON).
/// </summary>
internal static class TeamsFile
{
    public static (IReadOnlyList<TeamId> Teams, IReadOnlyList<Agent> Agents) Read(CliContext context, string path)
    {
        var utf8 = Encoding.UTF8.GetBytes(context.ReadText(path, CliContext.MaxJsonFileBytes));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            var (line, column) = new LineIndex(utf8).PositionOf(ex);
            throw new CliException(context.T(Messages.TeamsFileNotJson, path, line, column, ex.Message));
        }

        using (document)
        {
            try
            {
                return Build(context, path, document.RootElement);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(context.T(Messages.TeamsFileInvalid, path, ex.Message));
            }
        }
    }

    private static (IReadOnlyList<TeamId> Teams, IReadOnlyList<Agent> Agents) Build(CliContext context, string path, JsonElement root)
    {
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Shape(context, path, "$", Messages.TeamsFileObject);
            }

            var teams = new List<TeamId>();
            if (root.TryGetProperty("teams", out var list))
            {
                teams.AddRange(Names(context, path, "$.teams", list).Select(n => new TeamId(n)));
            }

            var agents = new List<Agent>();
            if (root.TryGetProperty("agents", out var agentList))
            {
                if (agentList.ValueKind != JsonValueKind.Array)
                {
                    throw Shape(context, path, "$.agents", Messages.TeamsFileAgent);
                }

                var i = 0;
                foreach (var item in agentList.EnumerateArray())
                {
                    var at = string.Create(CultureInfo.InvariantCulture, $"$.agents[{i++}]");
                    if (item.ValueKind != JsonValueKind.Object
                        || !item.TryGetProperty("team", out var team) || team.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(team.GetString())
                        || !item.TryGetProperty("skills", out var skills))
                    {
                        throw Shape(context, path, at, Messages.TeamsFileAgent);
                    }

                    var codes = Names(context, path, at + ".skills", skills);
                    var id = string.Create(CultureInfo.InvariantCulture, $"agent{i}");
                    agents.Add(new Agent(new AgentId(id), id, new TeamId(team.GetString()!), SkillSet.Of(codes.Select(c => new Skill(c))), 1));
                }
            }

            return (teams, agents);
        }
    }

    private static List<string> Names(CliContext context, string path, string at, JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array
            || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString()) || e.GetString()!.Length > 64))
        {
            throw Shape(context, path, at, Messages.TeamsFileNames);
        }

        return [.. list.EnumerateArray().Select(e => e.GetString()!)];
    }

    private static CliException Shape(CliContext context, string path, string at, Msg shape) =>
        new(context.T(Messages.TeamsFileInvalid, path, context.T(Messages.TeamsFileShape, at, context.T(shape))));
}
