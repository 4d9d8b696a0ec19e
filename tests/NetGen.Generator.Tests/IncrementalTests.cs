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
