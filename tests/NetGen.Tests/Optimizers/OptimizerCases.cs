using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// Every option combination PyTorch allows, by name, and the problem they are run on: 37 parameters (more than two
/// 16-float and four 8-double SIMD blocks, plus a scalar tail of 5), |θ₀| in [2, 4], 20 gradients uniform in [−1, 1].
/// </summary>
public static class OptimizerCases
{
    public const int ParameterCount = 37;
    public const int Steps = 20;

    private static readonly Dictionary<string, OptimizerSettings> All = new()
    {
        ["SGD"] = new("SGD", 0.01),
        ["SGD weight decay"] = new("SGD", 0.01, WeightDecay: 0.1),
        ["SGD dampening without momentum"] = new("SGD", 0.01, Dampening: 0.5),
        ["SGD momentum"] = new("SGD", 0.01, Momentum: 0.9),
        ["SGD momentum weight decay"] = new("SGD", 0.01, Momentum: 0.9, WeightDecay: 0.1),
        ["SGD momentum dampening"] = new("SGD", 0.01, Momentum: 0.9, Dampening: 0.5),
        ["SGD momentum dampening weight decay"] = new("SGD", 0.01, Momentum: 0.9, Dampening: 0.5, WeightDecay: 0.1),
        ["SGD nesterov"] = new("SGD", 0.01, Momentum: 0.9, Nesterov: true),
        ["SGD nesterov weight decay"] = new("SGD", 0.01, Momentum: 0.9, Nesterov: true, WeightDecay: 0.1),
        ["Adam"] = new("Adam", 0.01),
        ["Adam weight decay"] = new("Adam", 0.01, WeightDecay: 0.1),
        ["Adam amsgrad"] = new("Adam", 0.01, AmsGrad: true),
        ["Adam amsgrad weight decay"] = new("Adam", 0.01, AmsGrad: true, WeightDecay: 0.1),
        ["Adam betas 0.5 0.75 eps 1e-3"] = new("Adam", 0.01, Beta1: 0.5, Beta2: 0.75, Epsilon: 1e-3),
        ["AdamW"] = new("AdamW", 0.01, WeightDecay: 0.1),
        ["AdamW no weight decay"] = new("AdamW", 0.01, WeightDecay: 0),
        ["AdamW amsgrad"] = new("AdamW", 0.01, AmsGrad: true, WeightDecay: 0.1),
        ["RMSprop"] = new("RMSprop", 0.001),
        ["RMSprop weight decay"] = new("RMSprop", 0.001, WeightDecay: 0.1),
        ["RMSprop momentum"] = new("RMSprop", 0.001, Momentum: 0.9),
        ["RMSprop momentum weight decay"] = new("RMSprop", 0.001, Momentum: 0.9, WeightDecay: 0.1),
        ["RMSprop centered"] = new("RMSprop", 0.001, Centered: true),
        ["RMSprop centered weight decay"] = new("RMSprop", 0.001, Centered: true, WeightDecay: 0.1),
        ["RMSprop centered momentum"] = new("RMSprop", 0.001, Centered: true, Momentum: 0.9),
        ["RMSprop centered momentum weight decay"] = new("RMSprop", 0.001, Centered: true, Momentum: 0.9, WeightDecay: 0.1),
        ["RMSprop alpha 0.9 eps 1e-4"] = new("RMSprop", 0.001, Alpha: 0.9, Epsilon: 1e-4),
    };

    public static TheoryData<string> Names => [.. All.Keys];

    public static OptimizerSettings Get(string name) => All[name];

    /// <summary>θ₀: 37 values with |θ| in [2, 4], random signs; far enough from 0 for relative comparisons after 20 steps.</summary>
    public static double[] InitialParameters(int seed = 7)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, ParameterCount).Select(_ => (random.Next(2) == 0 ? -1 : 1) * (2 + 2 * random.NextDouble()))];
    }

    /// <summary>20 gradients of 37 values uniform in [−1, 1).</summary>
    public static double[][] Gradients(int seed = 11)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Steps).Select(_ => Enumerable.Range(0, ParameterCount).Select(_ => 2 * random.NextDouble() - 1).ToArray())];
    }

    /// <summary>Each of <paramref name="values"/> rounded to float (the float run starts from these).</summary>
    public static double[] RoundedToFloat(double[] values) => [.. values.Select(x => (double)(float)x)];

    /// <summary>Asserts |actual_i − expected_i| ≤ tolerance·max(|expected_i|, floor) for every i.</summary>
    public static void AssertClose<T>(double[] expected, ReadOnlySpan<T> actual, double tolerance, string what, double floor = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double a = double.CreateTruncating(actual[i]);
            double error = Math.Abs(a - expected[i]) / Math.Max(Math.Abs(expected[i]), floor);
            Assert.True(error <= tolerance,
                $"{what}[{i}]: expected {expected[i]:R}, got {a:R} (relative error {error:E2} > {tolerance:E0})");
        }
    }
}
