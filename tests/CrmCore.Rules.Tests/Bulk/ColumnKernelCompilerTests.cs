using System.Linq.Expressions;
using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;

namespace CrmCore.Rules.Tests.Bulk;

/// <summary>
/// The shape of the scalar column kernel: every column is read from the chunk once, before the loop over its rows (what the kernel
/// computes is proved against the per-customer facts by <see cref="BulkClassifierTests"/>, <see cref="SubTickInstantsTests"/> and
/// <see cref="IncrementalClassificationTests"/>).
/// </summary>
public class ColumnKernelCompilerTests
{
    private static readonly ParameterExpression Customer = Expression.Parameter(typeof(CustomerFacts), "customer");

    private static Expression Fact(string name) => Expression.Property(Customer, name);

    private static Expression Int(int value) => Expression.Convert(Expression.Constant(value), typeof(int?));

    // The days since the last interaction read the tick column and, for a "now" between ticks, the nanoseconds column beside it.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Build_TimeFacts_ReadEachColumnOnceBeforeTheLoop(bool guarded)
    {
        var kernel = new ColumnKernelCompiler().Build(
            [
                (0, Expression.GreaterThan(Fact(nameof(CustomerFacts.DaysSinceLastInteraction)), Int(30)), "Quiet"),
                (1, Expression.LessThan(Fact(nameof(CustomerFacts.DaysToContractEnd)), Int(60)), "Renewal"),
            ],
            [(0, Expression.LessThanOrEqual(Fact(nameof(CustomerFacts.DaysSinceLastInteraction)), Int(7)), "Recent")],
            Customer,
            guarded);

        Assert.NotNull(kernel);
        var reads = new ChunkFieldReads(kernel.Parameters[0]);
        reads.Visit(kernel.Body);
        Assert.Empty(reads.InLoop);
        Assert.Contains(nameof(CustomerChunk.LastInteractionTicks), reads.BeforeLoop);
        Assert.Contains(nameof(CustomerChunk.LastInteractionNanoseconds), reads.BeforeLoop);
        Assert.Equal(reads.BeforeLoop.Distinct(StringComparer.Ordinal), reads.BeforeLoop);
    }

    /// <summary>The fields of the chunk parameter an expression reads, inside a loop or not.</summary>
    private sealed class ChunkFieldReads(ParameterExpression chunk) : ExpressionVisitor
    {
        private int _loops;

        public List<string> BeforeLoop { get; } = [];

        public List<string> InLoop { get; } = [];

        protected override Expression VisitLoop(LoopExpression node)
        {
            _loops++;
            var result = base.VisitLoop(node);
            _loops--;
            return result;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == chunk)
            {
                (_loops > 0 ? InLoop : BeforeLoop).Add(node.Member.Name);
            }

            return base.VisitMember(node);
        }
    }
}
