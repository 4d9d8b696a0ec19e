using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Training;

/// <summary>A run that diverges stops with an exception naming the epoch and the batch, instead of ending in NaN weights.</summary>
public sealed class DivergenceTests
{
    // y = 3x + 1 through 8 leaky ReLU units: with η = 0.03 every step overshoots more than the one before, the cost
    // grows geometrically, overflows to ∞ and then the gradient becomes NaN. (Leaky, so that no unit dies and stops the
    // climb; with η = 0.025 or less the same network converges. The tenth step is the first whose cost is ∞.)
    private static readonly NetworkSpec Regression = NetworkSpec.Sequential(1, Loss.SquaredError, Precision.Double,
        (8, Activation.LeakyReLU), (1, Activation.Identity));

    private static readonly double[] X = [4.0];
    private static readonly double[] Y = [13.0];
    private const double DivergingRate = 0.03;

    [Fact]
    public void The_diverging_step_is_the_one_named()
    {
        // Four copies of one example and batches of one: every batch is the same whatever the shuffle, so replaying
        // TrainBatch by hand on a second network says where the first non-finite cost comes.
        var replay = new ReferenceNetwork<double>(Regression, seed: 2);
        int step = 0;
        double replayed;
        do
        {
            replayed = replay.TrainBatch(X, Y, DivergingRate);
            step++;
        }
        while (double.IsFinite(replayed) && step < 100_000);
        Assert.True(step > 8 && step < 100_000, $"diverged at step {step}; the test wants a run that first looks fine, then diverges");
        int expectedEpoch = (step - 1) / 4 + 1, expectedBatch = (step - 1) % 4 + 1;
        Assert.Equal((10, 3, 2), (step, expectedEpoch, expectedBatch));

        var network = new ReferenceNetwork<double>(Regression, seed: 2);
        var data = new DataSet<double>([.. X, .. X, .. X, .. X], [.. Y, .. Y, .. Y, .. Y], 1, 1);
        var batchesSeen = new List<(int Epoch, int Batch)>();
        var observer = new TrainingCallbacks { BatchCompleted = p => batchesSeen.Add((p.Epoch, p.Batch)) };
        var trainer = new Trainer<double>(network, new TrainerOptions { Epochs = 100_000, BatchSize = 1, LearningRate = DivergingRate, Seed = 5 });

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Train(data, data, observer, TestContext.Current.CancellationToken));

        Assert.Equal(expectedEpoch, e.Epoch);
        Assert.Equal(expectedBatch, e.Batch);
        Assert.Equal(replayed, e.Cost);
        Assert.Equal($"Training diverged at epoch {expectedEpoch}, batch {expectedBatch} of 4: the batch's mean cost is {(double.IsNaN(replayed) ? "NaN" : "Infinity")}; expected a finite cost. Try a smaller learning rate than 0.03.", e.Message);
        // The observer saw every batch before the failing one, and not that one.
        Assert.Equal(step - 1, batchesSeen.Count);
        Assert.NotEqual((expectedEpoch, expectedBatch), batchesSeen[^1]);
    }

    [Fact]
    public void A_step_that_overflows_the_parameters_is_caught_at_the_end_of_its_epoch()
    {
        // η = 1e38 is finite in float; the cost of the one batch is finite (it is taken before the step), but the step
        // sends the parameters past float.MaxValue. Without the check the run would end normally with ∞ weights.
        var spec = NetworkSpec.Sequential(2, Loss.SquaredError, Precision.Single, (3, Activation.Sigmoid), (1, Activation.Identity));
        var replay = new ReferenceNetwork<float>(spec, seed: 1);
        float cost = replay.TrainBatch([1f, 2f], [5f], 1e38f);
        int broken = Enumerable.Range(0, spec.ParameterCount).First(i => !float.IsFinite(replay.Parameters[i]));
        Assert.True(float.IsFinite(cost));

        var network = new ReferenceNetwork<float>(spec, seed: 1);
        var trainer = new Trainer<float>(network, new TrainerOptions { Epochs = 3, BatchSize = 1, LearningRate = 1e38 });
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Train(new DataSet<float>([1f, 2f], [5f], 2, 1), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal((1, 1, (double)cost), (e.Epoch, e.Batch, e.Cost));
        Assert.Equal($"Training diverged at epoch 1, batch 1 of 1: after the epoch's steps parameter {spec.ParameterName(broken)} is {replay.Parameters[broken]}; expected finite parameters. Try a smaller learning rate than 1E+38.", e.Message);
    }

    [Fact]
    public void A_run_that_converges_does_not_throw()
    {
        var network = new ReferenceNetwork<double>(Regression, seed: 2);
        var data = new DataSet<double>([.. X, .. X], [.. Y, .. Y], 1, 1);

        var reports = new Trainer<double>(network, new TrainerOptions { Epochs = 200, BatchSize = 1, LearningRate = 0.002 }).Train(data, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(reports[^1].TrainingCost < 1e-6, $"cost {reports[^1].TrainingCost}");
    }

    [Theory]
    [InlineData(1e300, "LearningRate is 1E+300, which is Infinity as Single, the network's precision; expected a number that stays positive and finite in Single.")]
    [InlineData(1e-50, "LearningRate is 1E-50, which is 0 as Single, the network's precision; expected a number that stays positive and finite in Single.")]
    public void A_rate_that_does_not_survive_the_networks_precision_is_refused(double learningRate, string message)
    {
        var network = new ReferenceNetwork<float>(NetworkSpec.Sequential(2, Loss.SquaredError, Precision.Single, (1, Activation.Sigmoid)));

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<float>(network, new TrainerOptions { LearningRate = learningRate }));

        Assert.Equal("LearningRate", e.ParamName);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(learningRate, (double)e.ActualValue!);
        // The same rate is fine for a double network.
        _ = new Trainer<double>(new ReferenceNetwork<double>(NetworkSpec.Sequential(2, Loss.SquaredError, Precision.Double, (1, Activation.Sigmoid))),
            new TrainerOptions { LearningRate = learningRate });
    }
}
