using System;

namespace NetGen;

/// <summary>
/// Multiplies the learning rate by γ every <see cref="StepSize"/> epochs: η_e = η₀·γ^⌊e / stepSize⌋, PyTorch's
/// <c>StepLR(optimizer, step_size, gamma)</c>.
/// </summary>
public sealed class StepLR : LearningRateSchedule
{
    /// <summary>A step schedule: η_e = η₀·<paramref name="gamma"/>^⌊e / <paramref name="stepSize"/>⌋.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepSize"/> &lt; 1, or <paramref name="gamma"/> negative or not finite.</exception>
    public StepLR(int stepSize, double gamma = 0.1)
    {
        if (stepSize < 1) Refuse(stepSize, nameof(stepSize), "at least 1");
        if (!double.IsFinite(gamma) || gamma < 0) Refuse(gamma, nameof(gamma), "a finite number ≥ 0");
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>The number of epochs between two decays.</summary>
    public int StepSize { get; }

    /// <summary>The factor γ of each decay (PyTorch's default 0.1).</summary>
    public double Gamma { get; }

    /// <summary>η_e = η₀·γ^⌊e / stepSize⌋.</summary>
    private protected override double Compute(int epoch, double initialLearningRate) =>
        initialLearningRate * Math.Pow(Gamma, epoch / StepSize);
}
