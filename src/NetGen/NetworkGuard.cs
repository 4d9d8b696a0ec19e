using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace NetGen;

/// <summary>Argument checks shared by generated networks and <see cref="ReferenceNetwork{T}"/>. Each one throws before anything is written.</summary>
public static class NetworkGuard
{
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
    /// Throws an <see cref="ArgumentOutOfRangeException"/> naming <paramref name="paramName"/> unless
    /// <paramref name="learningRate"/> is finite and not negative (PyTorch refuses a negative one too): a NaN or infinite
    /// step would turn every parameter into NaN without a word.
    /// </summary>
    public static void CheckLearningRate<T>(T learningRate, string paramName) where T : INumberBase<T>
    {
        if (!T.IsFinite(learningRate) || T.IsNegative(learningRate)) ThrowLearningRate(learningRate, paramName);
    }

    [DoesNotReturn]
    private static void ThrowLearningRate<T>(T learningRate, string paramName) where T : INumberBase<T> =>
        throw new ArgumentOutOfRangeException(paramName, learningRate, string.Create(CultureInfo.InvariantCulture,
            $"{paramName} is {learningRate}; expected a finite number ≥ 0."));

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string paramName) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"{paramName} has length {actual}; expected {expected}."), paramName);
}
