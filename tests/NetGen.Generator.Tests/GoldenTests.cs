using System.Collections.Generic;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>The generated code of the canonical networks, compared line by line with reviewed files (acceptance point 5).</summary>
public sealed class GoldenTests
{
    public static TheoryData<string, string, string> Canonical => new()
    {
        { Networks.Chain, "Samples.Calculus.Chain+1808.NetGen.g.cs", "Chain.g.cs" },
        { Networks.Xor, "XorNet+9.NetGen.g.cs", "XorNet.g.cs" },
        { Networks.Classifier, "Samples.Classification.Classifier+180002.NetGen.g.cs", "Classifier.g.cs" },
        { TwoBranch, "Samples.Branching.TwoBranch+18009.NetGen.g.cs", "TwoBranch.g.cs" },
        { SmallConv, "Samples.Images.SmallConv+18024.NetGen.g.cs", "SmallConv.g.cs" },
    };

    /// <summary>The small convolutional network of issue 11: a 1×6×6 image, two 3×3 filters, 2×2 max pooling, a dense layer.</summary>
    public const string SmallConv = """
        using NetGen;

        namespace Samples.Images
        {
            /// <summary>A 6×6 image, two 3×3 filters, max pooling, two outputs.</summary>
            [Network(Loss = Loss.SquaredError)]
            [Input("image", 1, 6, 6)]
            [Conv(2, 3, Activation.ReLU)]
            [MaxPool(2)]
            [Dense(2, Activation.Sigmoid)]
            public partial class SmallConv { }
        }
        """;

    /// <summary>The smallest branching network: one hidden layer read by two heads, each an output with its own weight,
    /// so that a hidden neuron reaches the cost along two paths.</summary>
    public const string TwoBranch = """
        using NetGen;

        namespace Samples.Branching
        {
            /// <summary>Two inputs, a shared tanh layer h1 of two neurons, and two one-neuron heads on it.</summary>
            [Network(Inputs = 2)]
            [Dense(2, Activation.Tanh, Name = "h1")]
            [Dense(1, Activation.Sigmoid, Name = "left", From = new[] { "h1" })]
            [Dense(1, Activation.Identity, Name = "right", From = new[] { "h1" })]
            [Output("left", Loss.SquaredError)]
            [Output("right", Loss.SquaredError, Weight = 0.5)]
            public partial class TwoBranch { }
        }
        """;

    [Theory]
    [MemberData(nameof(Canonical))]
    public void Generated_code_matches_the_golden_file(string source, string hintName, string goldenName)
    {
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        IReadOnlyDictionary<string, string> sources = run.Sources;
        Assert.Equal([hintName], sources.Keys);
        GoldenFile.AssertMatches(goldenName, sources[hintName]);
    }

    [Fact]
    public void Chain_golden_spells_out_the_chain_rule_of_the_last_layer()
    {
        // The file a person checks with pencil and paper: for C = (a3 − y)², each factor of
        // ∂C/∂w3 = a2 · σ'(z3) · 2(a3 − y) must appear on its own line, named after the calculus.
        string golden = GoldenFile.Read("Chain.g.cs");

        // ∂C/∂a3 = 2(a3 − y), in the cost.
        Assert.Contains("float e0 = a3[0] - y[0];", golden);
        Assert.Contains("dC_da3[0] = 2f * e0;", golden);
        // ∂a3/∂z3 = σ'(z3) = a3(1 − a3), then ∂C/∂z3 = ∂a3/∂z3 · ∂C/∂a3.
        Assert.Contains("float da_dz3_0 = a3_0 * (1f - a3_0);", golden);
        Assert.Contains("float dC_dz3_0 = da_dz3_0 * dC_da3[0];", golden);
        // ∂C/∂w3 = ∂z3/∂w3 · ∂C/∂z3 = a2 · ∂C/∂z3, and ∂C/∂b3 = ∂C/∂z3 (w3 at index 4, b3 at 5).
        Assert.Contains("gradient[4] += a2_0 * dC_dz3_0;", golden);
        Assert.Contains("gradient[5] += dC_dz3_0;", golden);
        // ∂C/∂z3 is kept for layer 2, whose sensitivity is ∂C/∂a2 = w3 · ∂C/∂z3 (one path).
        Assert.Contains("dC_dz3[0] = dC_dz3_0;", golden);
        Assert.Contains("float dC_da2_0 = w3_0_0 * dC_dz3[0];", golden);
        // And layer 2 continues the chain from it, as does layer 1 from layer 2.
        Assert.Contains("float dC_dz2_0 = da_dz2_0 * dC_da2_0;", golden);
        Assert.Contains("float dC_da1_0 = w2_0_0 * dC_dz2[0];", golden);
    }

