using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen;

/// <summary>Operations on a whole gradient vector between the backward pass and the optimizer step.</summary>
public static class Gradients
{
    /// <summary>The Euclidean norm ‖g‖ = √(Σ_i g_i²), the sum accumulated in double (also for float, so that 10⁵ terms lose no precision).</summary>
    public static T Norm<T>(ReadOnlySpan<T> gradient) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.CreateTruncating(Math.Sqrt(SumOfSquares(gradient)));

    /// <summary>
    /// Clips the gradient to a total norm of at most <paramref name="maxNorm"/>, as <c>torch.nn.utils.clip_grad_norm_</c>
    /// does with one vector: ‖g‖ = √(Σ_i g_i²), then g ← c·g with c = min(1, maxNorm / (‖g‖ + 10⁻⁶)). Returns ‖g‖, the
    /// norm before clipping.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The sum of squares is accumulated in double, for float too (PyTorch sums in the tensor's type); the norm and c
    /// are then computed in <typeparamref name="T"/>, as PyTorch computes them. With c = 1 the gradient is left as it is
    /// (PyTorch multiplies by 1).
    /// </para>
    /// <para>
    /// A norm that is NaN or ∞ (a NaN or ∞ in the gradient, or a float norm beyond float's range) is returned and the
    /// gradient is left unchanged: the caller decides (skip the step, stop). PyTorch with error_if_nonfinite = False
    /// multiplies anyway, which turns the gradient into NaNs or zeros.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not finite or not &gt; 0.</exception>
    public static T ClipByNorm<T>(Span<T> gradient, T maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(maxNorm) || maxNorm <= T.Zero)
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm,
                string.Create(CultureInfo.InvariantCulture, $"maxNorm must be a finite number > 0."));
        // ‖g‖ = √(Σ_i g_i²)
        T norm = Norm<T>(gradient);
        if (!T.IsFinite(norm)) return norm;
        // c = maxNorm / (‖g‖ + 10⁻⁶), clamped to at most 1
        T coefficient = maxNorm / (norm + T.CreateTruncating(1e-6));
        if (coefficient < T.One)
        {
            // g ← c·g
            Scale(gradient, coefficient);
        }
        return norm;
    }

    private static double SumOfSquares<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) return SumOfSquares(MemoryMarshal.Cast<T, float>(values));
        if (typeof(T) == typeof(double)) return SumOfSquares(MemoryMarshal.Cast<T, double>(values));
        double sum = 0;
        foreach (T value in values) sum += double.CreateTruncating(value) * double.CreateTruncating(value);
        return sum;
    }

    private static double SumOfSquares(ReadOnlySpan<float> values)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            // Each float vector widened to two double vectors, squared and summed in double.
            var low = Vector<double>.Zero;
            var high = Vector<double>.Zero;
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(values.Slice(i)), out Vector<double> l, out Vector<double> h);
                low += l * l;
                high += h * h;
            }
            sum = Vector.Sum(low + high);
        }
        for (; i < values.Length; i++) sum += (double)values[i] * values[i];
        return sum;
    }

    private static double SumOfSquares(ReadOnlySpan<double> values)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= 2 * Vector<double>.Count)
        {
            var first = Vector<double>.Zero;
            var second = Vector<double>.Zero;
            for (; i <= values.Length - 2 * Vector<double>.Count; i += 2 * Vector<double>.Count)
            {
                var x = new Vector<double>(values.Slice(i));
                var y = new Vector<double>(values.Slice(i + Vector<double>.Count));
                first += x * x;
                second += y * y;
            }
            sum = Vector.Sum(first + second);
        }
        for (; i < values.Length; i++) sum += values[i] * values[i];
        return sum;
    }

    private static void Scale<T>(Span<T> values, T factor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<T>.Count)
        {
            var f = new Vector<T>(factor);
            for (; i <= values.Length - Vector<T>.Count; i += Vector<T>.Count)
                (new Vector<T>(values.Slice(i)) * f).CopyTo(values.Slice(i));
        }
        for (; i < values.Length; i++) values[i] *= factor;
    }
}
