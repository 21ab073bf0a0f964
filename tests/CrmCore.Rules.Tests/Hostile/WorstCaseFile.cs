using System.Text;

namespace CrmCore.Rules.Tests.Hostile;

/// <summary>
/// A rule file of about the given size made of the costliest accepted rules: every rule at the expression length limit with
/// parameters that reach the node limit after inlining.
/// </summary>
internal static class WorstCaseFile
{
    /// <summary>Clauses per rule: with the shared parameters this is just under the default node limit (300).</summary>
    public const int ClausesPerRule = 17;

    public static string Build(int maxBytes)
    {
        var text = new StringBuilder("[{\"WorkflowName\":\"Tagging\",\"GlobalParams\":[");
        text.Append("{\"Name\":\"g0\",\"Expression\":\"customer.AnnualRevenue + customer.Employees\"},");
        text.Append("{\"Name\":\"g1\",\"Expression\":\"g0 * g0 + g0\"},");
        text.Append("{\"Name\":\"g2\",\"Expression\":\"g1 * g1 + g1\"}");
        text.Append("],\"Rules\":[");
        var i = 0;
        const string tail = "]}]";
        while (true)
        {
            var rule = new StringBuilder();
            rule.Append(i == 0 ? string.Empty : ",");
            rule.Append("{\"RuleName\":\"r").Append(i).Append("\",\"SuccessEvent\":\"t").Append(i % 60).Append("\",\"Expression\":\"");
            var clauses = new List<string>();
            var k = 0;
            clauses.Add($"g2 > {i}");
            while (clauses.Count < ClausesPerRule)
            {
                clauses.Add($"customer.Tags.Count(t => t == \\\"x{k}\\\") >= {k}");
                k++;
            }

            rule.Append(string.Join(" || ", clauses)).Append("\"}");
            if (Encoding.UTF8.GetByteCount(text.ToString()) + rule.Length + tail.Length > maxBytes)
            {
                break;
            }

            text.Append(rule);
            i++;
        }

        return text.Append(tail).ToString();
    }
}
