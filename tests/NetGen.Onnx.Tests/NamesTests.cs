using System;
using System.Linq;
using Onnx;
using Xunit;

namespace NetGen.OnnxTests;

/// <summary>
/// Names are arbitrary strings: graph inputs and outputs keep them exactly, whatever characters they hold, and the
/// exporter's own values are renamed rather than ever sharing a name with a user's.
/// </summary>
public sealed class NamesTests
{
    /// <summary>
    /// Inputs and layers with spaces, slashes, quotes, a newline, non-ASCII; a hidden layer called like h1's weight
    /// (h1.weight), one called like h1's pre-activation value (h1/z), one called like a sum's partial result (r/sum1).
    /// </summary>
    private static readonly NetworkSpec OddNames = new(
        [new InputSpec("pixels [0..3] / ü", 4), new InputSpec("ctx \"quoted\"\n'x'", 2)],
        [
            new LayerSpec("h1", LayerKind.Dense, 3, Activation.Tanh, ["pixels [0..3] / ü"]),
            new LayerSpec("h1.weight", LayerKind.Dense, 3, Activation.Sigmoid, ["h1", "ctx \"quoted\"\n'x'"]),
            new LayerSpec("h1/z", LayerKind.Dense, 3, Activation.ReLU, ["h1"]),
            new LayerSpec("r/sum1", LayerKind.Dense, 3, Activation.Identity, ["h1"]),
            new LayerSpec("r", LayerKind.Add, 3, Activation.Identity, ["h1.weight", "h1/z", "r/sum1"]),
            new LayerSpec("out ✓ «softmax»", LayerKind.Dense, 2, Activation.Softmax, ["r", "h1"]),
            new LayerSpec("h1.bias", LayerKind.Dense, 1, Activation.Identity, ["r"]),
        ],
        [new OutputSpec("out ✓ «softmax»", Loss.CrossEntropy), new OutputSpec("h1.bias", Loss.SquaredError)]);

    [Fact]
    public void Inputs_and_outputs_keep_names_with_any_characters()
    {
        GraphProto graph = ModelTests.Parse(new ReferenceNetwork<float>(OddNames)).Graph;

        ModelTests.AssertWellFormed(graph);
        Assert.Equal(["pixels [0..3] / ü", "ctx \"quoted\"\n'x'"], graph.Input.Select(i => i.Name).ToArray());
        Assert.Equal(["out ✓ «softmax»", "h1.bias"], graph.Output.Select(o => o.Name).ToArray());
    }

    [Fact]
    public void The_exporters_own_names_give_way_to_the_users()
    {
        GraphProto graph = ModelTests.Parse(new ReferenceNetwork<float>(OddNames)).Graph;

        // h1.bias is an output, so the layer keeps the name and h1's bias tensor takes the next free one.
        Assert.Equal(
            ["h1.weight", "h1.bias_1", "h1.weight.weight", "h1.weight.bias", "h1/z.weight", "h1/z.bias", "r/sum1.weight", "r/sum1.bias",
             "out ✓ «softmax».weight", "out ✓ «softmax».bias", "h1.bias.weight", "h1.bias.bias"],
            graph.Initializer.Select(t => t.Name).ToArray());
        // The hidden layer called h1.weight loses the name to h1's weight tensor; h1's pre-activation value gives
        // way to the layer called h1/z; the sum's partial result gives way to the layer called r/sum1.
        Assert.Equal("h1.weight_1", Assert.Single(graph.Node, n => n.OpType == "Sigmoid").Output[0]);
        Assert.Equal("h1/z_1", graph.Node.First(n => n.OpType == "Gemm").Output[0]);
        Assert.Equal("h1/z", Assert.Single(graph.Node, n => n.OpType == "Relu").Output[0]);
        NodeProto[] adds = graph.Node.Where(n => n.OpType == "Add").ToArray();
        Assert.Equal(["h1.weight_1", "h1/z"], adds[0].Input.ToArray());
        Assert.Equal("r/sum1_1", adds[0].Output[0]);
        Assert.Equal(["r/sum1_1", "r/sum1"], adds[1].Input.ToArray());
        Assert.Equal("r", adds[1].Output[0]);
    }

    [Fact]
    public void A_network_with_odd_names_runs_in_OnnxRuntime_as_it_does_in_NetGen()
    {
        var network = new ReferenceNetwork<float>(OddNames);
        Cases.Randomize(network, seed: 13);
        using var oracle = new OnnxRuntimeOracle<float>(OddNames, Onnx.ToBytes(network));
        float[] inputs = Cases.Uniform<float>(new Random(3), 10 * network.InputCount);
        float[] actual = oracle.Run(inputs, 10);
        var expected = new float[actual.Length];
        for (int r = 0; r < 10; r++)
            network.Forward(inputs.AsSpan(r * network.InputCount, network.InputCount), expected.AsSpan(r * network.OutputCount, network.OutputCount));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * Math.Max(Math.Abs(expected[i]), 0.1), $"Output {i}: Forward gave {expected[i]}, ONNX Runtime {actual[i]}.");
    }

    [Fact]
    public void An_input_named_like_a_weight_tensor_is_never_mistaken_for_its_initializer()
    {
        // A chain whose input is called 0.weight: in ONNX an initializer with a graph input's name would be that input's
        // default value, so the tensor takes the next free name and the input stays an input.
        var spec = new NetworkSpec(
            [new InputSpec("0.weight", 2)],
            [new LayerSpec("a", LayerKind.Dense, 3, Activation.Tanh, ["0.weight"]), new LayerSpec("b", LayerKind.Dense, 1, Activation.Sigmoid, ["a"])],
            [new OutputSpec("b", Loss.SquaredError)]);
        Assert.True(spec.IsSequential);
        var network = new ReferenceNetwork<double>(spec);
        Cases.Randomize(network, seed: 2);
        GraphProto graph = ModelTests.Parse(network).Graph;

        ModelTests.AssertWellFormed(graph);
        Assert.Equal(["0.weight_1", "0.bias", "2.weight", "2.bias"], graph.Initializer.Select(t => t.Name).ToArray());
        Assert.Equal(["0.weight", "0.weight_1", "0.bias"], graph.Node[0].Input.ToArray());

        using var oracle = new OnnxRuntimeOracle<double>(spec, Onnx.ToBytes(network));
        double[] input = [0.25, -0.75];
        var expected = new double[1];
        network.Forward(input, expected);
        Assert.Equal(expected[0], oracle.Run(input, 1)[0], 1e-12);
    }

    [Fact]
    public void An_input_with_an_empty_name_is_refused()
    {
        var spec = new NetworkSpec([new InputSpec("", 2)], [new LayerSpec("a", LayerKind.Dense, 1, Activation.Tanh, [""])], [new OutputSpec("a", Loss.SquaredError)]);
        var e = Assert.Throws<ArgumentException>(() => Onnx.ToBytes(new ReferenceNetwork<float>(spec)));
        Assert.Contains("empty name", e.Message, StringComparison.Ordinal);
    }
}
