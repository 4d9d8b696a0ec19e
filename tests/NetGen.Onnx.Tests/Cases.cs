using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace NetGen.OnnxTests;

/// <summary>The exported networks by name, and seeded parameters and inputs for them.</summary>
public static class Cases
{
    /// <summary>One layer listed twice as an output (the generator refuses this with NG0025; a hand-built spec may do it).</summary>
    public static NetworkSpec SameOutputTwice { get; } = new(
        [new InputSpec("x", 3)],
        [new LayerSpec("h", LayerKind.Dense, 4, Activation.Tanh, ["x"]), new LayerSpec("out", LayerKind.Dense, 2, Activation.Sigmoid, ["h"])],
        [new OutputSpec("out", Loss.SquaredError), new OutputSpec("h", Loss.SquaredError), new OutputSpec("out", Loss.SquaredError)]);

    public static readonly IReadOnlyDictionary<string, Func<INetwork<float>>> Single = new Dictionary<string, Func<INetwork<float>>>
    {
        ["2-4-1 sigmoid"] = () => new Sigmoid2_4_1F(),
        ["1-32-32-1 tanh"] = () => new Tanh1_32_32_1F(),
        ["784-16-16-10 sigmoid"] = () => new Sigmoid784_16_16_10F(),
        ["784-128-10 sigmoid"] = () => new Sigmoid784_128_10F(),
        ["3-5-2 identity"] = () => new IdentityF(),
        ["5-16-4 relu"] = () => new ReluF(),
        ["3-7-5 leaky relu"] = () => new LeakyReluF(),
        ["2-6-3 softplus"] = () => new SoftplusF(),
        ["4-10-3 tanh softmax"] = () => new SoftmaxF(),
        ["two inputs, concat"] = () => new TwoInputsF(),
        ["skip connection (Add)"] = () => new SkipF(),
        ["sum of three with the input"] = () => new SumOfThreeF(),
        ["two outputs"] = () => new TwoOutputsF(),
        ["layer read twice"] = () => new ReadTwiceF(),
        ["layer read by three"] = () => new ReadByThreeF(),
        ["hidden output read on"] = () => new OutputAlsoReadF(),
        ["same output twice (interpreter)"] = () => new ReferenceNetwork<float>(SameOutputTwice),
    };

    public static readonly IReadOnlyDictionary<string, Func<INetwork<double>>> Double = new Dictionary<string, Func<INetwork<double>>>
    {
        ["2-4-1 sigmoid"] = () => new Sigmoid2_4_1D(),
        ["1-32-32-1 tanh"] = () => new Tanh1_32_32_1D(),
        ["784-16-16-10 sigmoid"] = () => new Sigmoid784_16_16_10D(),
        ["3-5-2 identity"] = () => new IdentityD(),
        ["5-16-4 relu"] = () => new ReluD(),
        ["3-7-5 leaky relu"] = () => new LeakyReluD(),
        // 2-6-3 softplus in double: ONNX Runtime 1.32 has no double kernel for Softplus (ModelTests checks the export).
        ["4-10-3 tanh softmax"] = () => new SoftmaxD(),
        ["two inputs, concat"] = () => new TwoInputsD(),
        ["skip connection (Add)"] = () => new SkipD(),
        ["two outputs"] = () => new TwoOutputsD(),
    };

    public static IEnumerable<object[]> SingleNames => Single.Keys.Select(k => new object[] { k });

    public static IEnumerable<object[]> DoubleNames => Double.Keys.Select(k => new object[] { k });

    /// <summary>
    /// Seeded parameters: the network's own initialiser (Glorot or He) for the weights, then uniform biases in
    /// [−0.5, 0.5] — the initialiser zeroes biases, and a zero bias would not show a bias put in the wrong place.
    /// </summary>
    public static void Randomize<T>(INetwork<T> network, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        network.InitializeParameters(seed);
        var random = new Random(seed);
        NetworkSpec spec = network.Spec;
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            if (spec.LayerParameterCount(l) == 0) continue;
            int weights = spec.BiasOffset(l) - spec.WeightOffset(l);
            Span<T> biases = network.Parameters.Slice(spec.BiasOffset(l), spec.LayerParameterCount(l) - weights);
            for (int j = 0; j < biases.Length; j++) biases[j] = T.CreateChecked(random.NextDouble() - 0.5);
        }
    }

    /// <summary>Uniform values in [−1, 1) from a fixed seed.</summary>
    public static T[] Uniform<T>(Random random, int count) where T : unmanaged, IFloatingPointIeee754<T> =>
        Enumerable.Range(0, count).Select(_ => T.CreateChecked(2 * random.NextDouble() - 1)).ToArray();
}
