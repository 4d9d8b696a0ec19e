using System;
using System.Globalization;
using System.Numerics;

namespace NetGen.Training;

/// <summary>
/// Examples for training or evaluation: <see cref="Count"/> rows of <see cref="InputCount"/> inputs and
/// <see cref="OutputCount"/> targets, each kind stored in one flat row-major array (the layout
/// <see cref="INetwork{T}.TrainBatch(System.ReadOnlySpan{T}, System.ReadOnlySpan{T}, T)"/> takes).
/// </summary>
/// <remarks>
/// <para>A data set may hold no examples (arrays of length 0); <see cref="Trainer{T}.Train"/> and
/// <see cref="Trainer{T}.Evaluate(DataSet{T})"/> refuse one with an <see cref="ArgumentException"/>, since there is
/// nothing to learn from and no mean cost, while <see cref="Trainer{T}.Predict"/> returns no classes.</para>
/// <para>Thread safety: a data set does not copy the arrays it is given and its members only read them, so any
/// number of threads may read one data set at once (for example to train several networks on the same data in
/// parallel), as long as nothing writes those arrays meanwhile. ArgMax is a pure function.</para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class DataSet<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _inputs;
    private readonly T[] _targets;

    /// <summary>A data set over <paramref name="inputs"/> and <paramref name="targets"/> (not copied).</summary>
    /// <param name="inputs">The inputs, <paramref name="inputCount"/> values per example.</param>
    /// <param name="targets">The targets, <paramref name="outputCount"/> values per example, as many rows as inputs.</param>
    /// <param name="inputCount">The number of inputs of one example.</param>
    /// <param name="outputCount">The number of targets of one example.</param>
    /// <exception cref="ArgumentException">The lengths do not describe the same number of whole rows.</exception>
    public DataSet(T[] inputs, T[] targets, int inputCount, int outputCount)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputCount);
        if (inputs.Length % inputCount != 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"inputs has length {inputs.Length}; expected a multiple of inputCount = {inputCount}."), nameof(inputs));
        int count = inputs.Length / inputCount;
        if (targets.Length != (long)count * outputCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"targets has length {targets.Length}; expected {(long)count * outputCount} ({count} rows of outputCount = {outputCount}, as many rows as inputs)."), nameof(targets));
        _inputs = inputs;
        _targets = targets;
        InputCount = inputCount;
        OutputCount = outputCount;
        Count = count;
    }

    /// <summary>The number of examples.</summary>
    public int Count { get; }

    /// <summary>The number of input values of one example.</summary>
    public int InputCount { get; }

    /// <summary>The number of target values of one example.</summary>
    public int OutputCount { get; }

    /// <summary>Every input, row after row.</summary>
    public ReadOnlySpan<T> Inputs => _inputs;

    /// <summary>Every target, row after row.</summary>
    public ReadOnlySpan<T> Targets => _targets;

    /// <summary>The inputs of example <paramref name="index"/>.</summary>
    public ReadOnlySpan<T> Input(int index)
    {
        CheckIndex(index);
        return _inputs.AsSpan(index * InputCount, InputCount);
    }

    /// <summary>The targets of example <paramref name="index"/>.</summary>
    public ReadOnlySpan<T> Target(int index)
    {
        CheckIndex(index);
        return _targets.AsSpan(index * OutputCount, OutputCount);
    }

    /// <summary>The class of example <paramref name="index"/>: the index of its largest target (the label of a one-hot
    /// target), or −1 when a target is NaN (see <see cref="ArgMax"/>).</summary>
    public int Label(int index) => ArgMax(Target(index));

    /// <summary>
    /// The index of the largest value (the first one on a tie): the class a network's output or a one-hot target stands
    /// for. −1 when any value is NaN: a NaN compares false with everything, so it would otherwise pass for index 0 or
    /// hide behind its neighbours, and a diverged network's output would count as a class.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static int ArgMax(ReadOnlySpan<T> values)
    {
        if (values.IsEmpty) throw new ArgumentException("values is empty; expected at least one value.", nameof(values));
        int best = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (T.IsNaN(values[i])) return -1;
            if (values[i] > values[best]) best = i;
        }
        return best;
    }

    /// <summary>The first <paramref name="count"/> examples, copied into a new data set.</summary>
    public DataSet<T> Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        return new DataSet<T>(_inputs.AsSpan(0, count * InputCount).ToArray(), _targets.AsSpan(0, count * OutputCount).ToArray(), InputCount, OutputCount);
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, string.Create(CultureInfo.InvariantCulture, $"Expected an example index in [0, {Count})."));
    }
}
