using System;
using Xunit;

namespace NetGen.Tests.Runtime;

/// <summary>A learning rate that would turn the parameters into NaN is refused before anything changes.</summary>
public sealed class LearningRateTests
{
    private static ReferenceNetwork<T> Network<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        new(NetworkSpec.Sequential(2, Loss.SquaredError, typeof(T) == typeof(float) ? Precision.Single : Precision.Double,
            (3, Activation.Sigmoid), (1, Activation.Sigmoid)), seed: 5);

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(-double.Epsilon, "-5E-324")]
    public void Step_and_TrainBatch_refuse_a_learning_rate_that_is_not_finite_and_non_negative(double learningRate, string shown)
    {
        ReferenceNetwork<double> network = Network<double>();
        double[] before = network.Parameters.ToArray();
        var gradient = new double[network.ParameterCount];
        gradient.AsSpan().Fill(1.0);

        var step = Assert.Throws<ArgumentOutOfRangeException>(() => network.Step(gradient, learningRate));
        var batch = Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainBatch([0, 1, 1, 0], [1, 1], learningRate));

        foreach (ArgumentOutOfRangeException e in new[] { step, batch })
        {
            Assert.Equal("learningRate", e.ParamName);
            Assert.StartsWith($"learningRate is {shown}; expected a finite number ≥ 0.", e.Message, StringComparison.Ordinal);
            Assert.Equal(learningRate, (double)e.ActualValue!);
        }
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void A_rate_that_overflows_float_is_infinite_and_refused()
    {
        // 1e300 is finite as a double and ∞ once it is a float: the float network refuses it.
        ReferenceNetwork<float> network = Network<float>();
        float[] before = network.Parameters.ToArray();
        float learningRate = (float)1e300;

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainBatch([0f, 1f], [1f], learningRate));

        Assert.StartsWith("learningRate is Infinity; expected a finite number ≥ 0.", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Zero_and_negative_zero_are_allowed_and_change_nothing()
    {
        ReferenceNetwork<double> network = Network<double>();
        double[] before = network.Parameters.ToArray();

        double cost = network.TrainBatch([0, 1, 1, 0], [1, 1], 0.0);
        network.Step(new double[network.ParameterCount], -0.0);

        Assert.True(cost > 0);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void The_guard_accepts_finite_non_negative_rates_in_both_precisions()
    {
        NetworkGuard.CheckLearningRate(0f, "learningRate");
        NetworkGuard.CheckLearningRate(3.5f, "learningRate");
        NetworkGuard.CheckLearningRate(float.MaxValue, "learningRate");
        NetworkGuard.CheckLearningRate(1e300, "learningRate");
        NetworkGuard.CheckLearningRate(double.Epsilon, "learningRate");

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => NetworkGuard.CheckLearningRate(-2f, "eta"));
        Assert.Equal("eta", e.ParamName);
        Assert.StartsWith("eta is -2; expected a finite number ≥ 0.", e.Message, StringComparison.Ordinal);
    }
}
