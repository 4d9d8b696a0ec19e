using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>
/// Acceptance 1: for every optimizer and option combination, 20 steps from given parameters with a given sequence of
/// gradients match <see cref="ReferenceOptimizer"/>, the algorithm box computed by a plain scalar double loop: within
/// 1e-12 relative in double, 1e-5 in float (against the double reference of the float's own inputs and settings).
/// </summary>
public sealed class ReferenceAgreementTests
{
    [Theory]
    [MemberData(nameof(OptimizerCases.Names), MemberType = typeof(OptimizerCases))]
    public void Twenty_double_steps_match_the_algorithm_box_within_1e_12(string name) =>
        RunAgainstReference<double>(OptimizerCases.Get(name), 1e-12);

    [Theory]
    [MemberData(nameof(OptimizerCases.Names), MemberType = typeof(OptimizerCases))]
    public void Twenty_float_steps_match_the_algorithm_box_within_1e_5(string name) =>
        RunAgainstReference<float>(OptimizerCases.Get(name), 1e-5);

    [Theory]
    [MemberData(nameof(OptimizerCases.Names), MemberType = typeof(OptimizerCases))]
    public void A_learning_rate_set_between_steps_takes_effect_at_the_next_step(string name)
    {
        OptimizerSettings settings = OptimizerCases.Get(name);
        double[] theta0 = OptimizerCases.InitialParameters();
        double[][] gradients = OptimizerCases.Gradients();
        // γ for steps 1–10, then 3γ for 11–15, then γ/4 for 16–20 (as a schedule would set them).
        double[] rates = [.. Enumerable.Range(1, OptimizerCases.Steps).Select(t => t <= 10 ? settings.LearningRate : t <= 15 ? 3 * settings.LearningRate : settings.LearningRate / 4)];
        (double[][] expected, _) = ReferenceOptimizer.Run(settings, theta0, gradients, rates);

        IOptimizerState<double> optimizer = settings.Create<double>(theta0.Length);
        double[] theta = (double[])theta0.Clone();
        for (int t = 1; t <= OptimizerCases.Steps; t++)
        {
            optimizer.LearningRate = rates[t - 1];
            optimizer.Step(theta, gradients[t - 1]);
            OptimizerCases.AssertClose<double>(expected[t - 1], theta, 1e-12, $"θ after step {t}");
        }
    }

    [Theory]
    [MemberData(nameof(OptimizerCases.Names), MemberType = typeof(OptimizerCases))]
    public void A_parameter_in_a_SIMD_lane_and_one_in_the_scalar_tail_get_the_same_bits(string name)
    {
        OptimizerSettings settings = OptimizerCases.Get(name);
        SameBitsInLaneAndTail<float>(settings);
        SameBitsInLaneAndTail<double>(settings);
    }

    private static void RunAgainstReference<T>(OptimizerSettings settings, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool isFloat = typeof(T) == typeof(float);
        OptimizerSettings used = isFloat ? settings.RoundedToFloat() : settings;
        double[] theta0 = OptimizerCases.InitialParameters();
        double[][] gradients = OptimizerCases.Gradients();
        if (isFloat)
        {
            theta0 = OptimizerCases.RoundedToFloat(theta0);
            gradients = [.. gradients.Select(OptimizerCases.RoundedToFloat)];
        }
        double[] rates = [.. Enumerable.Repeat(used.LearningRate, OptimizerCases.Steps)];
        (double[][] expected, Dictionary<string, double[]> expectedState) = ReferenceOptimizer.Run(used, theta0, gradients, rates);

        IOptimizerState<T> optimizer = settings.Create<T>(theta0.Length);
        T[] theta = [.. theta0.Select(T.CreateTruncating)];
        for (int t = 1; t <= OptimizerCases.Steps; t++)
        {
            T[] g = [.. gradients[t - 1].Select(T.CreateTruncating)];
            optimizer.Step(theta, g);
            // The comparison is relative, so the parameters must stay away from 0: |θ₀| ≥ 2 and the steps are small.
            Assert.All(expected[t - 1], x => Assert.True(Math.Abs(x) > 0.5, $"θ = {x} after step {t}: too close to 0 for a relative check"));
            OptimizerCases.AssertClose<T>(expected[t - 1], theta, tolerance, $"θ after step {t}");
        }
        Assert.Equal(OptimizerCases.Steps, optimizer.StepCount);
        Assert.Equal(expectedState.Keys.Order(), optimizer.StateNames.Order());
        foreach ((string stateName, double[] values) in expectedState)
        {
            // A moment is a sum of terms of both signs, so an element can be much smaller than the terms (float keeps
            // their absolute error, ~1e-7 of the largest): elements under 1% of the vector's largest are compared
            // relative to that 1%.
            double floor = values.Max(Math.Abs) * 1e-2;
            OptimizerCases.AssertClose<T>(values, optimizer.GetState(stateName), tolerance, stateName, floor);
        }
    }

    private static void SameBitsInLaneAndTail<T>(OptimizerSettings settings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Parameter 0 is computed in the first SIMD block (when the processor has one), parameter 36 in the scalar tail;
        // give them the same θ₀ and gradients and they must end equal, bit for bit, after every step.
        double[] theta0 = OptimizerCases.InitialParameters();
        double[][] gradients = OptimizerCases.Gradients();
        theta0[^1] = theta0[0];
        foreach (double[] g in gradients) g[^1] = g[0];
        IOptimizerState<T> optimizer = settings.Create<T>(theta0.Length);
        T[] theta = [.. theta0.Select(T.CreateTruncating)];
        foreach (double[] g in gradients)
        {
            optimizer.Step(theta, [.. g.Select(T.CreateTruncating)]);
            Assert.Equal(theta[0], theta[^1]);
        }
        foreach (string stateName in optimizer.StateNames)
            Assert.Equal(optimizer.GetState(stateName)[0], optimizer.GetState(stateName)[^1]);
    }
}
