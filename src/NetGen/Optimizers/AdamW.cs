using System;
using System.Collections.Generic;
using System.Numerics;

namespace NetGen;

/// <summary>
/// Adam with decoupled weight decay, optionally AmsGrad: PyTorch's <c>torch.optim.AdamW</c> (maximize = false). The
/// weight decay shrinks the parameter directly instead of entering the gradient, so it never reaches the moments. With
/// m₀ = v₀ = v_max = 0, for each step t = 1, 2, ... and every parameter θ with gradient g:
/// <code>
/// θ ← θ − γλ·θ                                           (decoupled weight decay, first; computed as θ·(1 − γλ))
/// m ← β1·m + (1 − β1)·g
/// v ← β2·v + (1 − β2)·g²
/// m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)
/// θ ← θ − γ·m̂ / (√v̂ + ε)
/// with AmsGrad:  v_max ← max(v_max, v),  θ ← θ − γ·m̂ / (√v_max / √(1 − β2ᵗ) + ε)
/// </code>
/// with γ = <see cref="Optimizer{T}.LearningRate"/>, β1 = <see cref="Beta1"/>, β2 = <see cref="Beta2"/>,
/// ε = <see cref="Epsilon"/>, λ = <see cref="WeightDecay"/>.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; a float optimizer computes in float.</typeparam>
/// <remarks>
/// <para>
/// As for <see cref="Adam{T}"/>, this follows PyTorch's implementation: AmsGrad's maximum over the raw v, the bias
/// corrections in double (√v multiplied by 1 / √(1 − β2ᵗ), see <see cref="Adam{T}"/>), and the decay as the
/// multiplication θ·(1 − γλ) with 1 − γλ computed in double. γ is the
/// learning rate of the step, so a schedule scales the decay too.
/// </para>
/// <para>State: <c>exp_avg</c> (m), <c>exp_avg_sq</c> (v) and, with AmsGrad, <c>max_exp_avg_sq</c> (v_max). Not thread-safe (see <see cref="Optimizer{T}"/>).</para>
/// </remarks>
public sealed class AdamW<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An AdamW optimizer for <paramref name="parameterCount"/> parameters with PyTorch's defaults: γ = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-8, λ = 0.01.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterCount"/> is less than 1.</exception>
    public AdamW(int parameterCount) : base(parameterCount, FromDouble(1e-3))
    {
        Beta1 = FromDouble(0.9);
        Beta2 = FromDouble(0.999);
        Epsilon = FromDouble(1e-8);
        WeightDecay = FromDouble(1e-2);
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

    /// <summary>The decoupled weight decay λ ≥ 0: θ ← θ − γλ·θ before the Adam step (default 0.01).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public T WeightDecay { get; init => field = NonNegative(value, nameof(WeightDecay)); }

    /// <summary>AmsGrad: divide by the running maximum of the second moment instead of the second moment itself (default false).</summary>
    public bool AmsGrad { get; init; }

    /// <summary><c>AdamW</c>.</summary>
    public override string Algorithm => "AdamW";

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
            LearningRate, Beta1, Beta2, Epsilon, WeightDecay, decoupled: true, AmsGrad);
}
