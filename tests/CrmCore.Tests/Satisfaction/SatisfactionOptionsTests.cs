using CrmCore.Satisfaction;

namespace CrmCore.Tests.Satisfaction;

public class SatisfactionOptionsTests
{
    [Fact]
    public void Defaults_AreValidWithFiveDimensions()
    {
        var options = new SatisfactionOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(5, options.Dimensions.Count);
        Assert.Equal(2, options.LowScoreThreshold);
        Assert.Contains(SatisfactionDimension.Price, options.Dimensions);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOne()
    {
        var options = new SatisfactionOptions { LowScoreThreshold = 0 };
        options.Dimensions.Clear();
        options.Themes.MinGramLength = 4;
        options.Themes.MaxGramLength = 3;
        options.Themes.TopCount = 0;

        var problems = options.Validate();

        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void Validate_DuplicateDimension_IsAProblem()
    {
        var options = new SatisfactionOptions();
        options.Dimensions.Add(SatisfactionDimension.Price);

        Assert.Contains(options.Validate(), p => p.Contains("twice", StringComparison.Ordinal));
    }
}
