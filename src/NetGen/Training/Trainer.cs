using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Threading;

namespace NetGen.Training;

/// <summary>The settings of a <see cref="Trainer{T}"/>: mini-batch stochastic gradient descent.</summary>
/// <remarks>Thread safety: immutable (init-only); may be shared by any number of trainers and threads.</remarks>
public sealed record TrainerOptions
{
    /// <summary>The number of passes over the training data. 10 unless given; must be 1 or more.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>The number of examples whose gradients are averaged for one step. 32 unless given; must be 1 or more.
    /// The last batch of an epoch holds the examples left over, so it may be smaller.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The step size η of θ ← θ − η·g. 0.1 unless given; must be positive and finite.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>The seed of the shuffle: the same seed, data and starting parameters give the same training, bit for bit.</summary>
    public int Seed { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, string.Create(CultureInfo.InvariantCulture, $"Epochs is {Epochs}; expected 1 or more."));
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, string.Create(CultureInfo.InvariantCulture, $"BatchSize is {BatchSize}; expected 1 or more."));
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, string.Create(CultureInfo.InvariantCulture, $"LearningRate is {LearningRate:R}; expected a positive, finite number."));
    }
}

/// <summary>The cost and accuracy of a network on a data set.</summary>
/// <param name="MeanCost">The mean over the examples of the network's cost C (its declared loss).</param>
/// <param name="Correct">The number of examples whose largest output is at the index of the largest target.</param>
/// <param name="Count">The number of examples.</param>
/// <remarks>Thread safety: immutable; every member may be used from any number of threads at once.</remarks>
public readonly record struct Evaluation(double MeanCost, int Correct, int Count)
{
    /// <summary>The share of examples classified correctly, <see cref="Correct"/> / <see cref="Count"/>.</summary>
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;

    /// <summary>For example <c>accuracy 0.9123 (912/1000), cost 0.1234</c>, culture-free.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"accuracy {Accuracy:F4} ({Correct}/{Count}), cost {MeanCost:F4}");
}

/// <summary>What one epoch of training did.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Epochs">The number of epochs of the run.</param>
/// <param name="TrainingCost">The mean cost over the epoch's training examples, each taken before its batch's step.</param>
/// <param name="Evaluation">The cost and accuracy on the evaluation data after the epoch, if evaluation data was given.</param>
/// <param name="Elapsed">The time the epoch's training took (evaluation excluded).</param>
/// <param name="Examples">The number of training examples seen.</param>
/// <remarks>Thread safety: immutable; every member may be used from any number of threads at once.</remarks>
public sealed record EpochReport(int Epoch, int Epochs, double TrainingCost, Evaluation? Evaluation, TimeSpan Elapsed, int Examples)
{
    /// <summary>Training throughput: examples per second.</summary>
    public double ExamplesPerSecond => Elapsed > TimeSpan.Zero ? Examples / Elapsed.TotalSeconds : 0;
}

/// <summary>Where a training run is within an epoch, reported after every batch.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Batch">The number of batches done in this epoch, from 1.</param>
/// <param name="Batches">The number of batches of an epoch.</param>
/// <param name="Examples">The number of examples done in this epoch.</param>
/// <param name="MeanCost">The mean training cost of this epoch so far.</param>
/// <param name="Elapsed">The time since the epoch started.</param>
/// <remarks>Thread safety: immutable; every member may be used from any number of threads at once.</remarks>
public readonly record struct BatchProgress(int Epoch, int Batch, int Batches, int Examples, double MeanCost, TimeSpan Elapsed);

/// <summary>Receives a training run's progress. Every method does nothing unless implemented.</summary>
/// <remarks>Thread safety: a run calls its observer on the thread that called Train, one call at a time and in order;
/// an observer shared by runs on several threads must synchronise itself.</remarks>
public interface ITrainingObserver
{
    /// <summary>Called before epoch <paramref name="epoch"/> (from 1) of <paramref name="epochs"/>, which has <paramref name="batches"/> batches.</summary>
    void OnEpochStarted(int epoch, int epochs, int batches) { }

    /// <summary>Called after every batch. Runs on the training thread: keep it short.</summary>
    void OnBatchCompleted(in BatchProgress progress) { }

    /// <summary>Called after every epoch, its evaluation included.</summary>
    void OnEpochCompleted(EpochReport report) { }
}

