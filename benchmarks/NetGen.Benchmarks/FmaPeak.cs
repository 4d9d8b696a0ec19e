using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Benchmarks;

/// <summary>
/// The fp32 FMA peak of one core (<c>--fma-peak</c>): a loop of independent fused multiply-adds on the widest accelerated
/// vector, reported in GFLOP/s (2 FLOPs per lane per FMA) — the roof that the ns-per-example numbers can be held against.
/// </summary>
/// <remarks>
/// <para>Each iteration updates <see cref="Accumulators"/> independent accumulators, acc ← acc·a + b, one
/// <c>vfmadd</c> each: an FMA's latency is about 4 cycles and a core issues up to 2 a cycle, so at least 8 chains must be
/// in flight to keep both pipes busy; 16 leave a margin and with a and b still fit in the 32 vector registers. With
/// a = 1 − 2⁻²⁰ and b = 2⁻²⁰ every accumulator stays near 1: no overflow, no denormals, nothing the CPU slows down for.</para>
/// <para>To see the machine code: <c>DOTNET_JitDisasm="Loop512" dotnet run -c Release --project benchmarks/NetGen.Benchmarks -- --fma-peak</c>;
/// the loop body is 16 <c>vfmadd213ps zmm</c> (or <c>ymm</c> for <see cref="Loop256"/>), a counter increment and a branch.</para>
/// </remarks>
public static class FmaPeak
{
    /// <summary>Independent accumulators (dependency chains) per loop iteration.</summary>
    public const int Accumulators = 16;

