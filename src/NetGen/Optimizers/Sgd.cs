using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen;

/// <summary>
/// Stochastic gradient descent, optionally with momentum, dampening, Nesterov momentum and L2 weight decay: PyTorch's
/// <c>torch.optim.SGD</c> (maximize = false). For each step t = 1, 2, ... and every parameter θ with gradient g:
/// <code>
/// g ← g + λ·θ                                   if λ ≠ 0     (weight decay, before momentum)
/// if μ ≠ 0:
///     b ← g                                     if t = 1     (the first buffer is the gradient, undampened)
///     b ← μ·b + (1 − τ)·g                       if t > 1
///     g ← g + μ·b                               if Nesterov
///     g ← b                                     otherwise
/// θ ← θ − γ·g
/// </code>
/// with γ = <see cref="Optimizer{T}.LearningRate"/>, μ = <see cref="Momentum"/>, τ = <see cref="Dampening"/> and
/// λ = <see cref="WeightDecay"/>. Note that PyTorch's momentum form, b ← μb + g then θ ← θ − γb, differs from
/// Sutskever et al.'s v ← μv + γg; this is PyTorch's.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; a float optimizer computes in float.</typeparam>
/// <remarks>
/// The state is <c>momentum_buffer</c> (b), only when μ ≠ 0. Not thread-safe (see <see cref="Optimizer{T}"/>).
/// With no momentum and no weight decay a step is θ ← θ − γ·g, the networks' own <c>Step</c>.
/// </remarks>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An SGD optimizer for <paramref name="parameterCount"/> parameters with PyTorch's defaults: γ = 0.001, no momentum, no weight decay.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterCount"/> is less than 1.</exception>
    public Sgd(int parameterCount) : base(parameterCount, FromDouble(1e-3))
    {
    }

    /// <summary>The momentum factor μ ≥ 0 (default 0: no momentum buffer).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public T Momentum { get; init => field = NonNegative(value, nameof(Momentum)); }

    /// <summary>The dampening τ of the momentum, b ← μ·b + (1 − τ)·g from the second step on (default 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not finite (PyTorch sets no other bound).</exception>
    public T Dampening { get; init => field = Finite(value, nameof(Dampening)); }

    /// <summary>Nesterov momentum, g ← g + μ·b instead of g ← b (default false). Needs μ &gt; 0 and τ = 0, checked on the first step.</summary>
    public bool Nesterov { get; init; }

    /// <summary>The L2 penalty λ ≥ 0 added to the gradient, g ← g + λ·θ (default 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative or not finite.</exception>
    public T WeightDecay { get; init => field = NonNegative(value, nameof(WeightDecay)); }

    /// <summary><c>SGD</c>.</summary>
    public override string Algorithm => "SGD";

    /// <summary><c>lr</c>, <c>momentum</c>, <c>dampening</c>, <c>weight_decay</c>, <c>nesterov</c> (1 or 0).</summary>
    public override IReadOnlyList<KeyValuePair<string, double>> Hyperparameters =>
    [
        new("lr", ToDouble(LearningRate)),
        new("momentum", ToDouble(Momentum)),
        new("dampening", ToDouble(Dampening)),
        new("weight_decay", ToDouble(WeightDecay)),
        new("nesterov", Nesterov ? 1 : 0),
    ];

    private protected override void ValidateSettings()
    {
        // PyTorch: "Nesterov momentum requires a momentum and zero dampening".
        if (Nesterov && (Momentum <= T.Zero || Dampening != T.Zero))
            Refuse(Nesterov, nameof(Nesterov), "false unless Momentum > 0 and Dampening = 0 (Nesterov momentum requires a momentum and zero dampening)");
    }

    private protected override string[] CreateStateNames() => Momentum != T.Zero ? ["momentum_buffer"] : [];

    private protected override void Update(Span<T> parameters, ReadOnlySpan<T> gradient, long step)
    {
        Span<T> buffer = Momentum != T.Zero ? State(0) : default; // without momentum there is no buffer, and it is never read
        // 1 − τ in double, then as T: PyTorch computes it in Python.
        var c = new Coefficients(LearningRate, Momentum, FromDouble(1 - ToDouble(Dampening)), WeightDecay,
            UseMomentum: Momentum != T.Zero, FirstStep: step == 1, Nesterov, UseWeightDecay: WeightDecay != T.Zero);
        ref T theta = ref MemoryMarshal.GetReference(parameters);
        ref T g = ref MemoryMarshal.GetReference(gradient);
        ref T b = ref MemoryMarshal.GetReference(buffer);
        int i = 0, n = parameters.Length;
        if (Lane512<T>.IsAccelerated) i = Run<Lane512<T>>(c, ref theta, ref g, ref b, i, n);
        else if (Lane256<T>.IsAccelerated) i = Run<Lane256<T>>(c, ref theta, ref g, ref b, i, n);
        else if (Lane128<T>.IsAccelerated) i = Run<Lane128<T>>(c, ref theta, ref g, ref b, i, n);
        Run<LaneScalar<T>>(c, ref theta, ref g, ref b, i, n);
    }

    /// <summary>The update of parameters [<paramref name="start"/>, n) in blocks of <typeparamref name="TLane"/>; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Run<TLane>(in Coefficients c, ref T thetaRef, ref T gradientRef, ref T bufferRef, int start, int n)
        where TLane : struct, ISimdLane<TLane, T>
    {
        TLane lr = TLane.Create(c.LearningRate), mu = TLane.Create(c.Momentum);
        TLane oneMinusTau = TLane.Create(c.OneMinusDampening), lambda = TLane.Create(c.WeightDecay);
        // The switches in locals, so that the JIT keeps them in registers instead of reading c on every block.
        bool useWeightDecay = c.UseWeightDecay, useMomentum = c.UseMomentum, firstStep = c.FirstStep, nesterov = c.Nesterov;
        int i = start;
        for (; i <= n - TLane.Count; i += TLane.Count)
        {
            nuint at = (nuint)i;
            TLane theta = TLane.Load(ref thetaRef, at);
            TLane g = TLane.Load(ref gradientRef, at);
            // g ← g + λ·θ                                        (L2 weight decay)
            if (useWeightDecay) g += lambda * theta;
            if (useMomentum)
            {
                // b ← g on the first step, else b ← μ·b + (1 − τ)·g
                TLane b = firstStep ? g : mu * TLane.Load(ref bufferRef, at) + oneMinusTau * g;
                b.Store(ref bufferRef, at);
                // g ← g + μ·b (Nesterov), else g ← b
                g = nesterov ? g + mu * b : b;
            }
            // θ ← θ − γ·g
            (theta - lr * g).Store(ref thetaRef, at);
        }
        return i;
    }

    /// <summary>The step's constants: γ, μ, 1 − τ, λ and which terms apply.</summary>
    private readonly record struct Coefficients(T LearningRate, T Momentum, T OneMinusDampening, T WeightDecay,
        bool UseMomentum, bool FirstStep, bool Nesterov, bool UseWeightDecay);
}
