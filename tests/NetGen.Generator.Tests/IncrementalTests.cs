using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The generator's cache (acceptance point 6): an edit that does not touch a network must not run the emitter again,
/// and an edit to the network must.
/// </summary>
public sealed class IncrementalTests
{
    private static readonly string[] s_trackedSteps = [NetGenGenerator.Steps.Parse, NetGenGenerator.Steps.Validate, NetGenGenerator.Steps.Model];

    private const string OtherFile = """
        namespace Elsewhere
        {
            internal static class Helper
            {
                public static int Twice(int x) => 2 * x;
            }
        }
        """;

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Networks.Xor);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);

        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.AddSyntaxTrees(GeneratorHarness.Parse(OtherFile, "Other.cs")));

        AssertEveryStepCached(second.Result);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Editing_another_file_leaves_every_step_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Networks.Xor, OtherFile);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);

        SyntaxTree other = compilation.SyntaxTrees[1];
        SyntaxTree edited = GeneratorHarness.Parse(OtherFile.Replace("2 * x", "x + x"), other.FilePath);
        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(other, edited));

        AssertEveryStepCached(second.Result);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Changing_a_layer_size_changes_the_model_and_the_output()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Networks.Xor, OtherFile);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);

        SyntaxTree network = compilation.SyntaxTrees[0];
        string wider = Networks.Xor.Replace("[Dense(3, Activation.Sigmoid)]", "[Dense(4, Activation.Sigmoid)]");
        Assert.NotEqual(Networks.Xor, wider);
        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(network, GeneratorHarness.Parse(wider, network.FilePath)));

        IEnumerable<IncrementalStepRunReason> model = Reasons(second.Result, NetGenGenerator.Steps.Model);
        Assert.Contains(model, r => r is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New);
        Assert.NotEqual(first.SingleSource, second.SingleSource);
        // 2 inputs → 4 → 1: 2·4 + 4 weights and biases in layer 1, 4·1 + 1 in layer 2.
        Assert.Contains("public const int ParameterCount = 17;", second.SingleSource);
    }

    [Fact]
    public void A_blank_line_above_the_class_leaves_the_model_and_the_emitter_cached()
    {
        // The declaration moves, so its locations change and the parse and validate steps run again; the model handed to
        // the emitter holds no location, compares equal, and the source output is not produced again.
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Networks.Xor);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);

        SyntaxTree network = compilation.SyntaxTrees[0];
        string moved = Networks.Xor.Replace("/// <summary>The XOR network", "\n\n/// <summary>The XOR network");
        Assert.NotEqual(Networks.Xor, moved);
        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(network, GeneratorHarness.Parse(moved, network.FilePath)));

        Assert.Contains(Reasons(second.Result, NetGenGenerator.Steps.Parse), r => r == IncrementalStepRunReason.Modified);
        AssertEmitterCached(second.Result);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void A_member_of_the_users_added_to_the_class_leaves_the_emitter_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Networks.Xor);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);

        SyntaxTree network = compilation.SyntaxTrees[0];
        string edited = Networks.Xor.Replace("public partial class XorNet { }", "public partial class XorNet { public int Epochs { get; set; } }");
        Assert.NotEqual(Networks.Xor, edited);
        GeneratorRun second = GeneratorHarness.Run(first.Driver, compilation.ReplaceSyntaxTree(network, GeneratorHarness.Parse(edited, network.FilePath)));

        AssertEmitterCached(second.Result);
        Assert.Equal(first.Sources, second.Sources);
    }

    /// <summary>The model step's outputs are Cached or Unchanged and no source output ran.</summary>
    private static void AssertEmitterCached(GeneratorRunResult result)
    {
        List<IncrementalStepRunReason> model = Reasons(result, NetGenGenerator.Steps.Model).ToList();
        Assert.NotEmpty(model);
        Assert.All(model, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"The model step is {r}."));
        List<IncrementalStepRunReason> sources = result.TrackedOutputSteps
            .Where(s => s.Key == "SourceOutput")
            .SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    /// <summary>Every output of the tracked steps and of the source outputs is Cached or Unchanged: nothing was emitted again.</summary>
    private static void AssertEveryStepCached(GeneratorRunResult result)
    {
        foreach (string step in s_trackedSteps)
        {
            List<IncrementalStepRunReason> reasons = Reasons(result, step).ToList();
            // An empty list would pass vacuously; the XOR network must flow through every step.
            Assert.NotEmpty(reasons);
            Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"Step {step} has an output that is {r}, so an unrelated edit made the generator do work again."));
        }

        // The source-output steps: the emitter did not run again.
        List<IncrementalStepRunReason> outputs = result.TrackedOutputSteps.Values
            .SelectMany(steps => steps).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step)
    {
        Assert.True(result.TrackedSteps.ContainsKey(step), $"No tracked step named {step}; the pipeline's tracking names changed.");
        ImmutableArray<IncrementalGeneratorRunStep> runs = result.TrackedSteps[step];
        return runs.SelectMany(r => r.Outputs).Select(o => o.Reason);
    }
}
