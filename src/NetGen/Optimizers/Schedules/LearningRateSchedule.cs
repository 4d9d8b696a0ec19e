using System;
using System.Globalization;
using System.Numerics;

namespace NetGen;

/// <summary>
/// A learning-rate schedule: the learning rate of each epoch as a function of the epoch and the initial learning rate,
/// with the values of PyTorch's <c>torch.optim.lr_scheduler</c> classes of the same names (<see cref="StepLR"/>,
/// <see cref="ExponentialLR"/>, <see cref="CosineAnnealingLR"/>, <see cref="LinearLR"/>, <see cref="SequentialLR"/>).
/// </summary>
/// <remarks>
/// <para>
/// Epochs count from 0, as PyTorch's <c>last_epoch</c> after the scheduler is created: epoch 0 trains with
/// <see cref="LearningRateAt"/>(0, η₀), and each PyTorch <c>scheduler.step()</c> at the end of an epoch corresponds to
/// the next epoch here. A schedule is a pure function of (epoch, η₀) — PyTorch's closed forms — with no state, so a
/// resumed run only needs the epoch; PyTorch's recursive (chainable) updates give the same values up to rounding.
/// </para>
/// <para>
/// By hand: <c>schedule.Apply(optimizer, epoch, initialLearningRate)</c> before each epoch (or
/// <c>optimizer.LearningRate = T.CreateTruncating(schedule.LearningRateAt(epoch, η₀))</c>). Schedules are immutable
/// and thread-safe.
/// </para>
/// </remarks>
public abstract class LearningRateSchedule
{
    /// <summary>Only NetGen's schedules derive from this class.</summary>
    private protected LearningRateSchedule()
    {
    }
    /// <summary>The learning rate of epoch <paramref name="epoch"/> (from 0) of a run that started at <paramref name="initialLearningRate"/>, η₀.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative, or <paramref name="initialLearningRate"/> negative or not finite.</exception>
    public double LearningRateAt(int epoch, double initialLearningRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (!double.IsFinite(initialLearningRate) || initialLearningRate < 0)
            throw new ArgumentOutOfRangeException(nameof(initialLearningRate), initialLearningRate, "The initial learning rate must be a finite number ≥ 0.");
        return Compute(epoch, initialLearningRate);
    }

    /// <summary>Sets <paramref name="optimizer"/>'s learning rate to the one of <paramref name="epoch"/>: <see cref="LearningRateAt"/> converted to <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="LearningRateAt"/>.</exception>
    public void Apply<T>(IOptimizer<T> optimizer, int epoch, double initialLearningRate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.LearningRate = T.CreateTruncating(LearningRateAt(epoch, initialLearningRate));
    }

    /// <summary>
    /// This schedule after <paramref name="epochs"/> epochs of linear warm-up from <paramref name="startFactor"/>·η₀ towards
    /// η₀: PyTorch's <c>SequentialLR([LinearLR(start_factor, 1.0, total_iters=epochs), this], milestones=[epochs])</c>.
    /// Epoch e &lt; epochs has η₀·(s + (1 − s)·e / epochs); epoch e ≥ epochs has this schedule's value at e − epochs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> &lt; 1 or <paramref name="startFactor"/> outside (0, 1].</exception>
    public LearningRateSchedule WithWarmup(int epochs, double startFactor = 1.0 / 3)
    {
        if (epochs < 1) Refuse(epochs, nameof(epochs), "at least 1");
        return new SequentialLR([new LinearLR(startFactor, 1.0, epochs), this], [epochs]);
    }

    /// <summary>The value of <see cref="LearningRateAt"/>, with arguments already checked.</summary>
    private protected abstract double Compute(int epoch, double initialLearningRate);

    /// <summary>Throws the <see cref="ArgumentOutOfRangeException"/> of a constructor argument.</summary>
    private protected static void Refuse(object value, string paramName, string expected) =>
        throw new ArgumentOutOfRangeException(paramName, value, string.Create(CultureInfo.InvariantCulture, $"{paramName} must be {expected}."));
}
