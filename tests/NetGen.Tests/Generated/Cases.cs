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

    /// <summary>Gives every parameter (biases too) a random value, the same on both networks, so that no gradient is trivially zero.</summary>
    public static void Randomize<T>(Random random, params INetwork<T>[] networks) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] values = Uniform<T>(random, networks[0].ParameterCount, 0.8);
        foreach (INetwork<T> network in networks) values.CopyTo(network.Parameters);
    }
}
