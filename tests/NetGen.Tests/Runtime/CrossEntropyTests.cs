using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Runtime;

/// <summary>
/// <see cref="ReferenceNetwork{T}"/>'s softmax with cross-entropy: the log-softmax form keeps saturated outputs finite,
/// and the general ∂C/∂z_j = a_j·Σy − y_j is the derivative of the cost for any targets.
/// </summary>
public sealed class CrossEntropyTests
{
    /// <summary>3 inputs straight into a 3-neuron softmax, W = I and b = 0: the logits z are the input itself.</summary>
    private static ReferenceNetwork<T> Logits<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var network = new ReferenceNetwork<T>(NetworkSpec.Sequential(3, Loss.CrossEntropy,
            typeof(T) == typeof(float) ? Precision.Single : Precision.Double, (3, Activation.Softmax)));
        network.Parameters.Clear();
        for (int j = 0; j < 3; j++) network.Parameters[j * 3 + j] = T.One;
        return network;
    }

    /// <summary>The cost and ∂C/∂z computed here in double, straight from the definition around the largest logit.</summary>
    private static (double Cost, double[] DZ) Exact(double[] z, double[] y)
    {
        double max = z.Max();
        double logSumExp = max + Math.Log(z.Sum(v => Math.Exp(v - max)));
        double cost = -Enumerable.Range(0, z.Length).Sum(j => y[j] == 0 ? 0 : y[j] * (z[j] - logSumExp));
        double targetSum = y.Sum();
        double[] dz = z.Select(v => Math.Exp(v - logSumExp) * targetSum).Select((a, j) => a - y[j]).ToArray();
        return (cost, dz);
    }

    [Theory]
    [InlineData(50f, 0f, -50f, 0f, 0f, 1f)]
    [InlineData(1e4f, 0f, -1e4f, 0f, 0f, 1f)]
    [InlineData(1e4f, 0f, -1e4f, 0f, 1f, 0f)]
    [InlineData(1e4f, 0f, -1e4f, 1f, 0f, 0f)]
    [InlineData(-80f, 80f, 0f, 0.25f, 0.25f, 0.5f)]
    public void Saturated_float_logits_give_a_finite_cost_and_the_double_gradient(float z0, float z1, float z2, float y0, float y1, float y2)
    {
        ReferenceNetwork<float> network = Logits<float>();
        float[] input = [z0, z1, z2], target = [y0, y1, y2];
        var gradient = new float[network.ParameterCount];

        float cost = network.Backward(input, target, gradient);

        (double exactCost, double[] dz) = Exact([z0, z1, z2], [y0, y1, y2]);
        Assert.True(float.IsFinite(cost), $"cost {cost}");
        Assert.All(gradient, g => Assert.True(float.IsFinite(g), $"gradient {string.Join(", ", gradient)}"));
        Assert.Equal(exactCost, cost, exactCost * 1e-6 + 1e-6);
        for (int j = 0; j < 3; j++)
        {
            // ∂C/∂b_j = ∂C/∂z_j and ∂C/∂w_jk = x_k·∂C/∂z_j.
            Assert.Equal(dz[j], gradient[9 + j], 1e-6);
            for (int k = 0; k < 3; k++)
                Assert.Equal(input[k] * dz[j], gradient[j * 3 + k], Math.Abs(input[k]) * 1e-6 + 1e-6);
        }
    }

    [Fact]
    public void A_wrong_class_at_ten_thousand_logits_costs_twenty_thousand()
    {
        // ln a_2 = −1e4 − ln Σ e^z = −2e4 exactly: C = 2e4, where −ln a_2 of a float softmax would be −ln 0 = ∞.
        ReferenceNetwork<float> network = Logits<float>();
        var gradient = new float[network.ParameterCount];

        Assert.Equal(20000f, network.Backward([1e4f, 0f, -1e4f], [0f, 0f, 1f], gradient));
        Assert.Equal([1f, 0f, -1f], gradient[9..12]);
    }

    [Theory]
    [InlineData(0.5, 0.2, 0.1)]
    [InlineData(2.0, 0.0, 0.0)]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(1.5, -0.5, 3.0)]
    [InlineData(0.2, 0.3, 0.5)]
    public void Targets_of_any_sum_get_the_derivative_of_the_cost(double y0, double y1, double y2)
    {
        // 4 inputs -> 5 tanh -> 3 softmax: every parameter's analytic ∂C/∂θ against central differences of C itself.
        var network = new ReferenceNetwork<double>(NetworkSpec.Sequential(4, Loss.CrossEntropy, Precision.Double,
            (5, Activation.Tanh), (3, Activation.Softmax)));
        var random = new Random(11);
        for (int i = 0; i < network.ParameterCount; i++) network.Parameters[i] = 2 * random.NextDouble() - 1;
        double[] input = [0.3, -1.2, 0.8, 0.5], target = [y0, y1, y2];
        var gradient = new double[network.ParameterCount];
        network.Backward(input, target, gradient);

        double[] numerical = GradientChecker.NumericalGradient<double>(network, input, target, 1e-4);

        for (int i = 0; i < gradient.Length; i++)
            Assert.True(Math.Abs(gradient[i] - numerical[i]) <= 1e-8 + 1e-7 * Math.Abs(numerical[i]),
                $"{network.Spec.ParameterName(i)}: analytic {gradient[i]:R}, numerical {numerical[i]:R}");
        // The collapsed a − y would be wrong here whenever Σy ≠ 1: check that the bias gradient really is a·Σy − y.
        var output = new double[3];
        network.Forward(input, output);
        double sum = y0 + y1 + y2;
        for (int j = 0; j < 3; j++) Assert.Equal(output[j] * sum - target[j], gradient[network.Spec.BiasOffset(1) + j], 14);
    }

    [Fact]
    public void Cost_is_minus_the_weighted_log_probabilities()
    {
        ReferenceNetwork<double> network = Logits<double>();
        double[] z = [1.0, 2.0, 3.0], y = [0.5, 0.2, 0.1];
        double logSumExp = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));

        double cost = network.Backward(z, y, new double[network.ParameterCount]);

        Assert.Equal(-(0.5 * (1 - logSumExp) + 0.2 * (2 - logSumExp) + 0.1 * (3 - logSumExp)), cost, 14);
    }
}
