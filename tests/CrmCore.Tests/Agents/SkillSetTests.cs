using CrmCore.Agents;
using FsCheck;
using FsCheck.Fluent;

namespace CrmCore.Tests.Agents;

public sealed class SkillSetTests
{
    private static readonly Skill[] Pool = [Skill.Technical, Skill.AfterSales, Skill.PreSales, Skill.Billing, new("Network")];

    private static Gen<SkillSet> SetGen() =>
        Gen.ListOf(Gen.Elements(Pool).Zip(Gen.Choose(1, 5), (s, l) => new SkillLevel(s, l))).Select(SkillSet.Create);

    [Fact]
    public void Covers_RequiredLevelAboveAgentLevel_ReturnsFalse()
    {
        var agent = SkillSet.Create(new SkillLevel(Skill.Technical, 2), new SkillLevel(Skill.AfterSales, 5));
        Assert.True(agent.Covers(SkillSet.Of(Skill.Technical)));
        Assert.True(agent.Covers(SkillSet.Create(new SkillLevel(Skill.AfterSales, 5))));
        Assert.False(agent.Covers(SkillSet.Create(new SkillLevel(Skill.Technical, 3))));
        Assert.False(agent.Covers(SkillSet.Of(Skill.Billing)));
        Assert.True(agent.Covers(SkillSet.Empty));
        Assert.False(SkillSet.Empty.Covers(SkillSet.Of(Skill.Billing)));
    }

    [Fact]
    public void Create_DuplicateSkill_KeepsHighestLevelAndSortsByCode()
    {
        var set = SkillSet.Create(new SkillLevel(Skill.Technical, 2), new SkillLevel(Skill.AfterSales), new SkillLevel(Skill.Technical, 4));
        Assert.Equal("AfterSales+Technical:4", set.ToString());
        Assert.Equal(set, SkillSet.Create(new SkillLevel(Skill.Technical, 4), new SkillLevel(Skill.AfterSales)));
        Assert.Equal(4, set.LevelOf(Skill.Technical));
        Assert.Equal(0, set.LevelOf(Skill.Billing));
    }

    [Fact]
    public void SkillLevel_LevelOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkillLevel(Skill.Technical, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkillLevel(Skill.Technical, 6));
        Assert.Throws<ArgumentException>(() => new SkillLevel(default, 1));
        Assert.Throws<ArgumentException>(() => new Skill(" "));
    }

    [FsCheck.Xunit.Property]
    public Property Covers_AgreesWithPerSkillDefinition() =>
        Prop.ForAll(Arb.From(SetGen()), Arb.From(SetGen()), (agent, required) =>
            agent.Covers(required) == required.Items.All(r => agent.LevelOf(r.Skill) >= r.Level));

    [FsCheck.Xunit.Property]
    public Property Covers_IsTransitive() =>
        Prop.ForAll(Arb.From(SetGen()), Arb.From(SetGen()), Arb.From(SetGen()), (a, b, c) =>
            !(a.Covers(b) && b.Covers(c)) || a.Covers(c));
}
