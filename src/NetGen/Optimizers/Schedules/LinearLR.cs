using System;

namespace NetGen;

/// <summary>
/// A linear change of the learning rate's factor from <see cref="StartFactor"/> to <see cref="EndFactor"/> over
/// <see cref="TotalIters"/> epochs, then constant — linear warm-up with the defaults: PyTorch's
/// <c>LinearLR(optimizer, start_factor, end_factor, total_iters)</c>,
/// η_e = η₀·(s + (f − s)·min(e, total_iters) / total_iters).
/// </summary>
/// <remarks>To warm up into another schedule, use <see cref="LearningRateSchedule.WithWarmup"/> or <see cref="SequentialLR"/>.</remarks>
public sealed class LinearLR : LearningRateSchedule
{
    /// <summary>A linear schedule (PyTorch's defaults: from η₀/3 to η₀ over 5 epochs).</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="startFactor"/> outside (0, 1], <paramref name="endFactor"/> outside [0, 1] (PyTorch's bounds), or <paramref name="totalIters"/> &lt; 1.
    /// </exception>
    public LinearLR(double startFactor = 1.0 / 3, double endFactor = 1.0, int totalIters = 5)
    {
        if (!(startFactor > 0 && startFactor <= 1)) Refuse(startFactor, nameof(startFactor), "in (0, 1]");
        if (!(endFactor >= 0 && endFactor <= 1)) Refuse(endFactor, nameof(endFactor), "in [0, 1]");
        if (totalIters < 1) Refuse(totalIters, nameof(totalIters), "at least 1");
        StartFactor = startFactor;
        EndFactor = endFactor;
        TotalIters = totalIters;
    }

    /// <summary>s, the factor of epoch 0.</summary>
    public double StartFactor { get; }

    /// <summary>f, the factor from epoch <see cref="TotalIters"/> on.</summary>
    public double EndFactor { get; }

    /// <summary>The number of epochs the factor takes to go from s to f.</summary>
    public int TotalIters { get; }

    /// <summary>η_e = η₀·(s + (f − s)·min(e, total_iters) / total_iters).</summary>
    private protected override double Compute(int epoch, double initialLearningRate) =>
        initialLearningRate * (StartFactor + (EndFactor - StartFactor) * Math.Min(epoch, TotalIters) / TotalIters);
}
