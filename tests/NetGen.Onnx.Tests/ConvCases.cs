using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.OnnxTests;

/// <summary>
/// Convolutional networks, built as specs and run by <see cref="ReferenceNetwork{T}"/> (the generator does not emit
/// convolutions yet): ONNX Runtime running their export is an oracle for the convolution and pooling semantics that
/// shares no code with NetGen.
/// </summary>
public static class ConvCases
{
    private static LayerSpec Conv(string name, int filters, int kernel, Activation activation, string from, int stride = 1, int padding = 0) =>
        LayerSpec.Conv(name, filters, kernel, kernel, stride, padding, activation, [from]);

    private static LayerSpec Dense(string name, int size, Activation activation, params string[] from) =>
        new(name, LayerKind.Dense, size, activation, from);

    private static NetworkSpec Chain(InputSpec input, Loss loss, params LayerSpec[] layers) =>
        new([input], layers, [new OutputSpec(layers[^1].Name, loss)]);

    /// <summary>The LeNet-5 of SimpleChains' example: 1×28×28 → Conv 6@5×5 → ReLU → MaxPool 2 → Conv 16@5×5 → ReLU →
    /// MaxPool 2 → Dense 120 (ReLU) → Dense 84 (ReLU) → Dense 10.</summary>
    public static NetworkSpec LeNet5() => Chain(new InputSpec("input", 1, 28, 28), Loss.SquaredError,
        Conv("layer1", 6, 5, Activation.ReLU, "input"),
        LayerSpec.MaxPool("layer2", 2, 2, 2, ["layer1"]),
        Conv("layer3", 16, 5, Activation.ReLU, "layer2"),
        LayerSpec.MaxPool("layer4", 2, 2, 2, ["layer3"]),
        Dense("layer5", 120, Activation.ReLU, "layer4"),
        Dense("layer6", 84, Activation.ReLU, "layer5"),
        Dense("layer7", 10, Activation.Identity, "layer6"));

    public static readonly IReadOnlyDictionary<string, Func<NetworkSpec>> Specs = new Dictionary<string, Func<NetworkSpec>>
    {
        ["LeNet-5 of SimpleChains"] = LeNet5,
        ["LeNet of issue 11: padding 2, softmax"] = () => Chain(new InputSpec("input", 1, 28, 28), Loss.CrossEntropy,
            Conv("layer1", 8, 5, Activation.ReLU, "input", padding: 2),
            LayerSpec.MaxPool("layer2", 2, 2, 2, ["layer1"]),
            Conv("layer3", 16, 5, Activation.ReLU, "layer2"),
            LayerSpec.MaxPool("layer4", 2, 2, 2, ["layer3"]),
            Dense("layer5", 10, Activation.Softmax, "layer4")),
        ["rectangular kernel, stride 2, padding 1, non-square image"] = () => Chain(new InputSpec("x", 2, 11, 7), Loss.SquaredError,
            LayerSpec.Conv("c", 5, 3, 2, 2, 1, Activation.Sigmoid, ["x"]),
            Dense("out", 3, Activation.Identity, "c")),
        ["three channels, stride 2, leaky slope 0.2"] = () => Chain(new InputSpec("x", 3, 9, 10), Loss.SquaredError,
            Conv("c", 4, 3, Activation.LeakyReLU, "x", stride: 2) with { Slope = 0.2 },
            Conv("c2", 3, 1, Activation.LeakyReLU, "c"),
            Dense("out", 2, Activation.Tanh, "c2")),
        ["overlapping max pooling 3, stride 2"] = () => Chain(new InputSpec("x", 1, 13, 13), Loss.SquaredError,
            Conv("c", 3, 3, Activation.Tanh, "x", padding: 1),
            LayerSpec.MaxPool("p", 3, 3, 2, ["c"]),
            Dense("out", 2, Activation.Identity, "p")),
        ["average pooling, overlapping and rectangular"] = () => Chain(new InputSpec("x", 2, 8, 9), Loss.SquaredError,
            Conv("c", 3, 3, Activation.Identity, "x"),
            LayerSpec.AvgPool("p", 3, 3, 1, ["c"]),
            LayerSpec.AvgPool("q", 2, 3, 2, ["p"]),
            Dense("out", 2, Activation.Sigmoid, "q")),
        ["global average pooling, softmax"] = () => Chain(new InputSpec("x", 3, 6, 5), Loss.CrossEntropy,
            Conv("c", 8, 3, Activation.ReLU, "x", padding: 1),
            LayerSpec.GlobalAvgPool("g", ["c"]),
            Dense("out", 4, Activation.Softmax, "g")),
        ["residual sum of two convolution branches"] = () => new NetworkSpec(
            [new InputSpec("x", 2, 8, 8)],
            [
                Conv("b1", 4, 3, Activation.Tanh, "x", padding: 1),
                Conv("b2", 4, 1, Activation.Softplus, "x"),
                new LayerSpec("r", LayerKind.Add, 4 * 8 * 8, Activation.Identity, ["b1", "b2"]),
                Conv("c", 2, 3, Activation.ReLU, "r", stride: 2),
                Dense("out", 2, Activation.Identity, "c"),
            ],
            [new OutputSpec("out", Loss.SquaredError)]),
        ["channel concatenation of two convolutions and the input"] = () => new NetworkSpec(
            [new InputSpec("x", 1, 8, 8)],
            [
                Conv("c1", 2, 3, Activation.Tanh, "x", padding: 1),
                Conv("c2", 3, 5, Activation.Sigmoid, "x", padding: 2),
                LayerSpec.Conv("c3", 4, 3, 3, 1, 0, Activation.ReLU, ["c1", "c2", "x"]),
                LayerSpec.MaxPool("p", 2, 2, 2, ["c3"]),
                Dense("out", 3, Activation.Softmax, "p"),
            ],
            [new OutputSpec("out", Loss.CrossEntropy)]),
        ["an image and a vector input, an image output, kernel 1"] = () => new NetworkSpec(
            [new InputSpec("image", 3, 6, 6), new InputSpec("extra", 4)],
            [
                Conv("c", 2, 1, Activation.Identity, "image"),
                Conv("d", 3, 3, Activation.Tanh, "c"),
                LayerSpec.GlobalAvgPool("g", ["d"]),
                Dense("out", 2, Activation.Sigmoid, "g", "extra", "c"),
            ],
            [new OutputSpec("out", Loss.SquaredError), new OutputSpec("d", Loss.SquaredError)]),
    };

    public static IEnumerable<object[]> Names => Specs.Keys.Select(k => new object[] { k });
}
