using System;

namespace NetGen;

/// <summary>
/// Cosine annealing from η₀ down to η_min over <see cref="TMax"/> epochs, PyTorch's
/// <c>CosineAnnealingLR(optimizer, T_max, eta_min)</c> in its closed form (SGDR without restarts):
/// η_e = η_min + (η₀ − η_min)·(1 + cos(π·e / T_max)) / 2.
/// </summary>
/// <remarks>
/// Past T_max the cosine goes on, so the rate climbs back towards η₀ over the next T_max epochs, as PyTorch's does
/// (its recursive form follows the same curve). Train for T_max epochs to end at η_min.
/// </remarks>
public sealed class CosineAnnealingLR : LearningRateSchedule
{
    /// <summary>A cosine schedule over <paramref name="tMax"/> epochs down to <paramref name="etaMin"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tMax"/> &lt; 1, or <paramref name="etaMin"/> negative or not finite.</exception>
    public CosineAnnealingLR(int tMax, double etaMin = 0)
    {
        if (tMax < 1) Refuse(tMax, nameof(tMax), "at least 1");
        if (!double.IsFinite(etaMin) || etaMin < 0) Refuse(etaMin, nameof(etaMin), "a finite number ≥ 0");
        TMax = tMax;
        EtaMin = etaMin;
    }

    /// <summary>T_max, the number of epochs from η₀ to η_min (half a period of the cosine).</summary>
    public int TMax { get; }

    /// <summary>η_min, the learning rate reached at epoch T_max (default 0).</summary>
    public double EtaMin { get; }

    /// <summary>η_e = η_min + (η₀ − η_min)·(1 + cos(π·e / T_max)) / 2.</summary>
    private protected override double Compute(int epoch, double initialLearningRate) =>
        EtaMin + (initialLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * epoch / TMax)) / 2;
}
