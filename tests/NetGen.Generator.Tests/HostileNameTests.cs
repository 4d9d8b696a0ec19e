using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// A corpus of odd but valid declarations — each one a name or value that once reached generated code unescaped or
/// colliding — compiled with every warning on and XML docs checked: whatever the generator accepts compiles without
/// errors or warnings. <see cref="PropertyTests"/> draws further cases at random from the same hostile alphabet.
/// </summary>
public sealed class HostileNameTests
{
    public static TheoryData<string, string> Corpus => new()
    {
        // Element locals of inputs x and x_0 used to be in_x_0 for both (CS0136); a-b and a_b met as one identifier.
        { "inputs x and x_0", Branching(("x", 2), ("x_0", 3)) },
        { "inputs a-b and a_b", Branching(("a-b", 2), ("a_b", 2)) },
        // A parameter named nameof made nameof(nameof) mean the parameter (CS0149).
        { "an input named nameof", Branching(("nameof", 2), ("value", 1)) },
        { "inputs named like the overloads' own parameters and members", Branching(("gradient", 1), ("ForwardCore", 1), ("Parameters", 2)) },
        { "keywords", Branching(("class", 1), ("this", 1), ("global", 2)) },
        // < and & broke the XML docs (CS1570); line breaks ended comments and the file.
        { "XML characters", Branching(("a<b", 2), ("c&d\"'>", 1)) },
        { "line breaks", Branching(("x\r", 1), ("y\u2028z", 1), ("w\u0085\n", 2)) },
        { "comment and doc markers", Branching(("*/ /*", 1), ("/// <summary>", 2)) },
        { "surrogates and invisible characters", Branching(("😀", 1), ("\uD800", 1), ("\u202Eabc", 1), ("\u200B\uFEFF", 2)) },
        { "a weight that only a float can barely hold", """
            [Network(Inputs = 2)]
            [Dense(2, Activation.Tanh, Name = "h")]
            [Dense(1, Activation.Sigmoid, Name = "o1", From = new[] { "h" })]
            [Dense(1, Activation.Sigmoid, Name = "o2", From = new[] { "h" })]
            [Output("o1", Loss.SquaredError, Weight = 1e30)]
            [Output("o2", Loss.SquaredError, Weight = 1e-30)]
            internal partial class Net { }
            """ },
        { "layers named like locals", """
            [Network(Inputs = 2)]
            [Dense(2, Activation.Tanh, Name = "a0")]
            [Dense(2, Activation.Tanh, Name = "z1_0")]
            [Dense(1, Activation.Sigmoid, Name = "dC_dz1", From = new[] { "a0", "z1_0" })]
            [Output("dC_dz1", Loss.SquaredError)]
            internal partial class Net { }
            """ },
    };

    /// <summary>Inputs of the given names and sizes, each read by one layer, summed into one output.</summary>
    private static string Branching(params (string Name, int Size)[] inputs)
    {
        string Literal(string s) => "\"" + string.Concat(s.Select(c => c is >= ' ' and < (char)127 and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:X4}")) + "\"";
        var lines = new List<string> { "[Network]" };
        lines.AddRange(inputs.Select(i => $"[Input({Literal(i.Name)}, {i.Size})]"));
        lines.AddRange(inputs.Select((i, n) => $"[Dense(2, Activation.Tanh, Name = {Literal(i.Name + "·h")}, From = new[] {{ {Literal(i.Name)} }})]"));
        lines.Add($"[Add(\"sum\", {string.Join(", ", inputs.Select(i => Literal(i.Name + "·h")))})]");
        lines.Add("[Dense(2, Activation.Softmax, Name = \"p\", From = new[] { \"sum\" })]");
        lines.Add($"[Dense(1, Activation.Identity, Name = {Literal(inputs[0].Name + "·out")}, From = new[] {{ \"sum\", {Literal(inputs[0].Name)} }})]");
        lines.Add("[Output(\"p\", Loss.CrossEntropy)]");
        lines.Add($"[Output({Literal(inputs[0].Name + "·out")}, Loss.SquaredError, Weight = 0.5)]");
        lines.Add("internal partial class Net { }");
        return string.Join("\n", lines);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Generated_code_compiles_without_warnings(string description, string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + declaration);
        Assert.Null(run.Result.Exception);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, $"{description}: {GeneratorHarness.Describe(run.GeneratorDiagnostics)}");
        string generated = Assert.Single(run.Result.GeneratedSources).SourceText.ToString();

        // No raw line break or format character from a name survives into the file outside its string literals' escapes.
        foreach (char c in new[] { '\u2028', '\u2029', '\u0085', '\u202E', '\u200B', '\uFEFF', '\r' })
            Assert.True(generated.IndexOf(c) < 0, $"{description}: U+{(int)c:X4} reached the generated file");

        using var stream = new MemoryStream();
        EmitResult emit = run.Output.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        List<Diagnostic> problems = GeneratorHarness.WarningsAndErrors(emit.Diagnostics).ToList();
        Assert.True(problems.Count == 0 && emit.Success, $"{description}:\n{GeneratorHarness.Describe(problems)}");
    }
}
