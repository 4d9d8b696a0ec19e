using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;

namespace NetGen.Tests.Generated;

/// <summary>The generated test networks by name, with random examples that fit each network's loss.</summary>
public static class Cases
{
    public static readonly IReadOnlyDictionary<string, Func<INetwork<double>>> Double = new Dictionary<string, Func<INetwork<double>>>
    {
        ["ChainD"] = () => new ChainD(),
        ["XorD"] = () => new XorD(),
        ["IdentityD"] = () => new IdentityD(),
        ["TanhD"] = () => new TanhD(),
        ["ReluD"] = () => new ReluD(),
        ["LeakyD"] = () => new LeakyD(),
        ["SoftplusD"] = () => new SoftplusD(),
        ["SoftmaxCrossEntropyD"] = () => new SoftmaxCrossEntropyD(),
        ["SoftmaxSquaredErrorD"] = () => new SoftmaxSquaredErrorD(),
        ["Deep6D"] = () => new Deep6D(),
        ["Wide32D"] = () => new Wide32D(),
        ["OneWideOneD"] = () => new OneWideOneD(),
        ["Mixed5D"] = () => new Mixed5D(),
        ["SingleLayerD"] = () => new SingleLayerD(),
        ["SingleSoftmaxD"] = () => new SingleSoftmaxD(),
        ["WideMixedD"] = () => new WideMixedD(),
        ["WideSoftmaxSquaredErrorD"] = () => new WideSoftmaxSquaredErrorD(),
        // Branching networks.
        ["SkipD"] = () => new SkipD(),
        ["TwoInputsD"] = () => new TwoInputsD(),
        ["TwoOutputsD"] = () => new TwoOutputsD(),
        ["ReadByThreeD"] = () => new ReadByThreeD(),
        ["ConcatInputHiddenD"] = () => new ConcatInputHiddenD(),
        ["ResidualWideD"] = () => new ResidualWideD(),
        ["OutputAlsoReadD"] = () => new OutputAlsoReadD(),
        ["WideBranchD"] = () => new WideBranchD(),
        ["ReadTwiceD"] = () => new ReadTwiceD(),
        ["AddOfInputsD"] = () => new AddOfInputsD(),
        // Convolutional networks.
        ["ConvKernel1D"] = () => new ConvKernel1D(),
        ["ConvKernel3PaddedD"] = () => new ConvKernel3PaddedD(),
        ["ConvKernel5PaddedD"] = () => new ConvKernel5PaddedD(),
        ["ConvRectangularD"] = () => new ConvRectangularD(),
        ["ConvStride2D"] = () => new ConvStride2D(),
        ["ConvMaxPoolD"] = () => new ConvMaxPoolD(),
        ["ConvOverlappingMaxD"] = () => new ConvOverlappingMaxD(),
        ["ConvOverlappingAvgD"] = () => new ConvOverlappingAvgD(),
        ["ConvGlobalAvgD"] = () => new ConvGlobalAvgD(),
        ["ConvReluAvgD"] = () => new ConvReluAvgD(),
        ["ConvOfConvD"] = () => new ConvOfConvD(),
        ["ConvResidualD"] = () => new ConvResidualD(),
        ["ConvConcatD"] = () => new ConvConcatD(),
    };

    public static readonly IReadOnlyDictionary<string, Func<INetwork<float>>> Single = new Dictionary<string, Func<INetwork<float>>>
    {
        ["ChainF"] = () => new ChainF(),
        ["XorF"] = () => new XorF(),
        ["TanhF"] = () => new TanhF(),
        ["ReluF"] = () => new ReluF(),
        ["SoftplusF"] = () => new SoftplusF(),
        ["SoftmaxCrossEntropyF"] = () => new SoftmaxCrossEntropyF(),
        ["SoftmaxSquaredErrorF"] = () => new SoftmaxSquaredErrorF(),
        ["Deep6F"] = () => new Deep6F(),
        ["Wide32F"] = () => new Wide32F(),
        ["Mixed5F"] = () => new Mixed5F(),
        ["OneWideOneF"] = () => new OneWideOneF(),
        ["WideSoftmaxSquaredErrorF"] = () => new WideSoftmaxSquaredErrorF(),
        // Branching networks.
        ["SkipF"] = () => new SkipF(),
        ["TwoInputsF"] = () => new TwoInputsF(),
        ["TwoOutputsF"] = () => new TwoOutputsF(),
        ["ResidualWideF"] = () => new ResidualWideF(),
        ["OutputAlsoReadF"] = () => new OutputAlsoReadF(),
        ["WideBranchF"] = () => new WideBranchF(),
        // Convolutional networks.
        ["LeNetF"] = () => new LeNetF(),
        ["ConvMaxPoolF"] = () => new ConvMaxPoolF(),
        ["ConvResidualF"] = () => new ConvResidualF(),
    };

    public static IEnumerable<object[]> DoubleNames => Double.Keys.Select(k => new object[] { k });

    public static IEnumerable<object[]> SingleNames => Single.Keys.Select(k => new object[] { k });

    /// <summary>Uniform values in [−scale, scale] from a fixed seed.</summary>
    public static T[] Uniform<T>(Random random, int count, double scale) where T : unmanaged, IFloatingPointIeee754<T> =>
        Enumerable.Range(0, count).Select(_ => T.CreateChecked((2 * random.NextDouble() - 1) * scale)).ToArray();

    /// <summary>
    /// Targets that suit the network's loss: for cross-entropy a probability distribution per output (Σ y = 1, as the
    /// collapsed softmax derivative assumes), otherwise values in [0, 1].
    /// </summary>
    public static T[] Targets<T>(NetworkSpec spec, Random random, int rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var targets = new T[rows * spec.OutputCount];
        for (int r = 0; r < rows; r++)
        {
            int offset = r * spec.OutputCount;
            foreach (OutputSpec output in spec.Outputs)
            {
                int size = spec.SizeOf(output.Source);
                double[] values = Enumerable.Range(0, size).Select(_ => random.NextDouble()).ToArray();
                if (output.Loss == Loss.CrossEntropy)
                {
                    double total = values.Sum();
                    for (int j = 0; j < size; j++) values[j] /= total;
                }
                for (int j = 0; j < size; j++) targets[offset + j] = T.CreateChecked(values[j]);
                offset += size;
            }
        }
        return targets;
    }

    /// <summary>
    /// Gives every parameter (biases too) a random value, the same on every network, so that no gradient is trivially
    /// zero: weights uniform in ±2/√fan-in (so that weighted sums stay of size ~1 however wide the layer), biases in ±0.5.
    /// </summary>
    public static void Randomize<T>(Random random, params INetwork<T>[] networks) where T : unmanaged, IFloatingPointIeee754<T>
    {
        NetworkSpec spec = networks[0].Spec;
        var values = new T[spec.ParameterCount];
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            int weights = spec.BiasOffset(l) - spec.WeightOffset(l);
            Uniform<T>(random, weights, 2 / Math.Sqrt(Math.Max(1, spec.FanIn(l)))).CopyTo(values, spec.WeightOffset(l));
            Uniform<T>(random, spec.LayerParameterCount(l) - weights, 0.5).CopyTo(values, spec.BiasOffset(l));
        }
        foreach (INetwork<T> network in networks) values.CopyTo(network.Parameters);
    }
}
