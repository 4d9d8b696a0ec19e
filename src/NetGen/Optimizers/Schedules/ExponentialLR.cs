using System;

namespace NetGen;

/// <summary>Multiplies the learning rate by γ every epoch: η_e = η₀·γᵉ, PyTorch's <c>ExponentialLR(optimizer, gamma)</c>.</summary>
public sealed class ExponentialLR : LearningRateSchedule
{
    /// <summary>An exponential schedule: η_e = η₀·<paramref name="gamma"/>ᵉ.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> negative or not finite.</exception>
    public ExponentialLR(double gamma)
    {
        if (!double.IsFinite(gamma) || gamma < 0) Refuse(gamma, nameof(gamma), "a finite number ≥ 0");
        Gamma = gamma;
    }

    /// <summary>The factor γ of each epoch.</summary>
    public double Gamma { get; }

    /// <summary>η_e = η₀·γᵉ.</summary>
    private protected override double Compute(int epoch, double initialLearningRate) =>
        initialLearningRate * Math.Pow(Gamma, epoch);
}
