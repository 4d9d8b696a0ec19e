using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen;

/// <summary>
/// The SIMD loops generated code calls for layers too wide to write out product by product. Each is one line of the
/// calculus (a dot product for z = w·a, a scaled add for a row of ∂C/∂w or for ∂C/∂a), with a scalar tail.
/// </summary>
/// <remarks>Thread safety: every member is a static function that reads only its arguments and writes only the spans it
/// is given, so any number of threads may call them at once as long as no two calls write the same memory.</remarks>
public static class Kernels
{
    /// <summary>Σ_i x_i·y_i over two spans of the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => Dot<float>(x, y);

    /// <summary>Σ_i x_i·y_i over two spans of the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Dot<double>(x, y);

    /// <summary>destination_i += factor·source_i over two spans of the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(Span<float> destination, ReadOnlySpan<float> source, float factor) => AddScaled<float>(destination, source, factor);

    /// <summary>destination_i += factor·source_i over two spans of the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(Span<double> destination, ReadOnlySpan<double> source, double factor) => AddScaled<double>(destination, source, factor);

    /// <summary>x_i ← factor·x_i.</summary>
    public static void Scale(Span<float> x, float factor) => Scale<float>(x, factor);

    /// <summary>x_i ← factor·x_i.</summary>
    public static void Scale(Span<double> x, double factor) => Scale<double>(x, factor);

    /// <summary>Σ_i x_i.</summary>
    public static float Sum(ReadOnlySpan<float> x) => Sum<float>(x);

    /// <summary>Σ_i x_i.</summary>
    public static double Sum(ReadOnlySpan<double> x) => Sum<double>(x);

    /// <summary>a_j = e^(z_j − m) / Σ_i e^(z_i − m) with m = max_i z_i.</summary>
    public static void Softmax(ReadOnlySpan<float> z, Span<float> a) => Softmax<float>(z, a);

    /// <summary>a_j = e^(z_j − m) / Σ_i e^(z_i − m) with m = max_i z_i.</summary>
    public static void Softmax(ReadOnlySpan<double> z, Span<double> a) => Softmax<double>(z, a);

    /// <summary>ln Σ_i e^(z_i), computed as m + ln Σ_i e^(z_i − m) with m = max_i z_i.</summary>
    public static float LogSumExp(ReadOnlySpan<float> z) => LogSumExp<float>(z);

    /// <summary>ln Σ_i e^(z_i), computed as m + ln Σ_i e^(z_i − m) with m = max_i z_i.</summary>
    public static double LogSumExp(ReadOnlySpan<double> z) => LogSumExp<double>(z);

    // The loops take the widest vectors the processor runs natively: 512 bits where AVX-512 is accelerated (16 floats),
    // else 256 (Vector256), else Vector<T>; a scalar tail finishes the span.

    private static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) ThrowLengths(nameof(y), x.Length, y.Length);
        int i = 0, n = x.Length;
        T sum = T.Zero;
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            var acc0 = Vector512<T>.Zero;
            var acc1 = Vector512<T>.Zero;
            int width = Vector512<T>.Count;
            for (; i <= n - 2 * width; i += 2 * width)
            {
                acc0 += Vector512.LoadUnsafe(ref xr, (nuint)i) * Vector512.LoadUnsafe(ref yr, (nuint)i);
                acc1 += Vector512.LoadUnsafe(ref xr, (nuint)(i + width)) * Vector512.LoadUnsafe(ref yr, (nuint)(i + width));
            }
            for (; i <= n - width; i += width)
                acc0 += Vector512.LoadUnsafe(ref xr, (nuint)i) * Vector512.LoadUnsafe(ref yr, (nuint)i);
            sum = Vector512.Sum(acc0 + acc1);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            var acc0 = Vector256<T>.Zero;
            var acc1 = Vector256<T>.Zero;
            int width = Vector256<T>.Count;
            for (; i <= n - 2 * width; i += 2 * width)
            {
                acc0 += Vector256.LoadUnsafe(ref xr, (nuint)i) * Vector256.LoadUnsafe(ref yr, (nuint)i);
                acc1 += Vector256.LoadUnsafe(ref xr, (nuint)(i + width)) * Vector256.LoadUnsafe(ref yr, (nuint)(i + width));
            }
            for (; i <= n - width; i += width)
                acc0 += Vector256.LoadUnsafe(ref xr, (nuint)i) * Vector256.LoadUnsafe(ref yr, (nuint)i);
            sum = Vector256.Sum(acc0 + acc1);
        }
        else if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            var acc = Vector<T>.Zero;
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                acc += Vector.LoadUnsafe(ref xr, (nuint)i) * Vector.LoadUnsafe(ref yr, (nuint)i);
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++) sum += x[i] * y[i];
        return sum;
    }

    private static void Scale<T>(Span<T> x, T factor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, n = x.Length;
        ref T xr = ref MemoryMarshal.GetReference(x);
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            var f = Vector512.Create(factor);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                (f * Vector512.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref xr, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            var f = Vector256.Create(factor);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                (f * Vector256.LoadUnsafe(ref xr, (nuint)i)).StoreUnsafe(ref xr, (nuint)i);
        }
        for (; i < n; i++) x[i] *= factor;
    }

    private static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0, n = x.Length;
        T sum = T.Zero;
        ref T xr = ref MemoryMarshal.GetReference(x);
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            var acc = Vector512<T>.Zero;
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count) acc += Vector512.LoadUnsafe(ref xr, (nuint)i);
            sum = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            var acc = Vector256<T>.Zero;
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count) acc += Vector256.LoadUnsafe(ref xr, (nuint)i);
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++) sum += x[i];
        return sum;
    }

    private static void AddScaled<T>(Span<T> destination, ReadOnlySpan<T> source, T factor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (destination.Length != source.Length) ThrowLengths(nameof(source), destination.Length, source.Length);
        int i = 0, n = source.Length;
        ref T dr = ref MemoryMarshal.GetReference(destination);
        ref T sr = ref MemoryMarshal.GetReference(source);
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            var f = Vector512.Create(factor);
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                (Vector512.LoadUnsafe(ref dr, (nuint)i) + f * Vector512.LoadUnsafe(ref sr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated && n >= Vector256<T>.Count)
        {
            var f = Vector256.Create(factor);
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                (Vector256.LoadUnsafe(ref dr, (nuint)i) + f * Vector256.LoadUnsafe(ref sr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
        }
        else if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            var f = new Vector<T>(factor);
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                (Vector.LoadUnsafe(ref dr, (nuint)i) + f * Vector.LoadUnsafe(ref sr, (nuint)i)).StoreUnsafe(ref dr, (nuint)i);
        }
        for (; i < n; i++) destination[i] += factor * source[i];
    }

    private static void Softmax<T>(ReadOnlySpan<T> z, Span<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (z.Length != a.Length) ThrowLengths(nameof(a), z.Length, a.Length);
        T max = z[0];
        foreach (T value in z) max = T.Max(max, value);
        T total = T.Zero;
        for (int j = 0; j < z.Length; j++) total += a[j] = T.Exp(z[j] - max);
        for (int j = 0; j < z.Length; j++) a[j] /= total;
    }

    private static T LogSumExp<T>(ReadOnlySpan<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = z[0];
        foreach (T value in z) max = T.Max(max, value);
        T total = T.Zero;
        foreach (T value in z) total += T.Exp(value - max);
        return max + T.Log(total);
    }

    private static void ThrowLengths(string paramName, int expected, int actual) =>
        throw new ArgumentException($"{paramName} has length {actual}; expected {expected}, the length of the other span.", paramName);
}
