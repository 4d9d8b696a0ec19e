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
/// <param name="MeanCost">The mean over the examples of the network's cost C (its declared loss), exactly the mean of
/// what <see cref="INetwork{T}.Backward"/> returns for them.</param>
/// <param name="Correct">The number of examples classified correctly. With several outputs, an example is correct when
/// its largest output is at the index of its largest target; with one output (a binary classifier), when the output and
/// the target are on the same side of 0.5 (both ≥ 0.5 or both &lt; 0.5). An example with a NaN output (or target) is
/// never correct.</param>
/// <param name="Count">The number of examples.</param>
/// <remarks>Thread safety: immutable; every member may be used from any number of threads at once.</remarks>
public readonly record struct Evaluation(double MeanCost, int Correct, int Count)
{
    /// <summary>The share of examples classified correctly, <see cref="Correct"/> / <see cref="Count"/> (0 when there are none).</summary>
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
/// <see cref="INetwork{T}.TrainBatch(ReadOnlySpan{T}, ReadOnlySpan{T}, T)"/> on each, then evaluates the network on the evaluation data and reports.
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
    private static readonly T Half = T.CreateChecked(0.5);

    private readonly INetwork<T> _network;
    private readonly T _learningRate;
    private readonly T[] _output;
    private T[]? _evaluationGradient;
    private T[] _batchInputs = [];
    private T[] _batchTargets = [];
    private int[] _order = [];

    /// <summary>A trainer of <paramref name="network"/> with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is out of range; the message
    /// names it. This includes a <see cref="TrainerOptions.LearningRate"/> that is positive and finite as a
    /// <see cref="double"/> but not once converted to <typeparamref name="T"/> (1e300 is ∞ as a float, 1e-50 is 0).</exception>
    public Trainer(INetwork<T> network, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        T learningRate = T.CreateSaturating(options.LearningRate);
        if (!T.IsFinite(learningRate) || learningRate <= T.Zero)
            throw new ArgumentOutOfRangeException(nameof(TrainerOptions.LearningRate), options.LearningRate, string.Create(CultureInfo.InvariantCulture,
                $"LearningRate is {options.LearningRate:R}, which is {learningRate} as {typeof(T).Name}, the network's precision; expected a number that stays positive and finite in {typeof(T).Name}."));
        _network = network;
        _learningRate = learningRate;
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
    /// <exception cref="ArgumentException">A data set has no examples, or its input or target count differs from the network's.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="TrainingDivergedException">A batch's mean cost was NaN or infinite, or the parameters were not
    /// finite at the end of an epoch: the exception names the epoch and the batch. The run stops there.</exception>
    public IReadOnlyList<EpochReport> Train(DataSet<T> training, DataSet<T>? evaluation = null, ITrainingObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        CheckData(training, nameof(training));
        CheckNotEmpty(training, nameof(training));
        if (evaluation is not null)
        {
            CheckData(evaluation, nameof(evaluation));
            CheckNotEmpty(evaluation, nameof(evaluation));
        }
        cancellationToken.ThrowIfCancellationRequested();

        int count = training.Count, batchSize = Math.Min(Options.BatchSize, count);
        int batches = (count + batchSize - 1) / batchSize;
        int inputCount = _network.InputCount, outputCount = _network.OutputCount;
        if (_batchInputs.Length != batchSize * inputCount) _batchInputs = new T[batchSize * inputCount];
        if (_batchTargets.Length != batchSize * outputCount) _batchTargets = new T[batchSize * outputCount];
        if (_order.Length != count) _order = new int[count];
        T learningRate = _learningRate;
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
            T cost = T.Zero;
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
                cost = _network.TrainBatch(_batchInputs.AsSpan(0, rows * inputCount), _batchTargets.AsSpan(0, rows * outputCount), learningRate);
                // Once a cost is NaN or infinite, so is every later one: stop at the first.
                if (!T.IsFinite(cost)) throw new TrainingDivergedException(epoch, batch + 1, double.CreateChecked(cost), string.Create(CultureInfo.InvariantCulture,
                    $"Training diverged at epoch {epoch}, batch {batch + 1} of {batches}: the batch's mean cost is {cost}; expected a finite cost. Try a smaller learning rate than {Options.LearningRate:R}."));
                costSum += double.CreateChecked(cost) * rows;
                done += rows;
                observer?.OnBatchCompleted(new BatchProgress(epoch, batch + 1, batches, done, costSum / done, Stopwatch.GetElapsedTime(start)));
            }
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            // A step can overflow the parameters while the cost it returned (from before the step) was finite.
            int broken = FirstNonFinite(_network.Parameters);
            if (broken >= 0)
                throw new TrainingDivergedException(epoch, batches, double.CreateChecked(cost), string.Create(CultureInfo.InvariantCulture,
                    $"Training diverged at epoch {epoch}, batch {batches} of {batches}: after the epoch's steps parameter {_network.Spec.ParameterName(broken)} is {_network.Parameters[broken]}; expected finite parameters. Try a smaller learning rate than {Options.LearningRate:R}."));
            Evaluation? result = evaluation is null ? null : Evaluate(evaluation);
            var report = new EpochReport(epoch, Options.Epochs, costSum / count, result, elapsed, count);
            reports.Add(report);
            observer?.OnEpochCompleted(report);
        }
        return reports;
    }

    /// <summary>The network's mean cost and accuracy on <paramref name="data"/> (see <see cref="Evaluate(INetwork{T}, DataSet{T})"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> has no examples, or its input or target count differs from the network's.</exception>
    public Evaluation Evaluate(DataSet<T> data)
    {
        CheckData(data, nameof(data));
        CheckNotEmpty(data, nameof(data));
        return Evaluate(_network, data, _output, _evaluationGradient ??= new T[_network.ParameterCount]);
    }

    /// <summary>
    /// The mean cost and the accuracy of <paramref name="network"/> on <paramref name="data"/>. The cost of each example
    /// is what the network's own <see cref="INetwork{T}.Backward"/> returns for it (its declared loss, each output
    /// weighted as declared; cross-entropy from the logits, so it stays finite where the softmax output rounds to 0), so
    /// the mean equals the training cost's definition exactly. An example is correct when its largest output is at the
    /// index of its largest target, or, for a network with one output, when output and target are on the same side of
    /// 0.5; an example with a NaN output is never correct.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="data"/> has no examples, or its input or target count differs from the network's.</exception>
    public static Evaluation Evaluate(INetwork<T> network, DataSet<T> data)
    {
        ArgumentNullException.ThrowIfNull(network);
        CheckData(network, data, nameof(data));
        CheckNotEmpty(data, nameof(data));
        return Evaluate(network, data, new T[network.OutputCount], new T[network.ParameterCount]);
    }

    /// <summary>
    /// The class <paramref name="network"/> gives each example of <paramref name="data"/>: the index of its largest output
    /// or, for a network with one output, 1 when the output is ≥ 0.5 and 0 when it is below. An example with a NaN output
    /// gets −1 (no class). A data set with no examples gives an empty array.
    /// </summary>
    /// <exception cref="ArgumentException">The data's input or target count differs from the network's.</exception>
    public static int[] Predict(INetwork<T> network, DataSet<T> data)
    {
        ArgumentNullException.ThrowIfNull(network);
        CheckData(network, data, nameof(data));
        var output = new T[network.OutputCount];
        var classes = new int[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            network.Forward(data.Input(i), output);
            classes[i] = ClassOf(output);
        }
        return classes;
    }

    private static Evaluation Evaluate(INetwork<T> network, DataSet<T> data, T[] output, T[] gradient)
    {
        double cost = 0;
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<T> input = data.Input(i), target = data.Target(i);
            network.Forward(input, output);
            int predicted = ClassOf(output);
            if (predicted >= 0 && predicted == ClassOf(target)) correct++;
            // The cost as Backward computes it; the gradient it adds is scratch, cleared for every example.
            Array.Clear(gradient);
            cost += double.CreateChecked(network.Backward(input, target, gradient));
        }
        return new Evaluation(cost / data.Count, correct, data.Count);
    }

    /// <summary>The class of an output (or target) row: the index of the largest value, or with one value whether it is
    /// ≥ 0.5 (1) or below (0); −1 when a value is NaN.</summary>
    private static int ClassOf(ReadOnlySpan<T> values)
    {
        if (values.Length != 1) return DataSet<T>.ArgMax(values);
        return T.IsNaN(values[0]) ? -1 : values[0] >= Half ? 1 : 0;
    }

    /// <summary>The index of the first parameter that is NaN or infinite, or −1.</summary>
    private static int FirstNonFinite(ReadOnlySpan<T> parameters)
    {
        for (int i = 0; i < parameters.Length; i++)
            if (!T.IsFinite(parameters[i])) return i;
        return -1;
    }

    private static void CheckNotEmpty(DataSet<T> data, string paramName)
    {
        if (data.Count == 0)
            throw new ArgumentException($"{paramName} has 0 examples; expected at least 1.", paramName);
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