    [Fact]
    public void TwoBranch_golden_sums_a_shared_neurons_sensitivity_over_its_paths()
    {
        // h1 (layer 1) is read by left (layer 2) and right (layer 3): by the chain rule, ∂C/∂a1_k is the sum of one
        // product per path to the cost, w2[0,k]·∂C/∂z2_0 through left plus w3[0,k]·∂C/∂z3_0 through right.
        string golden = GoldenFile.Read("TwoBranch.g.cs");

        Assert.Contains("float dC_da1_0 = w2_0_0 * dC_dz2[0] + w3_0_0 * dC_dz3[0];", golden);
        Assert.Contains("float dC_da1_1 = w2_0_1 * dC_dz2[0] + w3_0_1 * dC_dz3[0];", golden);
        // The comment above the sums names the branches, one line per path.
        Assert.Contains("// ∂C/∂a1_k, summed over every path from a1_k to the cost (2 branches), one term per path:", golden);
        Assert.Contains("//   through layer 2 (1 neuron): Σ_j w2[j,k]·∂C/∂z2_j", golden);
        Assert.Contains("//   through layer 3 (1 neuron): Σ_j w3[j,k]·∂C/∂z3_j", golden);
        // Each head's own cost carries its weight: C = 1·C_left + 0.5·C_right, so ∂C/∂a3 = 0.5·2(a3 − y).
        Assert.Contains("dC_da3[0] = 0.5f * 2f * e0;", golden);
        // Then the shared layer continues the chain from the summed sensitivity, as in a chain.
        Assert.Contains("float dC_dz1_0 = da_dz1_0 * dC_da1_0;", golden);
        // The layout stays layer by layer, weights [outputs × concatenated inputs] then biases.
        Assert.Contains("h1: w1 [2×2] at 0, b1 [2] at 4", golden);
        Assert.Contains("right: w3 [1×2] at 9, b3 [1] at 11", golden);
    }

    [Fact]
    public void A_mismatch_names_the_switch_and_shows_the_changed_lines_with_their_numbers()
    {
        string expected = "line one\nline two\nline three\nline four";
        string actual = "line one\nline 2\nline three\ninserted\nline four";

        string? message = GoldenFile.Compare("Golden/X.g.cs", expected, actual);

        Assert.NotNull(message);
        Assert.Contains("Golden/X.g.cs", message);
        Assert.Contains("NETGEN_ACCEPT_GOLDEN=1", message);
        // One replaced line and one inserted line; the alignment keeps "line three" and "line four" unchanged.
        Assert.Contains("3 changed lines", message);
        Assert.Contains("- expected line    2: line two", message);
        Assert.Contains("+ actual   line    2: line 2", message);
        Assert.Contains("+ actual   line    4: inserted", message);
        Assert.DoesNotContain("line four", message);
        Assert.Null(GoldenFile.Compare("Golden/X.g.cs", expected, expected));
    }

    [Fact]
    public void Normalizing_scrubs_the_version_and_line_endings()
    {
        string generated = "[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen\", \"1.2.3.4\")]\r\nclass C { }\r\n";

        Assert.Equal($"[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen\", \"{GoldenFile.VersionToken}\")]\nclass C {{ }}\n",
            GoldenFile.Normalize(generated));
    }
}
