using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Runtime;

/// <summary>
/// Convolutional networks built as specs (the generator does not emit convolutions yet, so the interpreter runs them):
/// kernels 1, 3, 5 and rectangular, strides 1 and 2, padding 0, 1 and 2, multi-channel and non-square images, max and
/// average pooling (overlapping too), a convolution read by a dense layer, a residual sum of two convolution branches, a
/// channel concatenation, global average pooling, and every element-wise activation on a convolution.
/// </summary>
public static class ConvNetworks
{
    private static LayerSpec Conv(string name, int filters, int kernel, Activation activation, string from, int stride = 1, int padding = 0) =>
        LayerSpec.Conv(name, filters, kernel, kernel, stride, padding, activation, [from]);

    private static LayerSpec Dense(string name, int size, Activation activation, params string[] from) =>
        new(name, LayerKind.Dense, size, activation, from);

    private static NetworkSpec Chain(InputSpec input, Loss loss, params LayerSpec[] layers) =>
        new([input], layers, [new OutputSpec(layers[^1].Name, loss)], Precision.Double);

    /// <summary>The LeNet-like declaration of issue 11: 1×28×28 → Conv(8, 5×5, ReLU, padding 2) → MaxPool(2) →
    /// Conv(16, 5×5, ReLU) → MaxPool(2) → Dense(10, Softmax), named as a sequential network (layer1 ... layer5).</summary>
    public static NetworkSpec LeNet(Precision precision = Precision.Single) => new(
        [new InputSpec(NetworkSpec.DefaultInputName, 1, 28, 28)],
        [
            LayerSpec.Conv("layer1", 8, 5, 5, 1, 2, Activation.ReLU, ["input"]),
            LayerSpec.MaxPool("layer2", 2, 2, 2, ["layer1"]),
            LayerSpec.Conv("layer3", 16, 5, 5, 1, 0, Activation.ReLU, ["layer2"]),
            LayerSpec.MaxPool("layer4", 2, 2, 2, ["layer3"]),
            new LayerSpec("layer5", LayerKind.Dense, 10, Activation.Softmax, ["layer4"]),
        ],
        [new OutputSpec("layer5", Loss.CrossEntropy)],
        precision);

