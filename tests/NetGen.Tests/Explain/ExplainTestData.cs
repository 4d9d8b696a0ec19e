using System;
using System.Linq;
using System.Numerics;

namespace NetGen.Tests.Explain;

/// <summary>Seeded random parameters and examples for the explanation and gradient-health tests.</summary>
internal static class ExplainTestData
{
    /// <summary>Uniform values in [−scale, scale].</summary>
    public static T[] Uniform<T>(Random random, int count, double scale) where T : unmanaged, IFloatingPointIeee754<T> =>
        Enumerable.Range(0, count).Select(_ => T.CreateChecked((2 * random.NextDouble() - 1) * scale)).ToArray();

    /// <summary>
    /// One example's targets: for a cross-entropy output a probability distribution (Σ y = 1, which the collapsed
    /// softmax derivative a − y assumes), otherwise values in [0, 1].
    /// </summary>
    public static T[] Targets<T>(NetworkSpec spec, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var targets = new T[spec.OutputCount];
        int offset = 0;
        foreach (OutputSpec output in spec.Outputs)
        {
            int size = spec.SizeOf(output.Source);
            double[] values = Enumerable.Range(0, size).Select(_ => random.NextDouble()).ToArray();
            double total = output.Loss == Loss.CrossEntropy ? values.Sum() : 1;
            for (int j = 0; j < size; j++) targets[offset + j] = T.CreateChecked(values[j] / total);
            offset += size;
        }
        return targets;
    }

    /// <summary>Gives every weight and bias a random value in [−0.8, 0.8], so that no gradient is trivially zero.</summary>
    public static void Randomize<T>(Random random, INetwork<T> network) where T : unmanaged, IFloatingPointIeee754<T> =>
        Uniform<T>(random, network.ParameterCount, 0.8).CopyTo(network.Parameters);
}
