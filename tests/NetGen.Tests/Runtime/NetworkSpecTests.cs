using System;
using Xunit;

namespace NetGen.Tests.Runtime;

/// <summary>The runtime description of a network: layout, names, and the checks that refuse a bad graph.</summary>
public sealed class NetworkSpecTests
{
    private static NetworkSpec Skip() => new(
        [new InputSpec("x", 3)],
        [
            new LayerSpec("h1", LayerKind.Dense, 4, Activation.Tanh, ["x"]),
            new LayerSpec("h2", LayerKind.Dense, 4, Activation.ReLU, ["h1"]),
            new LayerSpec("r", LayerKind.Add, 4, Activation.Identity, ["h1", "h2"]),
            new LayerSpec("out", LayerKind.Dense, 2, Activation.Identity, ["r", "x"]),
        ],
        [new OutputSpec("out", Loss.SquaredError)]);

    [Fact]
    public void Layout_is_weights_then_biases_layer_by_layer_and_a_sum_has_none()
    {
        NetworkSpec spec = Skip();
        // h1: 4×3 + 4 = 16, h2: 4×4 + 4 = 20, r: 0, out: 2×(4+3) + 2 = 16.
        Assert.Equal(52, spec.ParameterCount);
        Assert.Equal((0, 12), (spec.WeightOffset(0), spec.BiasOffset(0)));
        Assert.Equal((16, 32), (spec.WeightOffset(1), spec.BiasOffset(1)));
        Assert.Equal((36, 36, 0), (spec.WeightOffset(2), spec.BiasOffset(2), spec.LayerParameterCount(2)));
        Assert.Equal((36, 50, 7), (spec.WeightOffset(3), spec.BiasOffset(3), spec.FanIn(3)));
        Assert.False(spec.IsSequential);
    }

    [Fact]
    public void Every_parameter_name_round_trips_and_skips_the_sum()
    {
        NetworkSpec spec = Skip();
        for (int i = 0; i < spec.ParameterCount; i++)
            Assert.Equal(i, spec.ParameterIndex(spec.ParameterName(i)));
        Assert.Equal("h2.b[3]", spec.ParameterName(35));
        Assert.Equal("out.w[1,6]", spec.ParameterName(49));
        Assert.Throws<ArgumentException>(() => spec.ParameterIndex("r.w[0,0]"));
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => spec.ParameterName(52)).ParamName);
    }

    [Theory]
    [InlineData("unknown", "reads 'nope', which is not an input or an earlier layer")]
    [InlineData("later", "reads 'out', which is not an input or an earlier layer")]
    [InlineData("unequal", "adds 'x' of size 3; expected size 4")]
    [InlineData("activation", "is a sum with activation Tanh; expected Identity")]
    [InlineData("duplicate", "The name 'h1' is used twice")]
    [InlineData("softmaxHidden", "uses Softmax, which is allowed only on an output layer that no other layer reads")]
    [InlineData("crossEntropy", "uses CrossEntropy, which needs a Softmax layer; it is Identity")]
    public void A_bad_graph_is_refused_with_a_message_that_says_why(string which, string message)
    {
        LayerSpec h1 = new("h1", LayerKind.Dense, 4, Activation.Tanh, ["x"]);
        LayerSpec[] layers = which switch
        {
            "unknown" => [h1, new("out", LayerKind.Dense, 2, Activation.Identity, ["nope"])],
            "later" => [new("h1", LayerKind.Dense, 4, Activation.Tanh, ["out"]), new("out", LayerKind.Dense, 2, Activation.Identity, ["h1"])],
            "unequal" => [h1, new("out", LayerKind.Add, 4, Activation.Identity, ["h1", "x"])],
            "activation" => [h1, new("out", LayerKind.Add, 4, Activation.Tanh, ["h1", "h1"])],
            "duplicate" => [h1, new("h1", LayerKind.Dense, 2, Activation.Identity, ["h1"]), new("out", LayerKind.Dense, 2, Activation.Identity, ["h1"])],
            "softmaxHidden" => [new("h1", LayerKind.Dense, 4, Activation.Softmax, ["x"]), new("out", LayerKind.Dense, 2, Activation.Identity, ["h1"])],
            _ => [h1, new("out", LayerKind.Dense, 2, Activation.Identity, ["h1"])],
        };
        Loss loss = which == "crossEntropy" ? Loss.CrossEntropy : Loss.SquaredError;
        var error = Assert.Throws<ArgumentException>(() => new NetworkSpec([new InputSpec("x", 3)], layers, [new OutputSpec("out", loss)]));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_interpreter_runs_a_sum_as_the_element_wise_addition_of_its_sources()
    {
        var network = new ReferenceNetwork<double>(Skip());
        // Zero weights and biases except: h1 = tanh(0) = 0 … so set h1's biases to make tanh(b) known, h2's to make ReLU(b)
        // known, and out = identity of the first element of r.
        network.Parameters.Clear();
        Span<double> p = network.Parameters;
        p[12] = 0.5;                 // h1.b[0]: h1_0 = tanh(0.5)
        p[32] = 0.25;                // h2.b[0]: h2_0 = max(0, 0.25), since h2's weights are 0
        p[36] = 1.0;                 // out.w[0,0] reads r_0
        var output = new double[2];
        network.Forward([1.0, 2.0, 3.0], output);
        Assert.Equal(Math.Tanh(0.5) + 0.25, output[0], 1e-15);
        Assert.Equal(0.0, output[1]);
    }
}