    /// <summary>The networks of the finite-difference, float-agreement and explanation tests, by name.</summary>
    public static readonly IReadOnlyDictionary<string, Func<NetworkSpec>> Small = new Dictionary<string, Func<NetworkSpec>>
    {
        ["kernel 1, two channels, then dense"] = () => Chain(new InputSpec("x", 2, 4, 5), Loss.SquaredError,
            Conv("c", 3, 1, Activation.Tanh, "x"),
            Dense("out", 2, Activation.Identity, "c")),
        ["kernel 3, padding 1, sigmoid"] = () => Chain(new InputSpec("x", 1, 6, 6), Loss.SquaredError,
            Conv("c", 4, 3, Activation.Sigmoid, "x", padding: 1),
            Dense("out", 3, Activation.Sigmoid, "c")),
        ["kernel 5, padding 2"] = () => Chain(new InputSpec("x", 1, 7, 7), Loss.SquaredError,
            Conv("c", 2, 5, Activation.Tanh, "x", padding: 2),
            Dense("out", 1, Activation.Identity, "c")),
        ["rectangular 3x2 kernel, stride 2, padding 1, non-square image"] = () => Chain(new InputSpec("x", 2, 7, 5), Loss.SquaredError,
            LayerSpec.Conv("c", 3, 3, 2, 2, 1, Activation.Softplus, ["x"]),
            Dense("out", 2, Activation.Identity, "c")),
        ["stride 2, three channels, leaky slope 0.2"] = () => Chain(new InputSpec("x", 3, 9, 8), Loss.SquaredError,
            Conv("c", 4, 3, Activation.LeakyReLU, "x", stride: 2) with { Slope = 0.2 },
            Dense("out", 2, Activation.Tanh, "c")),
        ["max pooling 2"] = () => Chain(new InputSpec("x", 1, 8, 8), Loss.SquaredError,
            Conv("c", 2, 3, Activation.Tanh, "x", padding: 1),
            LayerSpec.MaxPool("p", 2, 2, 2, ["c"]),
            Dense("out", 2, Activation.Identity, "p")),
        ["overlapping max pooling 3, stride 2"] = () => Chain(new InputSpec("x", 1, 9, 9), Loss.SquaredError,
            Conv("c", 2, 2, Activation.Sigmoid, "x"),
            LayerSpec.MaxPool("p", 3, 3, 2, ["c"]),
            Dense("out", 2, Activation.Identity, "p")),
        ["overlapping average pooling 3, stride 1"] = () => Chain(new InputSpec("x", 2, 7, 6), Loss.SquaredError,
            Conv("c", 3, 3, Activation.Identity, "x"),
            LayerSpec.AvgPool("p", 3, 3, 1, ["c"]),
            Dense("out", 2, Activation.Tanh, "p")),
        ["average pooling 2, rectangular window"] = () => Chain(new InputSpec("x", 1, 6, 8), Loss.SquaredError,
            Conv("c", 2, 3, Activation.Tanh, "x", padding: 1),
            LayerSpec.AvgPool("p", 2, 3, 2, ["c"]),
            Dense("out", 2, Activation.Identity, "p")),
        ["global average pooling, softmax"] = () => Chain(new InputSpec("x", 3, 5, 4), Loss.CrossEntropy,
            Conv("c", 4, 3, Activation.Tanh, "x", padding: 1),
            LayerSpec.GlobalAvgPool("g", ["c"]),
            Dense("out", 3, Activation.Softmax, "g")),
        ["residual sum of two convolution branches"] = () => new NetworkSpec(
            [new InputSpec("x", 2, 6, 6)],
            [
                Conv("b1", 3, 3, Activation.Tanh, "x", padding: 1),
                Conv("b2", 3, 1, Activation.Sigmoid, "x"),
                new LayerSpec("r", LayerKind.Add, 3 * 6 * 6, Activation.Identity, ["b1", "b2"]),
                Conv("c", 2, 3, Activation.Tanh, "r", stride: 2),
                Dense("out", 2, Activation.Identity, "c"),
            ],
            [new OutputSpec("out", Loss.SquaredError)], Precision.Double),
        ["channel concatenation of two convolutions and the input"] = () => new NetworkSpec(
            [new InputSpec("x", 1, 6, 6)],
            [
                Conv("c1", 2, 3, Activation.Tanh, "x", padding: 1),
                Conv("c2", 3, 3, Activation.Sigmoid, "x", padding: 1),
                LayerSpec.Conv("c3", 2, 3, 3, 1, 0, Activation.Tanh, ["c1", "c2", "x"]),
                LayerSpec.MaxPool("p", 2, 2, 2, ["c3"]),
                Dense("out", 3, Activation.Softmax, "p"),
            ],
            [new OutputSpec("out", Loss.CrossEntropy)], Precision.Double),
        ["small LeNet: conv, pool, conv, pool, dense, dense"] = () => Chain(new InputSpec("x", 1, 12, 12), Loss.CrossEntropy,
            Conv("c1", 3, 5, Activation.ReLU, "x", padding: 2),
            LayerSpec.MaxPool("p1", 2, 2, 2, ["c1"]),
            Conv("c2", 4, 3, Activation.ReLU, "p1"),
            LayerSpec.MaxPool("p2", 2, 2, 2, ["c2"]),
            Dense("h", 6, Activation.ReLU, "p2"),
            Dense("out", 3, Activation.Softmax, "h")),
        ["an image and a vector input, an image output"] = () => new NetworkSpec(
            [new InputSpec("image", 2, 5, 5), new InputSpec("extra", 3)],
            [
                Conv("c", 2, 3, Activation.Tanh, "image"),
                LayerSpec.GlobalAvgPool("g", ["c"]),
                Dense("out", 2, Activation.Sigmoid, "g", "extra"),
            ],
            [new OutputSpec("out", Loss.SquaredError), new OutputSpec("c", Loss.SquaredError, 0.5)], Precision.Double),
    };

    /// <summary>One convolution per element-wise activation: 2×5×5 → Conv(3, 3×3, σ, padding 1) → Dense(2).</summary>
    public static NetworkSpec WithActivation(Activation activation) => Chain(new InputSpec("x", 2, 5, 5), Loss.SquaredError,
        Conv("c", 3, 3, activation, "x", padding: 1),
        Dense("out", 2, Activation.Identity, "c"));

    public static IEnumerable<object[]> SmallNames => Small.Keys.Select(k => new object[] { k });

    public static IEnumerable<object[]> ElementWiseActivations =>
        Enum.GetValues<Activation>().Where(a => a != Activation.Softmax).Select(a => new object[] { a });
}
