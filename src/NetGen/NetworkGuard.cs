using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace NetGen;

/// <summary>Argument checks shared by generated networks and <see cref="ReferenceNetwork{T}"/>. Each one throws before anything is written.</summary>
/// <remarks>Thread safety: every member is a pure static function and may be called from any number of threads at once.</remarks>
public static class NetworkGuard
{
    /// <summary>
    /// Throws an <see cref="ArgumentOutOfRangeException"/> naming <paramref name="paramName"/> unless
    /// <paramref name="learningRate"/> is a finite number ≥ 0: a NaN, infinite or negative step size would turn every
    /// parameter into NaN or climb the cost instead of descending it. 0 is allowed (a step that changes nothing).
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>: the network's precision, so that a rate that is
    /// finite as a <see cref="double"/> but overflows <typeparamref name="T"/> has already become infinite here.</typeparam>
    /// <param name="learningRate">The step size η of θ ← θ − η·g.</param>
    /// <param name="paramName">The name of the argument, for the exception.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is NaN, infinite or negative.</exception>
    public static void CheckLearningRate<T>(T learningRate, string paramName) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(learningRate) || learningRate < T.Zero) ThrowLearningRate(learningRate, paramName);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="paramName"/> unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    public static void CheckLength(int actual, int expected, string paramName)
    {
        if (actual != expected) ThrowLength(actual, expected, paramName);
    }

    /// <summary>
    /// Checks the spans of a batch: <paramref name="inputsLength"/> a non-zero multiple of <paramref name="inputCount"/> and
    /// <paramref name="targetsLength"/> the same number of rows of <paramref name="outputCount"/>. Returns the number of rows.
    /// </summary>
    public static int CheckBatch(int inputsLength, int targetsLength, int inputCount, int outputCount)
    {
        if (inputsLength == 0 || inputsLength % inputCount != 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"inputs has length {inputsLength}; expected a non-zero multiple of InputCount = {inputCount}."), "inputs");
        int rows = inputsLength / inputCount;
        if (targetsLength != rows * outputCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"targets has length {targetsLength}; expected {rows * outputCount} ({rows} rows of OutputCount = {outputCount}, as many rows as inputs)."), "targets");
        return rows;
    }

    /// <summary>
    /// Checks the spans of a batch of forward passes: <paramref name="inputsLength"/> a non-zero multiple of
    /// <paramref name="inputCount"/> and <paramref name="outputsLength"/> the same number of rows of
    /// <paramref name="outputCount"/>. Returns the number of rows.
    /// </summary>
    public static int CheckForwardBatch(int inputsLength, int outputsLength, int inputCount, int outputCount)
    {
        if (inputsLength == 0 || inputsLength % inputCount != 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"inputs has length {inputsLength}; expected a non-zero multiple of InputCount = {inputCount}."), "inputs");
        int rows = inputsLength / inputCount;
        if (outputsLength != rows * outputCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"outputs has length {outputsLength}; expected {rows * outputCount} ({rows} rows of OutputCount = {outputCount}, as many rows as inputs)."), "outputs");
        return rows;
    }

    [DoesNotReturn]
    private static void ThrowLearningRate<T>(T learningRate, string paramName) where T : unmanaged, IFloatingPointIeee754<T> =>
        throw new ArgumentOutOfRangeException(paramName, learningRate, string.Create(CultureInfo.InvariantCulture,
            $"{paramName} is {learningRate}; expected a finite number ≥ 0."));

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string paramName) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"{paramName} has length {actual}; expected {expected}."), paramName);
}
