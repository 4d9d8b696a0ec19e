using System;
using System.Globalization;

namespace NetGen.Training;

/// <summary>
/// Thrown by <see cref="Trainer{T}.Train"/> when training diverges: a batch's mean cost is NaN or infinite, or the
/// parameters are no longer finite at the end of an epoch. Gradient descent cannot recover from either (every later
/// step is NaN too), so the run stops there instead of reporting NaN costs and leaving NaN weights to be saved.
/// </summary>
/// <remarks>
/// <para>The network is left as the failing step left it, which is usually not finite: reload saved parameters or
/// initialise them again, and train with a smaller learning rate.</para>
/// <para>Thread safety: immutable once thrown.</para>
/// </remarks>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Training diverged at batch <paramref name="batch"/> of epoch <paramref name="epoch"/>, whose mean cost was <paramref name="cost"/>.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="batch">The batch within the epoch, from 1.</param>
    /// <param name="cost">The batch's mean cost, as TrainBatch returned it (NaN or infinite, unless the parameters were the problem).</param>
    public TrainingDivergedException(int epoch, int batch, double cost)
        : this(epoch, batch, cost, string.Create(CultureInfo.InvariantCulture,
            $"Training diverged at epoch {epoch}, batch {batch}: the batch's mean cost is {cost}; expected a finite cost."))
    {
    }

    /// <summary>Training diverged at batch <paramref name="batch"/> of epoch <paramref name="epoch"/>, as <paramref name="message"/> says.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="batch">The batch within the epoch, from 1.</param>
    /// <param name="cost">The batch's mean cost, as TrainBatch returned it.</param>
    /// <param name="message">What diverged, naming the epoch and the batch.</param>
    public TrainingDivergedException(int epoch, int batch, double cost, string message)
        : base(message)
    {
        Epoch = epoch;
        Batch = batch;
        Cost = cost;
    }

    /// <summary>The epoch in which training diverged, from 1.</summary>
    public int Epoch { get; }

    /// <summary>The batch of <see cref="Epoch"/> whose cost (or whose step) was not finite, from 1.</summary>
    public int Batch { get; }

    /// <summary>The mean cost that batch returned: NaN or infinite, or finite when its step made the parameters non-finite.</summary>
    public double Cost { get; }
}
