using System;
using System.Numerics;
using System.Threading.Tasks;

namespace NetGen;

/// <summary>Accumulates the gradient of a contiguous part of a batch on one worker; returns the summed cost of its rows.</summary>
/// <param name="inputs">The worker's rows of inputs.</param>
/// <param name="targets">The worker's rows of targets.</param>
/// <param name="worker">The worker's index, to choose its own scratch memory.</param>
public delegate T RowsAccumulator<T>(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int worker);

/// <summary>Per-worker memory of a generated network's TrainBatch: a gradient and, for the lane form, a gradient split by lane.</summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>Thread safety: one worker's memory; it is written by that worker alone and read by the caller once the
/// workers are done. Never share one between concurrent workers.</remarks>
public sealed class BatchScratch<T> where T : unmanaged, INumber<T>
{
    /// <summary>Scratch for a network of <paramref name="parameterCount"/> parameters; <paramref name="lanes"/> when its TrainBatch
    /// runs the lane form and needs a gradient split by lane (Vector&lt;T&gt;.Count times the memory, so only then).</summary>
    public BatchScratch(int parameterCount, bool lanes)
    {
        Gradient = new T[parameterCount];
        LaneGradient = lanes ? new Vector<T>[parameterCount] : [];
    }

    /// <summary>
    /// The scratch of <paramref name="workers"/> workers, kept in <paramref name="cache"/> (a generated network's field)
    /// and made again only when more workers are asked for than it holds: after the first batch, no allocation.
    /// </summary>
    public static BatchScratch<T>[] ForWorkers(ref BatchScratch<T>[]? cache, int workers, int parameterCount, bool lanes)
    {
        BatchScratch<T>[]? scratch = cache;
        if (scratch is null || scratch.Length < workers)
        {
            scratch = new BatchScratch<T>[workers];
            for (int i = 0; i < workers; i++) scratch[i] = new BatchScratch<T>(parameterCount, lanes);
            cache = scratch;
        }
        return scratch;
    }

    /// <summary>The worker's gradient sums.</summary>
    public T[] Gradient { get; }

    /// <summary>The worker's gradient sums, one per lane, while it processes several examples at once (empty without lanes).</summary>
    public Vector<T>[] LaneGradient { get; }
}

/// <summary>
/// Splits a batch over several cores. The rows are cut into contiguous parts, one per worker; each worker accumulates
/// the gradient of its part in its own memory, and the caller adds the parts in worker order, so that a result depends
/// only on the number of workers (and differs between worker counts by float rounding only).
/// </summary>
/// <remarks>Thread safety: stateless. Run calls the accumulator from several threads at once, each with its own worker
/// index and rows, so the accumulator must write only memory chosen by that index (see BatchScratch); Run returns once
/// every worker is done. Separate calls may run at once if their accumulators share nothing.</remarks>
public static class ParallelBatch
{
    /// <summary>
    /// The number of workers for a batch of <paramref name="rows"/>: 1 below <paramref name="threshold"/> rows (where
    /// starting threads costs more than it saves), else <paramref name="maxDegreeOfParallelism"/> capped by the processors.
    /// </summary>
    public static int Workers(int rows, int threshold, int maxDegreeOfParallelism)
    {
        if (rows < threshold || maxDegreeOfParallelism <= 1) return 1;
        return Math.Max(1, Math.Min(Math.Min(maxDegreeOfParallelism, Environment.ProcessorCount), rows));
    }

    /// <summary>The first row of worker <paramref name="worker"/>'s part (its end is the next worker's start).</summary>
    public static int Start(int rows, int workers, int worker) => (int)((long)rows * worker / workers);

    /// <summary>
    /// Runs <paramref name="accumulate"/> on <paramref name="workers"/> contiguous parts of the batch in parallel and
    /// returns the costs added in worker order.
    /// </summary>
    public static unsafe T Run<T>(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, int inputCount, int outputCount, int workers,
        RowsAccumulator<T> accumulate) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(accumulate);
        int rows = NetworkGuard.CheckBatch(inputs.Length, targets.Length, inputCount, outputCount);
        if (workers < 1 || workers > rows)
            throw new ArgumentOutOfRangeException(nameof(workers), workers, $"Expected 1 to {rows} workers for {rows} rows.");
        var costs = new T[workers];
        fixed (T* inputPointer = inputs)
        fixed (T* targetPointer = targets)
        {
            // Spans cannot cross threads; each worker rebuilds its part from the pinned addresses.
            nint inputAddress = (nint)inputPointer, targetAddress = (nint)targetPointer;
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            {
                int start = Start(rows, workers, worker), count = Start(rows, workers, worker + 1) - start;
                var part = new ReadOnlySpan<T>((T*)inputAddress + (long)start * inputCount, count * inputCount);
                var partTargets = new ReadOnlySpan<T>((T*)targetAddress + (long)start * outputCount, count * outputCount);
                costs[worker] = accumulate(part, partTargets, worker);
            });
        }
        T total = T.Zero;
        foreach (T cost in costs) total += cost;
        return total;
    }
}
