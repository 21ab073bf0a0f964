using System.Linq.Expressions;
using System.Reflection;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Facts;
using static CrmCore.Rules.Tests.Sandbox.SandboxProbe;

namespace CrmCore.Rules.Tests.Sandbox;

/// <summary>
/// The sandbox as a table of constructs, built as expression trees so each rule is exercised on its own (the parser's own
/// restrictions cannot hide a missing sandbox rule). Every refused row has exactly one finding with its exact message: remove
/// any one rule of the sandbox and at least one row of this table fails. See docs/rules.md, "The sandbox".
/// </summary>
public class ExpressionSandboxTableTests
{
    private const string MemberRule = "Only facts, the length of a text, the number of tags and Math constants can be read in rules.";
    private const string ClockRule = "Reading the clock or the computer's settings is not allowed here: time comes from facts computed with the injected clock (for example `customer.DaysSinceLastInteraction`).";
    private const string TextFunction = "This text function is not available in rules; the text functions are Contains, StartsWith, EndsWith, ToUpper, ToLower and Trim (with text arguments), Length and string.IsNullOrEmpty.";
    private const string OtherMethod = "This function is not available in rules. Allowed: text Contains/StartsWith/EndsWith/ToUpper/ToLower/Trim/Length/IsNullOrEmpty, Any/All/Count/Sum/Max/Min/Contains over fact collections, Math.*.";
    private const string ToText = "Turning a value into text is not allowed here: compare numbers as numbers (`customer.Employees > 100`) and text as text (`customer.Industry == \"制造业\"`).";
    private const string Reflection = "Looking into the program's own types (reflection) is never allowed in rules: rules read facts only.";
    private const string FactMethod = "Facts have properties only, so their methods cannot be called: read the property itself (for example `customer.AnnualRevenue`).";
    private const string TextToNumber = "Converting text to a number is not allowed here: number facts are numbers already, so compare them as they are (`customer.AnnualRevenue >= 500000`), and compare text facts with text in double quotes (`customer.Region == \"华东\"`).";
    private const string NumberConversion = "Converting a value with a conversion function is not allowed here: numbers of every kind compare with each other as they are, and `Math.Round`, `Math.Floor` and `Math.Ceiling` round them.";
    private const string TextToDate = "Reading a date or time from text is not allowed here: time comes from facts computed with the injected clock (for example `customer.DaysSinceLastInteraction`).";
    private const string Create = "Creating objects or lists is not allowed in rules: rules compare facts, they do not build new values.";
    private const string Index = "Picking one item of a list by its position is not allowed in rules: use Any, All, Count, Sum, Max, Min or Contains over a fact collection.";
    private const string TypeTest = "Testing or changing the type of a value is not allowed in rules: every fact already has its type.";
    private const string Statement = "A rule is one expression: assignments, blocks, loops, jumps, errors and calls of functions held in values are not allowed.";
    private const string Quoted = "A rule cannot hold another rule or a function as a value: write the condition itself.";
    private const string LateBound = "Everything a rule reads must be known when the rule is loaded: values whose members are looked up only while the rule runs are not allowed.";
    private const string Opaque = "The expression holds a part the rule checker cannot read, so it cannot tell what it does: rules may hold only what rule files can write.";
    private const string Constant = "Only numbers, text, yes/no values and named values (enum members) can be written as values in rules.";
    private const string Conversion = "Converting a value from one kind to another is not allowed here: compare numbers with numbers, text with text and yes/no values with yes/no values.";
    private const string Operator = "Operators in rules work on numbers, text and yes/no values only: times and durations come as numbers from facts (for example `ticket.AgeMinutes`).";

