using System;
using System.Numerics;

namespace NetGen;

/// <summary>Central finite differences: the numerical check of a network's analytic gradient.</summary>
public static class GradientChecker
{
    /// <summary>
    /// Estimates ∂C/∂θ_i ≈ (C(θ_i + h) − C(θ_i − h)) / 2h for every parameter of <paramref name="network"/> on one example,
    /// restoring each parameter afterwards.
    /// </summary>
    public static T[] NumericalGradient<T>(INetwork<T> network, ReadOnlySpan<T> input, ReadOnlySpan<T> target, T step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        var result = new T[network.ParameterCount];
        var scratch = new T[network.ParameterCount];
        Span<T> parameters = network.Parameters;
        T two = T.CreateChecked(2);
        for (int i = 0; i < result.Length; i++)
        {
            T original = parameters[i];
            parameters[i] = original + step;
            T plus = network.Backward(input, target, scratch);
            parameters[i] = original - step;
            T minus = network.Backward(input, target, scratch);
            parameters[i] = original;
            result[i] = (plus - minus) / (two * step);
        }
        return result;
    }

    /// <summary>|a − b| / max(|a|, |b|, <paramref name="floor"/>): a relative error that does not blow up near zero.</summary>
    public static T RelativeError<T>(T a, T b, T floor) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Abs(a - b) / T.Max(T.Max(T.Abs(a), T.Abs(b)), floor);
}
