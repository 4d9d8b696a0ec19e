using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen;

/// <summary>
/// The update loop <see cref="Adam{T}"/> and <see cref="AdamW{T}"/> share, written as PyTorch's implementation
/// computes it (<c>torch.optim.adam</c>, single-tensor, not capturable): the bias corrections and the step size per
/// step in double, as Python floats, then per parameter, in the optimizer's type (float or double),
/// <code>
/// θ ← θ·(1 − γλ)                          AdamW, λ ≠ 0: decoupled weight decay, θ − γλθ
/// g ← g + λ·θ                             Adam, λ ≠ 0: L2 weight decay in the gradient
/// m ← β1·m + (1 − β1)·g
/// v ← β2·v + (1 − β2)·g²
/// v_max ← max(v_max, v)                   AmsGrad: the running maximum of the raw v, then bias-corrected
/// d ← √v·(1 / √(1 − β2ᵗ)) + ε             (√v_max with AmsGrad) = √v̂ + ε, ε after the square root
/// θ ← θ − (γ / (1 − β1ᵗ))·(m / d)          = θ − γ·m̂ / (√v̂ + ε)
/// </code>
/// PyTorch divides √v by √(1 − β2ᵗ); here √v is multiplied by the reciprocal, computed once per step in double, which
/// can differ from the quotient in the last bit of d only. It saves one of the two divisions per parameter: over
/// 784-128-10's 101,770 float parameters (AVX-512, thread CPU time, this loop written out stand-alone) the loop with
/// two divisions took 3.4–3.9 times the plain step θ ← θ − η·g, with one 3.0–3.4 times, and with neither division nor
/// square root 2.9–3.1 times — the floor set by moving θ, g, m, v in and θ, m, v out (28 bytes per parameter against
/// the plain step's 12, and 1.6 MB that no longer fit the core's L2 where the plain step's 0.8 MB do).
/// </summary>
internal static class AdamUpdate
{
    /// <summary>One Adam step t over every parameter; <paramref name="vMax"/> is empty unless AmsGrad.</summary>
    public static void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradient, Span<T> m, Span<T> v, Span<T> vMax, long step,
        T learningRate, T beta1, T beta2, T epsilon, T weightDecay, bool decoupled, bool amsGrad)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double lr = double.CreateTruncating(learningRate), b1 = double.CreateTruncating(beta1), b2 = double.CreateTruncating(beta2);
        double lambda = double.CreateTruncating(weightDecay);
        // 1 − β1ᵗ and 1 − β2ᵗ, the bias corrections, as PyTorch computes them: in double, with pow.
        double biasCorrection1 = 1 - Math.Pow(b1, step);
        double biasCorrection2 = 1 - Math.Pow(b2, step);
        bool useDecay = weightDecay != T.Zero;
        var c = new Coefficients<T>(
            Beta1: beta1,
            OneMinusBeta1: T.CreateTruncating(1 - b1),
            Beta2: beta2,
            OneMinusBeta2: T.CreateTruncating(1 - b2),
            Epsilon: epsilon,
            L2: weightDecay,
            DecayFactor: T.CreateTruncating(1 - lr * lambda),
            StepSize: T.CreateTruncating(lr / biasCorrection1),
            InverseBiasCorrection2Sqrt: T.CreateTruncating(1 / Math.Sqrt(biasCorrection2)),
            UseL2: useDecay && !decoupled,
            UseDecoupledDecay: useDecay && decoupled,
            AmsGrad: amsGrad);
        ref T theta = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        ref T mr = ref MemoryMarshal.GetReference(m);
        ref T vr = ref MemoryMarshal.GetReference(v);
        ref T vMaxr = ref MemoryMarshal.GetReference(vMax);
        int i = 0, n = parameters.Length;
        if (Lane512<T>.IsAccelerated) i = Run<Lane512<T>, T>(c, ref theta, ref g, ref mr, ref vr, ref vMaxr, i, n);
        else if (Lane256<T>.IsAccelerated) i = Run<Lane256<T>, T>(c, ref theta, ref g, ref mr, ref vr, ref vMaxr, i, n);
        else if (Lane128<T>.IsAccelerated) i = Run<Lane128<T>, T>(c, ref theta, ref g, ref mr, ref vr, ref vMaxr, i, n);
        Run<LaneScalar<T>, T>(c, ref theta, ref g, ref mr, ref vr, ref vMaxr, i, n);
    }

    /// <summary>The update of parameters [<paramref name="start"/>, n) in blocks of <typeparamref name="TLane"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Run<TLane, T>(in Coefficients<T> c, ref T thetaRef, ref T gradientRef, ref T mRef, ref T vRef, ref T vMaxRef, int start, int n)
        where TLane : struct, ISimdLane<TLane, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TLane beta1 = TLane.Create(c.Beta1), oneMinusBeta1 = TLane.Create(c.OneMinusBeta1);
        TLane beta2 = TLane.Create(c.Beta2), oneMinusBeta2 = TLane.Create(c.OneMinusBeta2);
        TLane epsilon = TLane.Create(c.Epsilon), lambda = TLane.Create(c.L2), decay = TLane.Create(c.DecayFactor);
        TLane stepSize = TLane.Create(c.StepSize), inverseBiasCorrection2Sqrt = TLane.Create(c.InverseBiasCorrection2Sqrt);
        // The switches in locals, so that the JIT keeps them in registers instead of reading c on every block.
        bool useL2 = c.UseL2, useDecoupledDecay = c.UseDecoupledDecay, amsGrad = c.AmsGrad;
        int i = start;
        for (; i <= n - TLane.Count; i += TLane.Count)
        {
            nuint at = (nuint)i;
            TLane theta = TLane.Load(ref thetaRef, at);
            TLane g = TLane.Load(ref gradientRef, at);
            // θ ← θ·(1 − γλ)                       (AdamW: decoupled weight decay)
            if (useDecoupledDecay) theta *= decay;
            // g ← g + λ·θ                          (Adam: L2 weight decay)
            if (useL2) g += lambda * theta;
            // m ← β1·m + (1 − β1)·g
            TLane m = beta1 * TLane.Load(ref mRef, at) + oneMinusBeta1 * g;
            m.Store(ref mRef, at);
            // v ← β2·v + (1 − β2)·g²
            TLane v = beta2 * TLane.Load(ref vRef, at) + oneMinusBeta2 * (g * g);
            v.Store(ref vRef, at);
            if (amsGrad)
            {
                // v_max ← max(v_max, v)            (AmsGrad, over the raw second moment)
                v = TLane.Max(TLane.Load(ref vMaxRef, at), v);
                v.Store(ref vMaxRef, at);
            }
            // d ← √v·(1 / √(1 − β2ᵗ)) + ε           (= √v̂ + ε)
            TLane d = TLane.Sqrt(v) * inverseBiasCorrection2Sqrt + epsilon;
            // θ ← θ − (γ / (1 − β1ᵗ))·(m / d)       (= θ − γ·m̂ / (√v̂ + ε))
            (theta - stepSize * (m / d)).Store(ref thetaRef, at);
        }
        return i;
    }

    /// <summary>The step's constants, each already in <typeparamref name="T"/>.</summary>
    private readonly record struct Coefficients<T>(T Beta1, T OneMinusBeta1, T Beta2, T OneMinusBeta2, T Epsilon, T L2,
        T DecayFactor, T StepSize, T InverseBiasCorrection2Sqrt, bool UseL2, bool UseDecoupledDecay, bool AmsGrad);
}