    private static readonly Dictionary<string, Func<Expression>> Allowed = new()
    {
        ["fact property against an int constant"] = () => Expression.GreaterThan(Prop(nameof(ProbeFacts.Score)), Expression.Constant(1)),
        ["string.Length"] = () => Expression.Property(Prop(nameof(ProbeFacts.Name)), nameof(string.Length)),
        ["tag Count"] = () => Expression.Property(Prop(nameof(ProbeFacts.Tags)), nameof(TagSet.Count)),
        ["nullable HasValue"] = () => Expression.Property(Prop(nameof(ProbeFacts.Optional)), "HasValue"),
        ["nullable Value"] = () => Expression.Property(Prop(nameof(ProbeFacts.Optional)), "Value"),
        ["nullable GetValueOrDefault"] = () => Expression.Call(Prop(nameof(ProbeFacts.Optional)), typeof(int?).GetMethod("GetValueOrDefault", Type.EmptyTypes)!),
        ["Math constant (literal)"] = () => Expression.Field(null, typeof(Math), nameof(Math.PI)),
        ["scalar literal field"] = () => Expression.Field(null, typeof(int), nameof(int.MaxValue)),
        ["scalar read-only static field"] = () => Expression.Field(null, typeof(string), nameof(string.Empty)),
        ["enum member"] = () => Expression.Field(null, typeof(DayOfWeek), nameof(DayOfWeek.Monday)),
        ["decimal constant"] = () => Expression.Constant(1.5m),
        ["string constant"] = () => Expression.Constant("s"),
        ["enum constant"] = () => Expression.Constant(DayOfWeek.Friday),
        ["nullable int constant"] = () => Expression.Constant(5, typeof(int?)),
        ["null constant of a non-scalar type"] = () => Expression.Constant(null, typeof(object)),
        ["string Contains"] = () => StringCall(nameof(string.Contains), "a"),
        ["string StartsWith"] = () => StringCall(nameof(string.StartsWith), "a"),
        ["string EndsWith"] = () => StringCall(nameof(string.EndsWith), "a"),
        ["string ToUpper"] = () => StringCall(nameof(string.ToUpper)),
        ["string ToLower"] = () => StringCall(nameof(string.ToLower)),
        ["string Trim"] = () => StringCall(nameof(string.Trim)),
        ["string.IsNullOrEmpty"] = () => StringStatic(nameof(string.IsNullOrEmpty), Prop(nameof(ProbeFacts.Name))),
        ["string.IsNullOrWhiteSpace"] = () => StringStatic(nameof(string.IsNullOrWhiteSpace), Prop(nameof(ProbeFacts.Name))),
        ["string.Concat"] = () => StringStatic(nameof(string.Concat), Prop(nameof(ProbeFacts.Name)), Expression.Constant("x")),
        ["string.Compare"] = () => StringStatic(nameof(string.Compare), Prop(nameof(ProbeFacts.Name)), Expression.Constant("x")),
        ["string.Equals"] = () => StringStatic(nameof(string.Equals), Prop(nameof(ProbeFacts.Name)), Expression.Constant("x")),
        ["Any over a fact collection"] = () => Tags(nameof(Enumerable.Any)),
        ["Any with a lambda over a fact collection"] = () => Tags(nameof(Enumerable.Any), StringPredicate(t => StringCallOn(t, nameof(string.StartsWith), "V"))),
        ["All with a lambda over a fact collection"] = () => Tags(nameof(Enumerable.All), StringPredicate(t => Expression.GreaterThan(Expression.Property(t, "Length"), Expression.Constant(1)))),
        ["Count over a fact collection"] = () => Tags(nameof(Enumerable.Count)),
        ["Sum over a fact collection"] = () => Tags(nameof(Enumerable.Sum), (Expression<Func<string, int>>)(t => t.Length)),
        ["Max over a fact collection"] = () => Tags(nameof(Enumerable.Max)),
        ["Min over a fact collection"] = () => Tags(nameof(Enumerable.Min)),
        ["Enumerable.Contains over a fact collection"] = () => Tags(nameof(Enumerable.Contains), Expression.Constant("VIP")),
        ["TagSet.Contains"] = () => Expression.Call(Prop(nameof(ProbeFacts.Tags)), typeof(TagSet).GetMethod(nameof(TagSet.Contains))!, Expression.Constant("VIP")),
        ["Math.Max"] = () => Expression.Call(typeof(Math).GetMethod(nameof(Math.Max), [typeof(int), typeof(int)])!, Prop(nameof(ProbeFacts.Score)), Expression.Constant(1)),
        ["decimal operator"] = () => Expression.Add(Expression.Constant(1m), Expression.Constant(2m)),
        ["a Math method as the operator"] = () => Expression.MakeBinary(ExpressionType.Add, Prop(nameof(ProbeFacts.Score)), Expression.Constant(1), false, typeof(Math).GetMethod(nameof(Math.Max), [typeof(int), typeof(int)])),
        ["widening conversion"] = () => Expression.Convert(Prop(nameof(ProbeFacts.Score)), typeof(long)),
        ["conversion to nullable"] = () => Expression.Convert(Prop(nameof(ProbeFacts.Score)), typeof(int?)),
        ["boxing a scalar"] = () => Expression.Convert(Prop(nameof(ProbeFacts.Score)), typeof(object)),
        ["unboxing to a scalar"] = () => Expression.Convert(Prop(nameof(ProbeFacts.Boxed)), typeof(int)),
        ["checked scalar conversion"] = () => Expression.ConvertChecked(Prop(nameof(ProbeFacts.Score)), typeof(short)),
        ["logical not"] = () => Expression.Not(Expression.Property(Prop(nameof(ProbeFacts.Optional)), "HasValue")),
    };

