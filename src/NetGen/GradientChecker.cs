using System;
using System.Numerics;

namespace NetGen;

/// <summary>Central finite differences: the numerical check of a network's analytic gradient.</summary>
/// <remarks>Thread safety: NumericalGradient changes each parameter of the network in turn (and restores it) and calls
/// its Backward, so it uses the network like Backward does: nothing else may use that network during the call.
/// Different networks may be checked on different threads at once. RelativeError is a pure function.</remarks>
public static class GradientChecker
{
    /// <summary>
    /// Estimates ∂C/∂θ_i for every parameter of <paramref name="network"/> on one example by the five-point central
    /// difference (−C(θ_i + 2h) + 8C(θ_i + h) − 8C(θ_i − h) + C(θ_i − 2h)) / 12h, whose error is O(h⁴) instead of the
    /// O(h²) of the two-point (C(θ_i + h) − C(θ_i − h)) / 2h. Each parameter is restored afterwards.
    /// </summary>
    public static T[] NumericalGradient<T>(INetwork<T> network, ReadOnlySpan<T> input, ReadOnlySpan<T> target, T step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        var result = new T[network.ParameterCount];
        var scratch = new T[network.ParameterCount];
        Span<T> parameters = network.Parameters;
        T two = T.CreateChecked(2), eight = T.CreateChecked(8), twelve = T.CreateChecked(12);
        for (int i = 0; i < result.Length; i++)
        {
            T original = parameters[i];
            T Cost(T value, ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> parameters)
            {
                parameters[i] = value;
                return network.Backward(input, target, scratch);
            }
            T plus2 = Cost(original + two * step, input, target, parameters);
            T plus1 = Cost(original + step, input, target, parameters);
            T minus1 = Cost(original - step, input, target, parameters);
            T minus2 = Cost(original - two * step, input, target, parameters);
            parameters[i] = original;
            result[i] = (-plus2 + eight * plus1 - eight * minus1 + minus2) / (twelve * step);
        }
        return result;
    }

    /// <summary>|a − b| / max(|a|, |b|, <paramref name="floor"/>): a relative error that does not blow up near zero.</summary>
    public static T RelativeError<T>(T a, T b, T floor) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Abs(a - b) / T.Max(T.Max(T.Abs(a), T.Abs(b)), floor);
}
