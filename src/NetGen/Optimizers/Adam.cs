using System;
using System.Collections.Generic;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Adam, optionally with L2 weight decay and AmsGrad: PyTorch's <c>torch.optim.Adam</c> (maximize = false). With
/// m₀ = v₀ = v_max = 0, for each step t = 1, 2, ... and every parameter θ with gradient g:
/// <code>
/// g ← g + λ·θ                               if λ ≠ 0     (L2 weight decay, in the gradient: it reaches m and v)
/// m ← β1·m + (1 − β1)·g                                  (first moment)
/// v ← β2·v + (1 − β2)·g²                                 (second moment)
/// m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)                  (bias corrections)
/// θ ← θ − γ·m̂ / (√v̂ + ε)                                 (ε added after the square root)
/// with AmsGrad:  v_max ← max(v_max, v),  θ ← θ − γ·m̂ / (√v_max / √(1 − β2ᵗ) + ε)
/// </code>
/// with γ = <see cref="Optimizer{T}.LearningRate"/>, β1 = <see cref="Beta1"/>, β2 = <see cref="Beta2"/>,
/// ε = <see cref="Epsilon"/>, λ = <see cref="WeightDecay"/>.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; a float optimizer computes in float.</typeparam>
/// <remarks>
/// <para>
/// Where PyTorch's documentation and implementation differ, this follows the implementation: with AmsGrad the running
/// maximum is taken over the raw second moment v and bias-corrected afterwards (the documentation's box takes it over
/// v̂). The arithmetic is the implementation's too: 1 − β1ᵗ, 1 − β2ᵗ, γ / (1 − β1ᵗ) and 1 / √(1 − β2ᵗ) are computed once
/// per step in double (PyTorch computes them as Python floats), then the update in <typeparamref name="T"/> is
/// θ ← θ − (γ / (1 − β1ᵗ))·(m / (√v·(1 / √(1 − β2ᵗ)) + ε)); PyTorch divides √v by √(1 − β2ᵗ) where this multiplies by
/// the reciprocal, one division less per parameter (the denominator can differ in its last bit). Every SIMD width
/// computes the same bits as a scalar loop (no fused multiply-add), so a run does not depend on the processor.
/// </para>
/// <para>State: <c>exp_avg</c> (m), <c>exp_avg_sq</c> (v) and, with AmsGrad, <c>max_exp_avg_sq</c> (v_max). Not thread-safe (see <see cref="Optimizer{T}"/>).</para>
/// </remarks>
public sealed class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An Adam optimizer for <paramref name="parameterCount"/> parameters with PyTorch's defaults: γ = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-8, no weight decay.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterCount"/> is less than 1.</exception>
    public Adam(int parameterCount) : base(parameterCount, FromDouble(1e-3))
    {
        Beta1 = FromDouble(0.9);
        Beta2 = FromDouble(0.999);
        Epsilon = FromDouble(1e-8);
    }

    /// <summary>β1 in [0, 1), the decay rate of the first moment m (default 0.9).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1).</exception>
    public T Beta1 { get; init => field = DecayRate(value, nameof(Beta1)); }

    /// <summary>β2 in [0, 1), the decay rate of the second moment v (default 0.999).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1).</exception>
    public T Beta2 { get; init => field = DecayRate(value, nameof(Beta2)); }

    /// <summary>ε &gt; 0, added to √v̂ in the denominator (default 1e-8).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite, or ≤ 0.</exception>
    public T Epsilon { get; init => field = Positive(value, nameof(Epsilon)); }

    /// <summary>The L2 penalty λ ≥ 0 added to the gradient, g ← g + λ·θ, before the moments (default 0). For decoupled weight decay use <see cref="AdamW{T}"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public T WeightDecay { get; init => field = NonNegative(value, nameof(WeightDecay)); }

    /// <summary>AmsGrad: divide by the running maximum of the second moment instead of the second moment itself (default false).</summary>
    public bool AmsGrad { get; init; }

    /// <summary><c>Adam</c>.</summary>
    public override string Algorithm => "Adam";

    /// <summary><c>lr</c>, <c>beta1</c>, <c>beta2</c>, <c>eps</c>, <c>weight_decay</c>, <c>amsgrad</c> (1 or 0).</summary>
    public override IReadOnlyList<KeyValuePair<string, double>> Hyperparameters =>
    [
        new("lr", ToDouble(LearningRate)),
        new("beta1", ToDouble(Beta1)),
        new("beta2", ToDouble(Beta2)),
        new("eps", ToDouble(Epsilon)),
        new("weight_decay", ToDouble(WeightDecay)),
        new("amsgrad", AmsGrad ? 1 : 0),
    ];

    private protected override string[] CreateStateNames() =>
        AmsGrad ? ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"] : ["exp_avg", "exp_avg_sq"];

    private protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradient, long step) =>
        AdamUpdate.Apply(parameters, gradient, State(0), State(1), AmsGrad ? State(2) : default, step,
            LearningRate, Beta1, Beta2, Epsilon, WeightDecay, decoupled: false, AmsGrad);
}