    private static readonly Dictionary<string, (Func<Expression> Build, string Code, string Message)> Refused = new()
    {
        ["new"] = (() => Expression.New(typeof(object)), RuleDiagnosticCodes.SandboxViolation, Node("New", Create)),
        ["new array with bounds"] = (() => Expression.NewArrayBounds(typeof(int), Expression.Constant(1)), RuleDiagnosticCodes.SandboxViolation, Node("NewArrayBounds", Create)),
        ["new array with items"] = (() => Expression.NewArrayInit(typeof(int), Expression.Constant(1)), RuleDiagnosticCodes.SandboxViolation, Node("NewArrayInit", Create)),
        ["object initializer"] = (() => Expression.MemberInit(Expression.New(typeof(Wrapper)), Expression.Bind(typeof(Wrapper).GetProperty(nameof(Wrapper.Secret))!, Expression.Constant(1))), RuleDiagnosticCodes.SandboxViolation, Node("MemberInit", Create)),
        ["list initializer"] = (() => Expression.ListInit(Expression.New(typeof(List<int>)), Expression.Constant(1)), RuleDiagnosticCodes.SandboxViolation, Node("ListInit", Create)),
        ["invoke"] = (() => Expression.Invoke(Expression.Lambda<Func<int>>(Expression.Constant(1))), RuleDiagnosticCodes.SandboxViolation, Node("Invoke", Statement)),
        ["assign"] = (() => Expression.Assign(Expression.Variable(typeof(int), "v"), Expression.Constant(1)), RuleDiagnosticCodes.SandboxViolation, Node("Assign", Statement)),
        ["block"] = (() => Expression.Block(Expression.Constant(1)), RuleDiagnosticCodes.SandboxViolation, Node("Block", Statement)),
        ["loop"] = (() => Expression.Loop(Expression.Empty()), RuleDiagnosticCodes.SandboxViolation, Node("Loop", Statement)),
        ["goto"] = (() => Expression.Goto(Expression.Label()), RuleDiagnosticCodes.SandboxViolation, Node("Goto", Statement)),
        ["throw"] = (() => Expression.Throw(Expression.Constant(new InvalidOperationException())), RuleDiagnosticCodes.SandboxViolation, Node("Throw", Statement)),
        ["try"] = (() => Expression.TryFinally(Expression.Constant(1), Expression.Empty()), RuleDiagnosticCodes.SandboxViolation, Node("Try", Statement)),
        ["indexer"] = (() => Expression.MakeIndex(Expression.Constant(new List<int> { 1 }), typeof(List<int>).GetProperty("Item"), [Expression.Constant(0)]), RuleDiagnosticCodes.SandboxViolation, Node("Index", Index)),
        ["array index"] = (() => Expression.ArrayIndex(Expression.Constant(new[] { 1 }), Expression.Constant(0)), RuleDiagnosticCodes.SandboxViolation, Node("ArrayIndex", Index)),
        ["dynamic"] = (() => Expression.Dynamic(new RefusedBinder(), typeof(object), Expression.Constant(1)), RuleDiagnosticCodes.SandboxViolation, Node("Dynamic", LateBound)),
        ["extension node"] = (() => new OpaqueExpression(), RuleDiagnosticCodes.SandboxViolation, Node("Extension", Opaque)),
        ["runtime variables"] = (() => Expression.RuntimeVariables(Expression.Variable(typeof(int), "v")), RuleDiagnosticCodes.SandboxViolation, Node("RuntimeVariables", Statement)),
        ["type test (is)"] = (() => Expression.TypeIs(Prop(nameof(ProbeFacts.Boxed)), typeof(int)), RuleDiagnosticCodes.SandboxViolation, Node("TypeIs", TypeTest)),
        ["exact type test"] = (() => Expression.TypeEqual(Prop(nameof(ProbeFacts.Boxed)), typeof(int)), RuleDiagnosticCodes.SandboxViolation, Node("TypeEqual", TypeTest)),
        ["as cast"] = (() => Expression.TypeAs(Prop(nameof(ProbeFacts.Boxed)), typeof(string)), RuleDiagnosticCodes.SandboxViolation, Node("TypeAs", TypeTest)),
        ["quote"] = (() => Expression.Quote(Expression.Lambda<Func<int>>(Expression.Constant(1))), RuleDiagnosticCodes.SandboxViolation, Node("Quote", Quoted)),

        ["constant object"] = (() => Expression.Constant(new object()), RuleDiagnosticCodes.SandboxViolation, $"{Constant} Detail: the value is of the .NET type `Object`."),
        ["constant array"] = (() => Expression.Constant(new[] { 1 }), RuleDiagnosticCodes.SandboxViolation, $"{Constant} Detail: the value is of the .NET type `Int32[]`."),
        ["unknown parameter"] = (() => Expression.Parameter(typeof(int), "stranger"), RuleDiagnosticCodes.SandboxViolation, "`stranger` is not a known fact or parameter: rules read facts (`customer.…`, `ticket.…`), parameters and shared values."),

        ["property of a type that is neither a fact nor a string"] = (() => Nested(nameof(Wrapper.Secret)), RuleDiagnosticCodes.SandboxViolation, Reads("Wrapper.Secret")),
        ["a non-string Length"] = (() => Nested(nameof(Wrapper.Length)), RuleDiagnosticCodes.SandboxViolation, Reads("Wrapper.Length")),
        ["a non-tag Count"] = (() => Nested(nameof(Wrapper.Count)), RuleDiagnosticCodes.SandboxViolation, Reads("Wrapper.Count")),
        ["a non-nullable HasValue"] = (() => Nested(nameof(Wrapper.HasValue)), RuleDiagnosticCodes.SandboxViolation, Reads("Wrapper.HasValue")),
        ["a non-nullable Value"] = (() => Nested(nameof(Wrapper.Value)), RuleDiagnosticCodes.SandboxViolation, Reads("Wrapper.Value")),
        ["fact property with a private getter"] = (() => Prop(nameof(ProbeFacts.Hidden)), RuleDiagnosticCodes.SandboxViolation, Reads("ProbeFacts.Hidden")),
        ["static property of a fact type"] = (() => Static(typeof(ProbeFacts), nameof(ProbeFacts.Shared)), RuleDiagnosticCodes.SandboxViolation, Reads("ProbeFacts.Shared")),
        ["instance field of a fact"] = (() => Expression.Field(Fact, nameof(ProbeFacts.InstanceField)), RuleDiagnosticCodes.SandboxViolation, Reads("ProbeFacts.InstanceField")),
        ["static read-only field of a non-scalar type"] = (() => Static(typeof(ProbeFacts), nameof(ProbeFacts.StaticReadonlyField)), RuleDiagnosticCodes.SandboxViolation, Reads("ProbeFacts.StaticReadonlyField")),
        ["static mutable field"] = (() => Static(typeof(ProbeFacts), nameof(ProbeFacts.StaticMutableField)), RuleDiagnosticCodes.SandboxViolation, Reads("ProbeFacts.StaticMutableField")),
        ["non-scalar struct constant field"] = (() => Static(typeof(TimeSpan), nameof(TimeSpan.Zero)), RuleDiagnosticCodes.SandboxViolation, Reads("TimeSpan.Zero")),
        ["DateTime.Now"] = (() => Static(typeof(DateTime), nameof(DateTime.Now)), RuleDiagnosticCodes.SandboxViolation, Reads("DateTime.Now", ClockRule)),
        ["DateTime.MaxValue"] = (() => Static(typeof(DateTime), nameof(DateTime.MaxValue)), RuleDiagnosticCodes.SandboxViolation, Reads("DateTime.MaxValue")),
        ["DateTimeOffset.UtcNow"] = (() => Static(typeof(DateTimeOffset), nameof(DateTimeOffset.UtcNow)), RuleDiagnosticCodes.SandboxViolation, Reads("DateTimeOffset.UtcNow", ClockRule)),
        ["Environment.TickCount"] = (() => Static(typeof(Environment), nameof(Environment.TickCount)), RuleDiagnosticCodes.SandboxViolation, Reads("Environment.TickCount", ClockRule)),

        ["Enumerable.Range"] = (() => Expression.Call(typeof(Enumerable).GetMethod(nameof(Enumerable.Range))!, Expression.Constant(0), Expression.Constant(3)), RuleDiagnosticCodes.GeneratorNotAllowed, GeneratorMessage("Range")),
        ["Enumerable.Repeat"] = (() => Expression.Call(typeof(Enumerable), nameof(Enumerable.Repeat), [typeof(string)], Expression.Constant("a"), Expression.Constant(3)), RuleDiagnosticCodes.GeneratorNotAllowed, GeneratorMessage("Repeat")),
        ["Enumerable.Empty"] = (() => Expression.Call(typeof(Enumerable), nameof(Enumerable.Empty), [typeof(string)]), RuleDiagnosticCodes.GeneratorNotAllowed, GeneratorMessage("Empty")),
        ["Select over a fact collection"] = (() => Tags(nameof(Enumerable.Select), (Expression<Func<string, string>>)(t => t)), RuleDiagnosticCodes.SandboxViolation, Calls("Enumerable.Select", OtherMethod)),
        ["OrderBy over a fact collection"] = (() => Tags(nameof(Enumerable.OrderBy), (Expression<Func<string, string>>)(t => t)), RuleDiagnosticCodes.SandboxViolation, Calls("Enumerable.OrderBy", OtherMethod)),
        ["Aggregate over a fact collection"] = (() => Tags(nameof(Enumerable.Aggregate), (Expression<Func<string, string, string>>)((a, b) => a)), RuleDiagnosticCodes.SandboxViolation, Calls("Enumerable.Aggregate", OtherMethod)),
        ["Any over a constant"] = (() => Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(string)], Expression.Constant(new[] { "a" })), RuleDiagnosticCodes.SandboxViolation, AggregateMessage("Any")),
        ["Count over a static member"] = (() => Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(string)], Static(typeof(ProbeFacts), nameof(ProbeFacts.Catalog))), RuleDiagnosticCodes.SandboxViolation, AggregateMessage("Count")),
        ["Count over an unknown parameter"] = (() => Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(string)], Expression.Parameter(typeof(string[]), "stranger")), RuleDiagnosticCodes.SandboxViolation, AggregateMessage("Count")),
        ["string Replace"] = (() => StringCall(nameof(string.Replace), "a", "b"), RuleDiagnosticCodes.SandboxViolation, Calls("String.Replace", TextFunction)),
        ["string Contains(char)"] = (() => Expression.Call(Prop(nameof(ProbeFacts.Name)), typeof(string).GetMethod(nameof(string.Contains), [typeof(char)])!, Expression.Constant('a')), RuleDiagnosticCodes.SandboxViolation, Calls("String.Contains", TextFunction)),
        ["string StartsWith with a comparison"] = (() => Expression.Call(Prop(nameof(ProbeFacts.Name)), typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string), typeof(StringComparison)])!, Expression.Constant("a"), Expression.Constant(StringComparison.Ordinal)), RuleDiagnosticCodes.SandboxViolation, Calls("String.StartsWith", TextFunction)),
        ["string ToUpperInvariant"] = (() => StringCall(nameof(string.ToUpperInvariant)), RuleDiagnosticCodes.SandboxViolation, Calls("String.ToUpperInvariant", TextFunction)),
        ["string.Join"] = (() => StringStatic(nameof(string.Join), Expression.Constant(","), Expression.Constant(new[] { "a" })), RuleDiagnosticCodes.SandboxViolation, Calls("String.Join", TextFunction)),
        ["TagSet.GetEnumerator"] = (() => Expression.Call(Prop(nameof(ProbeFacts.Tags)), typeof(TagSet).GetMethod(nameof(TagSet.GetEnumerator))!), RuleDiagnosticCodes.SandboxViolation, Calls("TagSet.GetEnumerator", OtherMethod)),
        ["nullable ToString"] = (() => Expression.Call(Prop(nameof(ProbeFacts.Optional)), typeof(int?).GetMethod(nameof(ToString), Type.EmptyTypes)!), RuleDiagnosticCodes.SandboxViolation, Calls("Nullable`1.ToString", ToText)),
        ["a fact's method"] = (() => Expression.Call(Fact, typeof(ProbeFacts).GetMethod(nameof(ProbeFacts.Twice))!), RuleDiagnosticCodes.SandboxViolation, Calls("ProbeFacts.Twice", FactMethod)),
        ["GetType"] = (() => Expression.Call(Fact, typeof(object).GetMethod(nameof(GetType))!), RuleDiagnosticCodes.SandboxViolation, Calls("Object.GetType", Reflection)),
        ["a System.Type method"] = (() => Expression.Call(Expression.Constant(typeof(int)), typeof(Type).GetMethod(nameof(Type.GetProperties), Type.EmptyTypes)!), RuleDiagnosticCodes.SandboxViolation, Calls("Type.GetProperties", Reflection)),
        ["a System.Reflection method"] = (() => Expression.Call(Expression.Constant(typeof(int).Assembly), typeof(Assembly).GetMethod(nameof(Assembly.GetName), Type.EmptyTypes)!), RuleDiagnosticCodes.SandboxViolation, Calls("Assembly.GetName", Reflection)),
        ["Convert.ToInt32"] = (() => Expression.Call(typeof(Convert).GetMethod(nameof(Convert.ToInt32), [typeof(string)])!, Prop(nameof(ProbeFacts.Name))), RuleDiagnosticCodes.SandboxViolation, Calls("Convert.ToInt32", TextToNumber)),
        ["DateTime.Parse"] = (() => Expression.Call(typeof(DateTime).GetMethod(nameof(DateTime.Parse), [typeof(string)])!, Expression.Constant("2026-01-01")), RuleDiagnosticCodes.SandboxViolation, Calls("DateTime.Parse", TextToDate)),
        ["DateTimeOffset.Parse"] = (() => Expression.Call(typeof(DateTimeOffset).GetMethod(nameof(DateTimeOffset.Parse), [typeof(string)])!, Expression.Constant("2026-01-01")), RuleDiagnosticCodes.SandboxViolation, Calls("DateTimeOffset.Parse", TextToDate)),
        ["Convert.ToDateTime"] = (() => Expression.Call(typeof(Convert).GetMethod(nameof(Convert.ToDateTime), [typeof(string)])!, Prop(nameof(ProbeFacts.Name))), RuleDiagnosticCodes.SandboxViolation, Calls("Convert.ToDateTime", TextToDate)),
        ["Convert.ToString"] = (() => Expression.Call(typeof(Convert).GetMethod(nameof(Convert.ToString), [typeof(int)])!, Prop(nameof(ProbeFacts.Score))), RuleDiagnosticCodes.SandboxViolation, Calls("Convert.ToString", ToText)),
        ["Convert.ToInt64 of a number"] = (() => Expression.Call(typeof(Convert).GetMethod(nameof(Convert.ToInt64), [typeof(int)])!, Prop(nameof(ProbeFacts.Score))), RuleDiagnosticCodes.SandboxViolation, Calls("Convert.ToInt64", NumberConversion)),
        ["decimal.Parse"] = (() => Expression.Call(typeof(decimal).GetMethod(nameof(decimal.Parse), [typeof(string)])!, Prop(nameof(ProbeFacts.Name))), RuleDiagnosticCodes.SandboxViolation, Calls("Decimal.Parse", TextToNumber)),
        ["string.Format"] = (() => Expression.Call(typeof(string).GetMethod(nameof(string.Format), [typeof(string), typeof(object)])!, Expression.Constant("{0}"), Expression.Constant(null, typeof(object))), RuleDiagnosticCodes.SandboxViolation, Calls("String.Format", ToText)),
        ["TimeSpan.Parse"] = (() => Expression.Call(typeof(TimeSpan).GetMethod(nameof(TimeSpan.Parse), [typeof(string)])!, Prop(nameof(ProbeFacts.Name))), RuleDiagnosticCodes.SandboxViolation, Calls("TimeSpan.Parse", TextToDate)),
        ["TimeSpan.FromDays"] = (() => Expression.Call(typeof(TimeSpan).GetMethod(nameof(TimeSpan.FromDays), [typeof(double)])!, Expression.Constant(1.0)), RuleDiagnosticCodes.SandboxViolation, Calls("TimeSpan.FromDays", OtherMethod)),
        ["DateTime.Today"] = (() => Static(typeof(DateTime), nameof(DateTime.Today)), RuleDiagnosticCodes.SandboxViolation, Reads("DateTime.Today", ClockRule)),
        ["a clock read under another member"] = (() => Expression.Property(Static(typeof(DateTime), nameof(DateTime.Now)), nameof(DateTime.Year)), RuleDiagnosticCodes.SandboxViolation, Reads("DateTime.Now", ClockRule)),
        ["Environment.GetEnvironmentVariable"] = (() => Expression.Call(typeof(Environment).GetMethod(nameof(Environment.GetEnvironmentVariable), [typeof(string)])!, Expression.Constant("PATH")), RuleDiagnosticCodes.SandboxViolation, Calls("Environment.GetEnvironmentVariable", ClockRule)),

        ["operator method of a non-scalar type"] = (() => Expression.Add(Prop(nameof(ProbeFacts.Duration)), Prop(nameof(ProbeFacts.Duration))), RuleDiagnosticCodes.SandboxViolation, OperatorMethod("TimeSpan.op_Addition")),
        ["unary operator method of a non-scalar type"] = (() => Expression.Negate(Prop(nameof(ProbeFacts.Duration))), RuleDiagnosticCodes.SandboxViolation, OperatorMethod("TimeSpan.op_UnaryNegation")),
        ["cast between non-scalar types"] = (() => Expression.Convert(Prop(nameof(ProbeFacts.Tags)), typeof(IEnumerable<string>)), RuleDiagnosticCodes.SandboxViolation, $"{Conversion} Detail: the expression converts `TagSet` to `IEnumerable`1`."),
        ["checked cast between non-scalar types"] = (() => Expression.ConvertChecked(Prop(nameof(ProbeFacts.Nested)), typeof(object)), RuleDiagnosticCodes.SandboxViolation, $"{Conversion} Detail: the expression converts `Wrapper` to `Object`."),
    };

    public static TheoryData<string> AllowedRows => [.. Allowed.Keys];

    public static TheoryData<string> RefusedRows => [.. Refused.Keys];

    [Theory]
    [MemberData(nameof(AllowedRows))]
    public void Check_AllowedConstruct_HasNoFinding(string row)
    {
        var sandbox = Check(Allowed[row]());

        Assert.Empty(sandbox.Findings);
    }

    [Theory]
    [MemberData(nameof(RefusedRows))]
    public void Check_RefusedConstruct_HasExactlyItsOwnFinding(string row)
    {
        var (build, code, message) = Refused[row];

        var finding = Assert.Single(Check(build()).Findings);

        Assert.Equal(code, finding.Code);
        Assert.Equal(message, finding.Message);
        // Wave 19: every finding speaks zh-Hans too, in plain words; a .NET name (`NewArrayInit`, `TimeSpan.op_Addition`) only after 详情.
        var text = Assert.IsType<Diagnostics.DiagnosticText>(finding.Text);
        Assert.Equal(message, text.English);
        Assert.DoesNotContain("not allowed", text.Chinese, StringComparison.Ordinal);
        // A missing zh-Hans entry falls back to the English resource: the plain words (before any detail) must be Chinese, not English.
        var plainEnglish = message.Split(" Detail:")[0];
        var plainChinese = text.Chinese.Split("详情：")[0];
        Assert.NotEqual(text.English, text.Chinese);
        Assert.DoesNotContain(plainEnglish, text.Chinese, StringComparison.Ordinal);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", plainChinese);
        var detail = text.Chinese.IndexOf("详情：", StringComparison.Ordinal);
        var dotNet = System.Text.RegularExpressions.Regex.Match(message, @"Detail: [^`]*`([^`]+)`").Groups[1].Value;
        if (dotNet.Length > 0)
        {
            Assert.True(detail > 0 && text.Chinese.IndexOf(dotNet, StringComparison.Ordinal) > detail, text.Chinese);
            Assert.True(message.IndexOf(dotNet, StringComparison.Ordinal) > message.IndexOf("Detail:", StringComparison.Ordinal), message);
        }
    }

    [Fact]
    public void Check_RefusedCall_DoesNotLookInsideIt()
    {
        // The refused call is reported once; its refused argument (a non-scalar constant) is not visited at all.
        var call = Expression.Call(typeof(Convert).GetMethod(nameof(Convert.ToInt32), [typeof(object)])!, Expression.Constant(new object()));

        var finding = Assert.Single(Check(call).Findings);

        Assert.Equal(Calls("Convert.ToInt32", NumberConversion), finding.Message);
    }

    [Fact]
    public void Check_AllowedCallWithRefusedArgument_ReportsTheArgument()
    {
        var call = Expression.Call(Prop(nameof(ProbeFacts.Name)), typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!, Expression.Call(Fact, typeof(object).GetMethod(nameof(ToString))!));

        var finding = Assert.Single(Check(call).Findings);

        Assert.Equal(Calls("Object.ToString", ToText), finding.Message);
    }

    [Fact]
    public void Check_SameViolationTwice_IsReportedOnce_DifferentOnesEach()
    {
        var secret = Nested(nameof(Wrapper.Secret));
        var twice = Expression.Add(secret, secret);
        var two = Expression.Add(secret, Nested(nameof(Wrapper.Count)));

        Assert.Single(Check(twice).Findings);
        Assert.Equal([Reads("Wrapper.Secret"), Reads("Wrapper.Count")], Check(two).Findings.Select(f => f.Message));
    }

    [Fact]
    public void Check_CountsEveryVisitedNode()
    {
        // fact.Score > 1: the comparison, the property, the fact parameter and the constant.
        Assert.Equal(4, Check(Expression.GreaterThan(Prop(nameof(ProbeFacts.Score)), Expression.Constant(1))).NodeCount);

        // A static member has no instance node to count.
        Assert.Equal(1, Check(Expression.Field(null, typeof(Math), nameof(Math.PI))).NodeCount);
    }

    [Fact]
    public void Check_ReportsTimeDependentFactsOnly()
    {
        var body = Expression.AndAlso(
            Expression.GreaterThan(Prop(nameof(ProbeFacts.AgeMinutes)), Expression.Constant(60)),
            Expression.GreaterThan(Prop(nameof(ProbeFacts.Score)), Expression.Constant(1)));

        Assert.Equal([nameof(ProbeFacts.AgeMinutes)], Check(body).TimeDependentReads);
    }

    [Fact]
    public void Check_NamesEveryMemberAndMethodUsed()
    {
        var body = Expression.AndAlso(
            StringCall(nameof(string.StartsWith), "a"),
            Expression.GreaterThan(Expression.Property(Prop(nameof(ProbeFacts.Tags)), nameof(TagSet.Count)), Expression.Constant(0)));

        Assert.Equal(
            new[] { nameof(TagSet.Count), nameof(ProbeFacts.Name), nameof(string.StartsWith), nameof(ProbeFacts.Tags) },
            Check(body).MemberNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Check_LambdaParameterIsKnownInsideItsLambdaOnly()
    {
        var t = Expression.Parameter(typeof(string), "t");
        var inside = Tags(nameof(Enumerable.Any), Expression.Lambda<Func<string, bool>>(StringCallOn(t, nameof(string.Contains), "x"), t));
        var outside = Expression.AndAlso(inside, StringCallOn(Expression.Parameter(typeof(string), "t"), nameof(string.Contains), "x"));

        Assert.Empty(Check(inside).Findings);
        Assert.Equal("`t` is not a known fact or parameter: rules read facts (`customer.…`, `ticket.…`), parameters and shared values.", Assert.Single(Check(outside).Findings).Message);
    }

    private static string Node(string nodeType, string rule) => $"{rule} Detail: the expression holds a .NET `{nodeType}` node.";

    private static string OperatorMethod(string method) => $"{Operator} Detail: the expression applies the .NET operator method `{method}`.";

    private static string GeneratorMessage(string name) =>
        Calls("Enumerable." + name, "Generating a sequence of values is not allowed in rules: aggregate over the facts' own collections only, such as `customer.Tags.Count`.");

    private static string AggregateMessage(string name) => $"`{name}` may only aggregate over a fact collection such as `customer.Tags`.";

    private static string Reads(string member, string rule = MemberRule) => $"{rule} Detail: the expression reads `{member}`.";

    private static string Calls(string method, string rule) => $"{rule} Detail: the expression calls `{method}`.";

    private static Expression StringCall(string name, params string[] arguments) => StringCallOn(Prop(nameof(ProbeFacts.Name)), name, arguments);

    private static Expression StringCallOn(Expression target, string name, params string[] arguments) =>
        Expression.Call(target, typeof(string).GetMethod(name, [.. arguments.Select(_ => typeof(string))])!, [.. arguments.Select(a => Expression.Constant(a))]);

    private static Expression StringStatic(string name, params Expression[] arguments) =>
        Expression.Call(typeof(string).GetMethod(name, BindingFlags.Public | BindingFlags.Static, [.. arguments.Select(a => a.Type)])!, arguments);

    private static Expression Tags(string method, params Expression[] rest) =>
        Expression.Call(typeof(Enumerable), method, method is nameof(Enumerable.Select) or nameof(Enumerable.OrderBy) ? [typeof(string), typeof(string)] : [typeof(string)], [Prop(nameof(ProbeFacts.Tags)), .. rest]);
}
