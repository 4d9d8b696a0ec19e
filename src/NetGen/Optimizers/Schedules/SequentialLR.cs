using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// Several schedules one after the other, PyTorch's <c>SequentialLR(optimizer, schedulers, milestones)</c>: schedule 0
/// until epoch milestones[0], then schedule 1 counted from 0 again, and so on. Each starts from the same η₀, so a
/// warm-up followed by cosine annealing is <c>new SequentialLR([new LinearLR(0.1, 1, 5), new CosineAnnealingLR(25)], [5])</c>
/// (or <c>new CosineAnnealingLR(25).WithWarmup(5, 0.1)</c>).
/// </summary>
public sealed class SequentialLR : LearningRateSchedule
{
    private readonly LearningRateSchedule[] _schedules;
    private readonly int[] _milestones;

    /// <summary>Runs <paramref name="schedules"/> in turn, switching at the epochs of <paramref name="milestones"/>.</summary>
    /// <exception cref="ArgumentException">There are no schedules, a schedule is null, or the number of milestones is not one less than the number of schedules.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The milestones are not positive and strictly increasing.</exception>
    public SequentialLR(IReadOnlyList<LearningRateSchedule> schedules, IReadOnlyList<int> milestones)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(milestones);
        if (schedules.Count == 0) throw new ArgumentException("At least one schedule is needed.", nameof(schedules));
        for (int k = 0; k < schedules.Count; k++)
            if (schedules[k] is null) throw new ArgumentException($"Schedule {k} is null.", nameof(schedules));
        if (milestones.Count != schedules.Count - 1)
            throw new ArgumentException($"Expected {schedules.Count - 1} milestones for {schedules.Count} schedules (one between each two); got {milestones.Count}.", nameof(milestones));
        for (int k = 0; k < milestones.Count; k++)
            if (milestones[k] <= (k == 0 ? 0 : milestones[k - 1]))
                Refuse(milestones[k], nameof(milestones), "positive and strictly increasing");
        _schedules = [.. schedules];
        _milestones = [.. milestones];
    }

    /// <summary>The schedules, in order.</summary>
    public IReadOnlyList<LearningRateSchedule> Schedules => Array.AsReadOnly(_schedules);

    /// <summary>The epochs at which the next schedule takes over.</summary>
    public IReadOnlyList<int> Milestones => Array.AsReadOnly(_milestones);

    /// <summary>η_e = schedule k's value at e − milestones[k − 1] (0 for k = 0), k the number of milestones ≤ e.</summary>
    private protected override double Compute(int epoch, double initialLearningRate)
    {
        int k = 0;
        while (k < _milestones.Length && epoch >= _milestones[k]) k++;
        return _schedules[k].LearningRateAt(epoch - (k == 0 ? 0 : _milestones[k - 1]), initialLearningRate);
    }
}
