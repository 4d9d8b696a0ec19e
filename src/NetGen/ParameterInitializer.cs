using System;
using System.Numerics;
using NetGen.Calculus;

namespace NetGen;

/// <summary>
/// The deterministic, seeded initialiser every network uses: weights uniform in ±√(6 / (fan-in + fan-out)) (Glorot/Xavier)
/// for Sigmoid, Tanh, Identity and Softmax layers, ±√(6 / fan-in) (He) for ReLU, LeakyReLU and Softplus; biases zero.
/// For a dense layer fan-in is the number of values it reads and fan-out its number of neurons; for a convolution, as
/// PyTorch counts them for Conv2d, fan-in = in_channels·kH·kW and fan-out = filters·kH·kW. The same seed gives the same
/// values on every machine, in both precisions (drawn in double, then rounded), layer by layer in declaration order.
/// </summary>
/// <remarks>Thread safety: stateless (each call seeds its own generator), so calls may run at once on different spans;
/// the span being initialised must not be used by anything else during the call.</remarks>
public static class ParameterInitializer
{
    /// <summary>The seed a new network is initialised with.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Fills <paramref name="parameters"/> (laid out as <paramref name="spec"/> says) from <paramref name="seed"/>.</summary>
    public static void Initialize<T>(NetworkSpec spec, Span<T> parameters, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(spec);
        NetworkGuard.CheckLength(parameters.Length, spec.ParameterCount, nameof(parameters));
        var random = new SplitMix64((ulong)(uint)seed);
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            if (spec.LayerParameterCount(l) == 0) continue;   // a sum or a pooling has no parameters
            LayerSpec layer = spec.Layers[l];
            // Fan-in: the values one output reads (a dense layer's inputs; a convolution's in_channels·kH·kW). Fan-out:
            // the outputs one input value reaches through a weight (a dense layer's neurons; a convolution's filters·kH·kW,
            // PyTorch's convention for Conv2d).
            int fanIn = spec.FanIn(l);
            int rows = spec.BiasCount(l);
            long fanOut = layer.Kind == LayerKind.Conv ? (long)rows * layer.KernelHeight * layer.KernelWidth : rows;
            double limit = ActivationFunction.Of(layer).Initialization == WeightInitialization.He
                ? Math.Sqrt(6.0 / fanIn)
                : Math.Sqrt(6.0 / (fanIn + fanOut));
            Span<T> weights = parameters.Slice(spec.WeightOffset(l), rows * fanIn);
            for (int i = 0; i < weights.Length; i++)
                weights[i] = T.CreateChecked((2.0 * random.NextDouble() - 1.0) * limit);
            parameters.Slice(spec.BiasOffset(l), rows).Clear();
        }
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and fixed forever, unlike a library's default generator.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public double NextDouble()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }
}
