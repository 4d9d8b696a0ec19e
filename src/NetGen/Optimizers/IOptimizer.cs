using System;
using System.Numerics;

namespace NetGen;

/// <summary>
/// An optimisation algorithm: turns the gradient of the cost into a change of the parameters, θ ← update(θ, g), keeping
/// whatever state it needs (moment vectors, step count) between calls. <see cref="Sgd{T}"/>, <see cref="Adam{T}"/>,
/// <see cref="AdamW{T}"/> and <see cref="RmsProp{T}"/> follow the corresponding <c>torch.optim</c> classes.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// An optimizer belongs to one parameter vector: its state is per parameter, so one instance updates one network.
/// Implementations in NetGen are not thread-safe: call <see cref="Step"/> from one thread at a time.
/// </remarks>
public interface IOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The step size γ (η) of the next <see cref="Step"/>. Settable between steps, e.g. by a
    /// <see cref="LearningRateSchedule"/>; NetGen's optimizers refuse a negative or non-finite value.</summary>
    T LearningRate { get; set; }

    /// <summary>
    /// One optimisation step: updates <paramref name="parameters"/> in place from <paramref name="gradient"/>, ∂C/∂θ for
    /// every parameter θ (the gradient of the cost to minimise; it is not modified), and advances the optimizer's state.
    /// </summary>
    /// <exception cref="ArgumentException">A span does not have the optimizer's parameter count; nothing has changed.</exception>
    void Step(Span<T> parameters, ReadOnlySpan<T> gradient);
}
