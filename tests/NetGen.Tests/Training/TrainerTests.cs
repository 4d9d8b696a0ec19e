using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetGen.IO;
using NetGen.Tests.IO;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Training;

public sealed class TrainerTests
{
    private static readonly Lazy<DataSet<float>> TrainDigits = new(() =>
        Mnist.Load<float>(TestFiles.Mnist("train-images-idx3-ubyte.gz"), TestFiles.Mnist("train-labels-idx1-ubyte.gz")).Take(1000));
    private static readonly Lazy<DataSet<float>> TestDigits = new(() =>
        Mnist.Load<float>(TestFiles.Mnist("test-images-idx3-ubyte.gz"), TestFiles.Mnist("test-labels-idx1-ubyte.gz")));

    [Fact]
    public void Generated_digits_network_learns_cost_falls_and_accuracy_rises()
    {
        var network = new DigitsNet();
        var trainer = new Trainer<float>(network, new TrainerOptions { Epochs = 5, BatchSize = 10, LearningRate = 3.0, Seed = 1 });
        Evaluation before = trainer.Evaluate(TestDigits.Value);

        IReadOnlyList<EpochReport> reports = trainer.Train(TrainDigits.Value, TestDigits.Value, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5, reports.Count);
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(1000, r.Examples));
        Assert.True(reports[^1].TrainingCost < 0.6 * reports[0].TrainingCost, $"training cost {reports[0].TrainingCost} -> {reports[^1].TrainingCost}");
        Evaluation after = reports[^1].Evaluation!.Value;
        Assert.True(after.MeanCost < before.MeanCost / 2, $"test cost {before.MeanCost} -> {after.MeanCost}");
        Assert.True(after.Accuracy > 0.75, $"test accuracy {after.Accuracy}");
        Assert.True(before.Accuracy < 0.2, $"untrained accuracy {before.Accuracy}");
        Assert.Equal(1000, after.Count);
        Assert.Equal(after, Trainer<float>.Evaluate(network, TestDigits.Value));
    }

    [Fact]
    public void Evaluate_gives_the_exact_cost_and_accuracy_of_a_network_with_zero_parameters()
    {
        // Every sigmoid output is σ(0) = 0.5: C = 9·0.5² + (0.5 − 1)² = 2.5 for every one-hot target, and the argmax of
        // ten equal outputs is 0, so exactly the zeros of the test set (105 of 1000) count as correct.
        var network = new DigitsNet();
        network.Parameters.Clear();

        Evaluation evaluation = Trainer<float>.Evaluate(network, TestDigits.Value);

        Assert.Equal(2.5, evaluation.MeanCost, 12);
        Assert.Equal(105, evaluation.Correct);
        Assert.Equal(0.105, evaluation.Accuracy, 12);
        Assert.Equal("accuracy 0.1050 (105/1000), cost 2.5000", evaluation.ToString());
        Assert.Equal(Enumerable.Repeat(0, 1000), Trainer<float>.Predict(network, TestDigits.Value));
    }

    [Fact]
    public void Cross_entropy_cost_is_minus_log_of_the_true_class_probability()
    {
        var spec = NetworkSpec.Sequential(2, Loss.CrossEntropy, Precision.Double, (4, Activation.Softmax));
        var network = new ReferenceNetwork<double>(spec);
        network.Parameters.Clear(); // uniform softmax: a_j = 1/4
        var data = new DataSet<double>([0.5, -1, 2, 3], [0, 0, 1, 0, 1, 0, 0, 0], 2, 4);

        Evaluation evaluation = Trainer<double>.Evaluate(network, data);

        Assert.Equal(Math.Log(4), evaluation.MeanCost, 12);
        Assert.Equal(1, evaluation.Correct); // argmax of equal outputs is 0: only the second example
    }

    [Fact]
    public void Same_seed_gives_the_same_training_bit_for_bit()
    {
        var options = new TrainerOptions { Epochs = 2, BatchSize = 16, LearningRate = 2.0, Seed = 42 };
        DataSet<float> data = TrainDigits.Value.Take(300);

        var first = new DigitsNet();
        var firstReports = new Trainer<float>(first, options).Train(data, data, cancellationToken: TestContext.Current.CancellationToken);
        var second = new DigitsNet();
        var secondReports = new Trainer<float>(second, options).Train(data, data, cancellationToken: TestContext.Current.CancellationToken);
        var other = new DigitsNet();
        new Trainer<float>(other, options with { Seed = 43 }).Train(data, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(first.Parameters.SequenceEqual(second.Parameters));
        Assert.Equal(firstReports.Select(r => (r.TrainingCost, r.Evaluation)), secondReports.Select(r => (r.TrainingCost, r.Evaluation)));
        Assert.False(first.Parameters.SequenceEqual(other.Parameters));
    }

    [Fact]
    public void Trains_a_reference_network_in_double_precision()
    {
        // XOR, full batch: the interpreter learns it through the same trainer.
        var network = new ReferenceNetwork<double>(NetworkSpec.Sequential(2, Loss.SquaredError, Precision.Double, (3, Activation.Sigmoid), (2, Activation.Sigmoid)), seed: 3);
        var data = new DataSet<double>([0, 0, 0, 1, 1, 0, 1, 1], [1, 0, 0, 1, 0, 1, 1, 0], 2, 2);

        var reports = new Trainer<double>(network, new TrainerOptions { Epochs = 3000, BatchSize = 4, LearningRate = 2.0 }).Train(data, data, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4, reports[^1].Evaluation!.Value.Correct);
        Assert.True(reports[^1].TrainingCost < 0.05 * reports[0].TrainingCost, $"{reports[0].TrainingCost} -> {reports[^1].TrainingCost}");
    }

    [Fact]
    public void Observer_sees_every_batch_and_epoch_and_a_last_smaller_batch()
    {
        var observer = new RecordingObserver();
        var network = new DigitsNet();
        DataSet<float> data = TrainDigits.Value.Take(250);

        new Trainer<float>(network, new TrainerOptions { Epochs = 2, BatchSize = 100 }).Train(data, null, observer, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new[] { "start 1/2 3", "batch 1 1/3 100", "batch 1 2/3 200", "batch 1 3/3 250", "end 1",
            "start 2/2 3", "batch 2 1/3 100", "batch 2 2/3 200", "batch 2 3/3 250", "end 2" }, observer.Events);
        Assert.All(observer.Reports, r => Assert.Null(r.Evaluation));
    }

    [Fact]
    public void Callbacks_receive_the_epoch_reports()
    {
        var seen = new List<string>();
        var callbacks = new TrainingCallbacks
        {
            EpochStarted = (epoch, epochs, batches) => seen.Add($"start {epoch}/{epochs} {batches}"),
            BatchCompleted = p => seen.Add($"batch {p.Batch}"),
            EpochCompleted = r => seen.Add($"end {r.Epoch} {r.Evaluation!.Value.Count}"),
        };

        new Trainer<float>(new DigitsNet(), new TrainerOptions { Epochs = 1, BatchSize = 60 })
            .Train(TrainDigits.Value.Take(100), TestDigits.Value.Take(7), callbacks, TestContext.Current.CancellationToken);

        Assert.Equal(new[] { "start 1/1 2", "batch 1", "batch 2", "end 1 7" }, seen);
    }

    [Fact]
    public void Cancellation_stops_before_the_next_batch()
    {
        using var cancel = new CancellationTokenSource();
        var observer = new RecordingObserver { CancelAfterBatches = 3, Cancel = cancel };
        var network = new DigitsNet();
        float[] start = network.Parameters.ToArray();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Trainer<float>(network, new TrainerOptions { Epochs = 5, BatchSize = 10 }).Train(TrainDigits.Value, null, observer, cancel.Token));

        Assert.Equal(3, observer.Events.Count(e => e.StartsWith("batch", StringComparison.Ordinal)));
        Assert.False(start.AsSpan().SequenceEqual(network.Parameters));

        // A token cancelled before the run changes nothing.
        var untouched = new DigitsNet();
        float[] before = untouched.Parameters.ToArray();
        Assert.ThrowsAny<OperationCanceledException>(() => new Trainer<float>(untouched, new TrainerOptions()).Train(TrainDigits.Value, null, null, cancel.Token));
        Assert.Equal(before, untouched.Parameters.ToArray());
    }

    [Theory]
    [InlineData(0, 32, 0.1, "Epochs", "Epochs is 0; expected 1 or more.")]
    [InlineData(1, -4, 0.1, "BatchSize", "BatchSize is -4; expected 1 or more.")]
    [InlineData(1, 32, 0.0, "LearningRate", "LearningRate is 0; expected a positive, finite number.")]
    [InlineData(1, 32, -1.5, "LearningRate", "LearningRate is -1.5; expected a positive, finite number.")]
    [InlineData(1, 32, double.NaN, "LearningRate", "LearningRate is NaN; expected a positive, finite number.")]
    [InlineData(1, 32, double.PositiveInfinity, "LearningRate", "LearningRate is Infinity; expected a positive, finite number.")]
    public void Options_out_of_range_are_named(int epochs, int batchSize, double learningRate, string name, string message)
    {
        var options = new TrainerOptions { Epochs = epochs, BatchSize = batchSize, LearningRate = learningRate };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<float>(new TinyNet(), options));
        Assert.Equal(name, e.ParamName);
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Data_of_another_shape_is_refused_with_expected_and_actual()
    {
        var trainer = new Trainer<float>(new TinyNet(), new TrainerOptions());
        var wrongInputs = new DataSet<float>(new float[6], new float[2], 3, 1);
        var wrongTargets = new DataSet<float>(new float[4], new float[4], 2, 2);

        var inputs = Assert.Throws<ArgumentException>(() => trainer.Train(wrongInputs, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("training", inputs.ParamName);
        Assert.StartsWith("training has 3 inputs per example; expected 2, the network's InputCount.", inputs.Message);
        var targets = Assert.Throws<ArgumentException>(() => trainer.Train(new DataSet<float>(new float[4], new float[2], 2, 1), wrongTargets, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("evaluation", targets.ParamName);
        Assert.StartsWith("evaluation has 2 targets per example; expected 1, the network's OutputCount.", targets.Message);
        Assert.Throws<ArgumentNullException>(() => trainer.Train(null!, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentNullException>(() => new Trainer<float>(null!, new TrainerOptions()));
    }

    [Fact]
    public void The_batch_loop_allocates_nothing()
    {
        // Same trainer, same data: 4 more epochs of 200 one-example batches each must cost only the per-epoch reports.
        var network = new ReferenceNetwork<float>(DigitsNet.Spec);
        DataSet<float> data = TrainDigits.Value.Take(200);
        var one = new Trainer<float>(network, new TrainerOptions { Epochs = 1, BatchSize = 1, LearningRate = 0.5 });
        var five = new Trainer<float>(network, new TrainerOptions { Epochs = 5, BatchSize = 1, LearningRate = 0.5 });
        one.Train(data, cancellationToken: TestContext.Current.CancellationToken);
        five.Train(data, cancellationToken: TestContext.Current.CancellationToken);

        long before = GC.GetAllocatedBytesForCurrentThread();
        one.Train(data, cancellationToken: TestContext.Current.CancellationToken);
        long oneEpoch = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        five.Train(data, cancellationToken: TestContext.Current.CancellationToken);
        long fiveEpochs = GC.GetAllocatedBytesForCurrentThread() - before;

        long perBatch = (fiveEpochs - oneEpoch) / (4 * 200);
        Assert.True(perBatch == 0, $"1 epoch allocated {oneEpoch} bytes, 5 epochs {fiveEpochs}: {perBatch} bytes per batch");
    }

    private sealed class RecordingObserver : ITrainingObserver
    {
        public List<string> Events { get; } = [];
        public List<EpochReport> Reports { get; } = [];
        public int CancelAfterBatches { get; init; } = int.MaxValue;
        public CancellationTokenSource? Cancel { get; init; }
        private int _batches;

        public void OnEpochStarted(int epoch, int epochs, int batches) => Events.Add($"start {epoch}/{epochs} {batches}");

        public void OnBatchCompleted(in BatchProgress progress)
        {
            Events.Add($"batch {progress.Epoch} {progress.Batch}/{progress.Batches} {progress.Examples}");
            if (++_batches == CancelAfterBatches) Cancel?.Cancel();
        }

        public void OnEpochCompleted(EpochReport report)
        {
            Events.Add($"end {report.Epoch}");
            Reports.Add(report);
        }
    }
}