/// <summary>An <see cref="ITrainingObserver"/> made of delegates, each optional.</summary>
/// <example><c>trainer.Train(train, test, new TrainingCallbacks { EpochCompleted = r =&gt; Console.WriteLine(r.Evaluation) });</c></example>
/// <remarks>Thread safety: immutable; the delegates are called as ITrainingObserver says, on the training thread, one
/// at a time.</remarks>
public sealed class TrainingCallbacks : ITrainingObserver
{
    /// <summary>Called before every epoch with the epoch (from 1), the number of epochs and the number of batches.</summary>
    public Action<int, int, int>? EpochStarted { get; init; }

    /// <summary>Called after every batch.</summary>
    public Action<BatchProgress>? BatchCompleted { get; init; }

    /// <summary>Called after every epoch.</summary>
    public Action<EpochReport>? EpochCompleted { get; init; }

    void ITrainingObserver.OnEpochStarted(int epoch, int epochs, int batches) => EpochStarted?.Invoke(epoch, epochs, batches);

    void ITrainingObserver.OnBatchCompleted(in BatchProgress progress) => BatchCompleted?.Invoke(progress);

    void ITrainingObserver.OnEpochCompleted(EpochReport report) => EpochCompleted?.Invoke(report);
}

/// <summary>
/// Trains any network — generated or <see cref="ReferenceNetwork{T}"/> — by mini-batch stochastic gradient descent:
/// each epoch shuffles the training examples with a seeded generator, cuts them into batches, calls
/// <see cref="INetwork{T}.TrainBatch"/> on each, then evaluates the network on the evaluation data and reports.
/// </summary>
/// <remarks>
/// The batch buffers and the shuffle order are allocated once per trainer, so the batch loop allocates nothing.
/// Cancellation is checked before every batch; a cancelled run throws <see cref="OperationCanceledException"/> and leaves
/// the network as the last completed batch left it.
/// <para>Thread safety: a trainer reuses its batch buffers and drives its network, so Train and Evaluate(DataSet) of
/// one instance must not be called concurrently, and the network must not be used elsewhere during a call. Trainers of
/// different networks are independent and may run on different threads at once, with exactly the results each would get
/// alone. The static Evaluate and Predict allocate their own buffers: they may run concurrently on different networks
/// (each call uses its network as Forward and Backward do). The data sets are only read and may be shared.</para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Trainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly INetwork<T> _network;
    private readonly T[] _output;
    private T[] _batchInputs = [];
    private T[] _batchTargets = [];
    private int[] _order = [];

    /// <summary>A trainer of <paramref name="network"/> with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range; the message names it.</exception>
    public Trainer(INetwork<T> network, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _network = network;
        Options = options;
        _output = new T[network.OutputCount];
    }

    /// <summary>The network being trained.</summary>
    public INetwork<T> Network => _network;

    /// <summary>The settings.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Trains for <see cref="TrainerOptions.Epochs"/> epochs.</summary>
    /// <param name="training">The examples to learn from.</param>
    /// <param name="evaluation">Examples to measure cost and accuracy on after every epoch (the test set), or null.</param>
    /// <param name="observer">Receives progress after every batch and epoch, or null.</param>
    /// <param name="cancellationToken">Stops the run before the next batch.</param>
    /// <returns>The report of every epoch, in order.</returns>
    /// <exception cref="ArgumentException">A data set's input or target count differs from the network's.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<EpochReport> Train(DataSet<T> training, DataSet<T>? evaluation = null, ITrainingObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        CheckData(training, nameof(training));
        if (evaluation is not null) CheckData(evaluation, nameof(evaluation));
        cancellationToken.ThrowIfCancellationRequested();

        int count = training.Count, batchSize = Math.Min(Options.BatchSize, count);
        int batches = (count + batchSize - 1) / batchSize;
        int inputCount = _network.InputCount, outputCount = _network.OutputCount;
        if (_batchInputs.Length != batchSize * inputCount) _batchInputs = new T[batchSize * inputCount];
        if (_batchTargets.Length != batchSize * outputCount) _batchTargets = new T[batchSize * outputCount];
        if (_order.Length != count) _order = new int[count];
        T learningRate = T.CreateChecked(Options.LearningRate);
        var random = new SplitMix64((ulong)(uint)Options.Seed);
        var reports = new List<EpochReport>(Options.Epochs);
        ReadOnlySpan<T> inputs = training.Inputs, targets = training.Targets;

        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            // The same order at the start of every run, then a Fisher–Yates shuffle per epoch.
            for (int i = 0; i < count; i++) _order[i] = i;
            for (int i = count - 1; i > 0; i--)
            {
                int j = random.NextInt(i + 1);
                (_order[i], _order[j]) = (_order[j], _order[i]);
            }

            observer?.OnEpochStarted(epoch, Options.Epochs, batches);
            long start = Stopwatch.GetTimestamp();
            double costSum = 0;
            int done = 0;
            for (int batch = 0; batch < batches; batch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int rows = Math.Min(batchSize, count - done);
                for (int r = 0; r < rows; r++)
                {
                    int example = _order[done + r];
                    inputs.Slice(example * inputCount, inputCount).CopyTo(_batchInputs.AsSpan(r * inputCount));
                    targets.Slice(example * outputCount, outputCount).CopyTo(_batchTargets.AsSpan(r * outputCount));
                }
                T cost = _network.TrainBatch(_batchInputs.AsSpan(0, rows * inputCount), _batchTargets.AsSpan(0, rows * outputCount), learningRate);
                costSum += double.CreateChecked(cost) * rows;
                done += rows;
                observer?.OnBatchCompleted(new BatchProgress(epoch, batch + 1, batches, done, costSum / done, Stopwatch.GetElapsedTime(start)));
            }
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            Evaluation? result = evaluation is null ? null : Evaluate(evaluation);
            var report = new EpochReport(epoch, Options.Epochs, costSum / count, result, elapsed, count);
            reports.Add(report);
            observer?.OnEpochCompleted(report);
        }
        return reports;
    }

    /// <summary>The network's mean cost and accuracy on <paramref name="data"/> (see <see cref="Evaluate(INetwork{T}, DataSet{T})"/>).</summary>
    public Evaluation Evaluate(DataSet<T> data)
    {
        CheckData(data, nameof(data));
        return Evaluate(_network, data, _output);
    }

    /// <summary>
    /// The mean cost and the accuracy of <paramref name="network"/> on <paramref name="data"/>: the cost is the network's
    /// declared loss computed from its output (SquaredError Σ(a − y)², CrossEntropy −Σ y·ln a, each output weighted as
    /// declared); an example counts as correct when its largest output is at the index of its largest target.
    /// </summary>
    /// <exception cref="ArgumentException">The data's input or target count differs from the network's.</exception>
    public static Evaluation Evaluate(INetwork<T> network, DataSet<T> data)
    {
        ArgumentNullException.ThrowIfNull(network);
        CheckData(network, data, nameof(data));
        return Evaluate(network, data, new T[network.OutputCount]);
    }

    /// <summary>The class <paramref name="network"/> gives each example of <paramref name="data"/>: the index of its largest output.</summary>
    public static int[] Predict(INetwork<T> network, DataSet<T> data)
    {
        ArgumentNullException.ThrowIfNull(network);
        CheckData(network, data, nameof(data));
        var output = new T[network.OutputCount];
        var classes = new int[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            network.Forward(data.Input(i), output);
            classes[i] = DataSet<T>.ArgMax(output);
        }
        return classes;
    }

    private static Evaluation Evaluate(INetwork<T> network, DataSet<T> data, T[] output)
    {
        NetworkSpec spec = network.Spec;
        double cost = 0;
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<T> target = data.Target(i);
            network.Forward(data.Input(i), output);
            if (DataSet<T>.ArgMax(output) == DataSet<T>.ArgMax(target)) correct++;
            int offset = 0;
            foreach (OutputSpec o in spec.Outputs)
            {
                int size = spec.SizeOf(o.Source);
                double part = 0;
                for (int j = offset; j < offset + size; j++)
                {
                    double a = double.CreateChecked(output[j]), y = double.CreateChecked(target[j]);
                    if (o.Loss == Loss.SquaredError) part += (a - y) * (a - y);
                    else if (y != 0) part -= y * Math.Log(Math.Max(a, double.Epsilon));
                }
                cost += o.Weight * part;
                offset += size;
            }
        }
        return new Evaluation(cost / data.Count, correct, data.Count);
    }

    private void CheckData(DataSet<T> data, string paramName) => CheckData(_network, data, paramName);

    private static void CheckData(INetwork<T> network, DataSet<T> data, string paramName)
    {
        ArgumentNullException.ThrowIfNull(data, paramName);
        if (data.InputCount != network.InputCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{paramName} has {data.InputCount} inputs per example; expected {network.InputCount}, the network's InputCount."), paramName);
        if (data.OutputCount != network.OutputCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{paramName} has {data.OutputCount} targets per example; expected {network.OutputCount}, the network's OutputCount."), paramName);
    }

    /// <summary>SplitMix64: a small generator fixed forever, so a seed means the same shuffle on every runtime.</summary>
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        private ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>A uniform integer in [0, bound) (Lemire's multiply-shift; the bias is below 2⁻³² for any int bound).</summary>
        public int NextInt(int bound) => (int)(((Next() >> 32) * (ulong)bound) >> 32);
    }
}