    public static void Run(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"Machine: {Machine.Describe()}");
        if (!Fma.IsSupported || !Vector256.IsHardwareAccelerated)
            throw new PlatformNotSupportedException("This processor has no 256-bit FMA (x86 FMA3): no fused multiply-add peak to measure here.");
        // The widest vector is the peak; 256 bits is also measured since Vector<float> (what NetGen's kernels use) is
        // 256 bits wide on .NET 10 even where AVX-512 is available.
        if (Vector512.IsHardwareAccelerated)
            Measure(writer, "Vector512<float> (AVX-512), the peak", Vector512<float>.Count, Loop512);
        Measure(writer, "Vector256<float> (AVX2 + FMA), the width of Vector<float>", Vector256<float>.Count, Loop256);
    }

    private static void Measure(TextWriter writer, string vector, int lanes, Func<long, float> loop)
    {
        const long iterations = 20_000_000;
        loop(1000);   // compiled before the first timed run (AggressiveOptimization: straight to FullOpts, no tiering)
        double best = 0;
        for (int run = 0; run < 7; run++)
        {
            long start = Stopwatch.GetTimestamp();
            float sink = loop(iterations);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (!float.IsFinite(sink)) throw new InvalidOperationException("The accumulators left the finite range.");
            double gflops = 2.0 * lanes * Accumulators * iterations / seconds / 1e9;
            best = Math.Max(best, gflops);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run + 1}: {gflops,7:F1} GFLOP/s ({seconds * 1e3:F0} ms)"));
        }
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fp32 FMA, one core, {vector}: {best:F1} GFLOP/s (best of 7; {Accumulators} independent accumulators, 2 FLOPs per lane per FMA)"));
    }

    /// <summary><paramref name="iterations"/> × 16 independent 512-bit FMAs; returns a sum of the accumulators so that none is dead code.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Loop512(long iterations)
    {
        Vector512<float> a = Vector512.Create(1f - 1f / (1 << 20)), b = Vector512.Create(1f / (1 << 20));
        Vector512<float> c0 = Vector512.Create(0.50f), c1 = Vector512.Create(0.51f), c2 = Vector512.Create(0.52f), c3 = Vector512.Create(0.53f);
        Vector512<float> c4 = Vector512.Create(0.54f), c5 = Vector512.Create(0.55f), c6 = Vector512.Create(0.56f), c7 = Vector512.Create(0.57f);
        Vector512<float> c8 = Vector512.Create(0.58f), c9 = Vector512.Create(0.59f), c10 = Vector512.Create(0.60f), c11 = Vector512.Create(0.61f);
        Vector512<float> c12 = Vector512.Create(0.62f), c13 = Vector512.Create(0.63f), c14 = Vector512.Create(0.64f), c15 = Vector512.Create(0.65f);
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, a, b);
            c1 = Vector512.FusedMultiplyAdd(c1, a, b);
            c2 = Vector512.FusedMultiplyAdd(c2, a, b);
            c3 = Vector512.FusedMultiplyAdd(c3, a, b);
            c4 = Vector512.FusedMultiplyAdd(c4, a, b);
            c5 = Vector512.FusedMultiplyAdd(c5, a, b);
            c6 = Vector512.FusedMultiplyAdd(c6, a, b);
            c7 = Vector512.FusedMultiplyAdd(c7, a, b);
            c8 = Vector512.FusedMultiplyAdd(c8, a, b);
            c9 = Vector512.FusedMultiplyAdd(c9, a, b);
            c10 = Vector512.FusedMultiplyAdd(c10, a, b);
            c11 = Vector512.FusedMultiplyAdd(c11, a, b);
            c12 = Vector512.FusedMultiplyAdd(c12, a, b);
            c13 = Vector512.FusedMultiplyAdd(c13, a, b);
            c14 = Vector512.FusedMultiplyAdd(c14, a, b);
            c15 = Vector512.FusedMultiplyAdd(c15, a, b);
        }
        return Vector512.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)) + ((c12 + c13) + (c14 + c15)));
    }

    /// <summary>The same with 256-bit vectors, for a machine without AVX-512.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static float Loop256(long iterations)
    {
        Vector256<float> a = Vector256.Create(1f - 1f / (1 << 20)), b = Vector256.Create(1f / (1 << 20));
        Vector256<float> c0 = Vector256.Create(0.50f), c1 = Vector256.Create(0.51f), c2 = Vector256.Create(0.52f), c3 = Vector256.Create(0.53f);
        Vector256<float> c4 = Vector256.Create(0.54f), c5 = Vector256.Create(0.55f), c6 = Vector256.Create(0.56f), c7 = Vector256.Create(0.57f);
        Vector256<float> c8 = Vector256.Create(0.58f), c9 = Vector256.Create(0.59f), c10 = Vector256.Create(0.60f), c11 = Vector256.Create(0.61f);
        Vector256<float> c12 = Vector256.Create(0.62f), c13 = Vector256.Create(0.63f), c14 = Vector256.Create(0.64f), c15 = Vector256.Create(0.65f);
        for (long i = 0; i < iterations; i++)
        {
            c0 = Fma.MultiplyAdd(c0, a, b);
            c1 = Fma.MultiplyAdd(c1, a, b);
            c2 = Fma.MultiplyAdd(c2, a, b);
            c3 = Fma.MultiplyAdd(c3, a, b);
            c4 = Fma.MultiplyAdd(c4, a, b);
            c5 = Fma.MultiplyAdd(c5, a, b);
            c6 = Fma.MultiplyAdd(c6, a, b);
            c7 = Fma.MultiplyAdd(c7, a, b);
            c8 = Fma.MultiplyAdd(c8, a, b);
            c9 = Fma.MultiplyAdd(c9, a, b);
            c10 = Fma.MultiplyAdd(c10, a, b);
            c11 = Fma.MultiplyAdd(c11, a, b);
            c12 = Fma.MultiplyAdd(c12, a, b);
            c13 = Fma.MultiplyAdd(c13, a, b);
            c14 = Fma.MultiplyAdd(c14, a, b);
            c15 = Fma.MultiplyAdd(c15, a, b);
        }
        return Vector256.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)) + ((c12 + c13) + (c14 + c15)));
    }
}
