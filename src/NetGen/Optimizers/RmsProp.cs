using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen;

/// <summary>
/// RMSprop, optionally centered, with momentum and L2 weight decay: PyTorch's <c>torch.optim.RMSprop</c>
/// (maximize = false). With v₀ = b₀ = ḡ₀ = 0, for each step and every parameter θ with gradient g:
/// <code>
/// g ← g + λ·θ                               if λ ≠ 0     (L2 weight decay)
/// v ← α·v + (1 − α)·g²                                   (running average of g²)
/// ṽ = v
/// if centered:
///     ḡ ← α·ḡ + (1 − α)·g                                (running average of g)
///     ṽ = v − ḡ²                                         (an estimate of the variance)
/// if μ &gt; 0:
///     b ← μ·b + g / (√ṽ + ε)                             (b₀ = 0: no first-step special case, unlike SGD)
///     θ ← θ − γ·b
/// else:
///     θ ← θ − γ·g / (√ṽ + ε)
/// </code>
/// with γ = <see cref="Optimizer{T}.LearningRate"/>, α = <see cref="Alpha"/>, ε = <see cref="Epsilon"/>,
/// μ = <see cref="Momentum"/>, λ = <see cref="WeightDecay"/>. There is no bias correction.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; a float optimizer computes in float.</typeparam>
/// <remarks>
/// The arithmetic is PyTorch's implementation's: θ ← θ − γ·(g / d) and b ← μ·b + g / d with d = √ṽ + ε; every SIMD width
/// computes the same bits as a scalar loop. State: <c>square_avg</c> (v), <c>momentum_buffer</c> (b, only when μ &gt; 0)
/// and <c>grad_avg</c> (ḡ, only when centered). Not thread-safe (see <see cref="Optimizer{T}"/>).
/// </remarks>
public sealed class RmsProp<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An RMSprop optimizer for <paramref name="parameterCount"/> parameters with PyTorch's defaults: γ = 0.01, α = 0.99, ε = 1e-8, no momentum, not centered, no weight decay.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterCount"/> is less than 1.</exception>
    public RmsProp(int parameterCount) : base(parameterCount, FromDouble(1e-2))
    {
        Alpha = FromDouble(0.99);
        Epsilon = FromDouble(1e-8);
    }

    /// <summary>
    /// The smoothing constant α in [0, 1] of the running averages (default 0.99). PyTorch refuses only α &lt; 0; α &gt; 1
    /// would make 1 − α negative and v able to turn negative, so it is refused too.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1].</exception>
    public T Alpha { get; init => field = Fraction(value, nameof(Alpha)); }

    /// <summary>ε &gt; 0, added to √ṽ in the denominator (default 1e-8).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite, or ≤ 0.</exception>
    public T Epsilon { get; init => field = Positive(value, nameof(Epsilon)); }

    /// <summary>The momentum factor μ ≥ 0 (default 0: no momentum buffer).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public T Momentum { get; init => field = NonNegative(value, nameof(Momentum)); }

    /// <summary>Centered RMSprop: divide by an estimate of the variance, v − ḡ², instead of v (default false).</summary>
    public bool Centered { get; init; }

    /// <summary>The L2 penalty λ ≥ 0 added to the gradient, g ← g + λ·θ (default 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public T WeightDecay { get; init => field = NonNegative(value, nameof(WeightDecay)); }

    /// <summary><c>RMSprop</c>.</summary>
    public override string Algorithm => "RMSprop";

    /// <summary><c>lr</c>, <c>alpha</c>, <c>eps</c>, <c>momentum</c>, <c>centered</c> (1 or 0), <c>weight_decay</c>.</summary>
    public override IReadOnlyList<KeyValuePair<string, double>> Hyperparameters =>
    [
        new("lr", ToDouble(LearningRate)),
        new("alpha", ToDouble(Alpha)),
        new("eps", ToDouble(Epsilon)),
        new("momentum", ToDouble(Momentum)),
        new("centered", Centered ? 1 : 0),
        new("weight_decay", ToDouble(WeightDecay)),
    ];

    private protected override string[] CreateStateNames() => (Momentum > T.Zero, Centered) switch
    {
        (false, false) => ["square_avg"],
        (true, false) => ["square_avg", "momentum_buffer"],
        (false, true) => ["square_avg", "grad_avg"],
        (true, true) => ["square_avg", "momentum_buffer", "grad_avg"],
    };

    private protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradient, long step)
    {
        bool useMomentum = Momentum > T.Zero;
        Span<T> buffer = useMomentum ? State(1) : default;               // never read without momentum
        Span<T> average = Centered ? State(useMomentum ? 2 : 1) : default; // never read unless centered
        // 1 − α in double, then as T: PyTorch computes it in Python.
        var c = new Coefficients(LearningRate, Alpha, FromDouble(1 - ToDouble(Alpha)), Epsilon, Momentum, WeightDecay,
            useMomentum, Centered, UseWeightDecay: WeightDecay != T.Zero);
        ref T theta = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        ref T v = ref MemoryMarshal.GetReference(State(0));
        ref T b = ref MemoryMarshal.GetReference(buffer);
        ref T gAvg = ref MemoryMarshal.GetReference(average);
        int i = 0, n = parameters.Length;
        if (Lane512<T>.IsAccelerated) i = Run<Lane512<T>>(c, ref theta, ref g, ref v, ref b, ref gAvg, i, n);
        else if (Lane256<T>.IsAccelerated) i = Run<Lane256<T>>(c, ref theta, ref g, ref v, ref b, ref gAvg, i, n);
        else if (Lane128<T>.IsAccelerated) i = Run<Lane128<T>>(c, ref theta, ref g, ref v, ref b, ref gAvg, i, n);
        Run<LaneScalar<T>>(c, ref theta, ref g, ref v, ref b, ref gAvg, i, n);
    }

    /// <summary>The update of parameters [<paramref name="start"/>, n) in blocks of <typeparamref name="TLane"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Run<TLane>(in Coefficients c, ref T thetaRef, ref T gradientRef, ref T vRef, ref T bufferRef, ref T averageRef, int start, int n)
        where TLane : struct, ISimdLane<TLane, T>
    {
        TLane lr = TLane.Create(c.LearningRate), alpha = TLane.Create(c.Alpha), oneMinusAlpha = TLane.Create(c.OneMinusAlpha);
        TLane epsilon = TLane.Create(c.Epsilon), mu = TLane.Create(c.Momentum), lambda = TLane.Create(c.WeightDecay);
        // The switches in locals, so that the JIT keeps them in registers instead of reading c on every block.
        bool useWeightDecay = c.UseWeightDecay, centered = c.Centered, useMomentum = c.UseMomentum;
        int i = start;
        for (; i <= n - TLane.Count; i += TLane.Count)
        {
            nuint at = (nuint)i;
            TLane theta = TLane.Load(ref thetaRef, at);
            TLane g = TLane.Load(ref gradientRef, at);
            // g ← g + λ·θ                          (L2 weight decay)
            if (useWeightDecay) g += lambda * theta;
            // v ← α·v + (1 − α)·g²
            TLane v = alpha * TLane.Load(ref vRef, at) + oneMinusAlpha * (g * g);
            v.Store(ref vRef, at);
            if (centered)
            {
                // ḡ ← α·ḡ + (1 − α)·g
                TLane gAvg = alpha * TLane.Load(ref averageRef, at) + oneMinusAlpha * g;
                gAvg.Store(ref averageRef, at);
                // ṽ = v − ḡ²
                v -= gAvg * gAvg;
            }
            // d = √ṽ + ε
            TLane d = TLane.Sqrt(v) + epsilon;
            if (useMomentum)
            {
                // b ← μ·b + g / d
                TLane b = mu * TLane.Load(ref bufferRef, at) + g / d;
                b.Store(ref bufferRef, at);
                // θ ← θ − γ·b
                (theta - lr * b).Store(ref thetaRef, at);
            }
            else
            {
                // θ ← θ − γ·(g / d)
                (theta - lr * (g / d)).Store(ref thetaRef, at);
            }
        }
        return i;
    }

    /// <summary>The step's constants: γ, α, 1 − α, ε, μ, λ and which terms apply.</summary>
    private readonly record struct Coefficients(T LearningRate, T Alpha, T OneMinusAlpha, T Epsilon, T Momentum, T WeightDecay,
        bool UseMomentum, bool Centered, bool UseWeightDecay);
}
