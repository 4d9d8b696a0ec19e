using System;
using System.Globalization;
using System.Numerics;

namespace NetGen;

/// <summary>
/// What every network offers, generated or interpreted: its parameters, the forward pass, the backward pass and the
/// gradient-descent step. Generated classes implement it explicitly (their public members are the same), so training
/// loops and I/O in this library work over any of them.
/// </summary>
/// <remarks>
/// Thread safety: a network keeps the example it is working on in per-instance scratch memory, so unless an
/// implementation documents otherwise, <see cref="Forward"/>, <see cref="Backward"/>, <see cref="Step"/>,
/// <c>TrainBatch</c> and <see cref="InitializeParameters"/> must not be called on one instance while another call
/// on it is running, and <see cref="Parameters"/> must not be written meanwhile. <see cref="Spec"/>,
/// <see cref="InputCount"/>, <see cref="OutputCount"/> and <see cref="ParameterCount"/> never change and may be read
/// from any thread at any time. Different instances share no mutable state: one instance per thread is safe and gives
/// each thread exactly the results it would get alone. <see cref="ReferenceNetwork{T}"/> detects a concurrent call and
/// throws <see cref="InvalidOperationException"/>.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface INetwork<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The description of the network.</summary>
    NetworkSpec Spec { get; }

    /// <summary>The number of input values of one example.</summary>
    int InputCount { get; }

    /// <summary>The number of output (and target) values of one example.</summary>
    int OutputCount { get; }

    /// <summary>The number of weights and biases.</summary>
    int ParameterCount { get; }

    /// <summary>Every weight and bias in one flat vector (see <see cref="NetworkSpec"/> for the layout); writable.</summary>
    Span<T> Parameters { get; }

    /// <summary>Draws the weights again from the seeded initialiser (Glorot or He by activation) and zeroes the biases.</summary>
    void InitializeParameters(int seed);

    /// <summary>Computes the network's output for one input.</summary>
    void Forward(ReadOnlySpan<T> input, Span<T> output);

    /// <summary>
    /// Computes the outputs of a batch of examples: rows of <see cref="InputCount"/> inputs in, rows of
    /// <see cref="OutputCount"/> outputs out, each row exactly what <see cref="Forward"/> gives for it.
    /// </summary>
    /// <remarks>This default implementation calls <see cref="Forward"/> row by row; generated networks run whole blocks of
    /// rows at once (in SIMD lanes, or through the blocked matrix kernels). Both spans are checked before anything is written.</remarks>
    /// <exception cref="ArgumentException">The inputs are not a non-zero multiple of InputCount, or the outputs are not as many rows of OutputCount.</exception>
    void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs)
    {
        int rows = NetworkGuard.CheckForwardBatch(inputs.Length, outputs.Length, InputCount, OutputCount);
        for (int r = 0; r < rows; r++)
            Forward(inputs.Slice(r * InputCount, InputCount), outputs.Slice(r * OutputCount, OutputCount));
    }

    /// <summary>Runs the forward pass for one example, returns its cost C and adds ∂C/∂θ for every parameter θ into <paramref name="gradient"/>.</summary>
    T Backward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> gradient);

    /// <summary>One gradient-descent step: θ ← θ − η·g for every parameter.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is NaN, infinite or negative
    /// (<see cref="NetworkGuard.CheckLearningRate{T}"/>); nothing changes.</exception>
    void Step(ReadOnlySpan<T> gradient, T learningRate);

    /// <summary>
    /// Trains on one batch: rows of <see cref="InputCount"/> inputs and <see cref="OutputCount"/> targets. Averages the
    /// examples' gradients (the gradient of the mean cost), takes one step and returns the mean cost before the step.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is NaN, infinite or negative
    /// (<see cref="NetworkGuard.CheckLearningRate{T}"/>); nothing changes.</exception>
    T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate);

    /// <summary>
    /// Trains on one batch with <paramref name="optimizer"/>: rows of <see cref="InputCount"/> inputs and
    /// <see cref="OutputCount"/> targets. Computes the mean gradient of the batch, g = (1/n)·Σ_rows ∂C/∂θ, then
    /// <c>optimizer.Step(Parameters, g)</c>, and returns the mean cost before the step.
    /// </summary>
    /// <remarks>
    /// This default implementation calls <see cref="Backward"/> row by row into a gradient vector it allocates for the
    /// call; an implementation may do the same work faster (generated networks are to use their batch path and a reused
    /// buffer). The spans are checked, and a wrong length refused, before anything changes.
    /// </remarks>
    /// <exception cref="ArgumentException">The spans are not whole rows, or the optimizer is for another number of parameters; nothing has changed.</exception>
    T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, IOptimizer<T> optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        int rows = NetworkGuard.CheckBatch(inputs.Length, targets.Length, InputCount, OutputCount);
        if (optimizer is IOptimizerState<T> state && state.ParameterCount != ParameterCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"optimizer updates {state.ParameterCount} parameters; the network has {ParameterCount}."), nameof(optimizer));
        var gradient = new T[ParameterCount];
        T cost = T.Zero;
        for (int r = 0; r < rows; r++)
            cost += Backward(inputs.Slice(r * InputCount, InputCount), targets.Slice(r * OutputCount, OutputCount), gradient);
        T count = T.CreateChecked(rows);
        // g ← (1/n)·Σ_rows ∂C/∂θ: the gradient of the mean cost
        for (int i = 0; i < gradient.Length; i++) gradient[i] /= count;
        optimizer.Step(Parameters, gradient);
        return cost / count;
    }
}
