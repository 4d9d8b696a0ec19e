using System;
using Xunit;

namespace NetGen.Tests.Explain;

/// <summary>Explain's softmax/cross-entropy factor is the general a·Σy − y, so it agrees with Backward for any targets.</summary>
public sealed class ExplainCrossEntropyTests
{
    [Theory]
    [InlineData(0.5, 0.2, 0.1)]
    [InlineData(2.0, 0.0, 0.0)]
    [InlineData(0.0, 1.0, 0.0)]
    public void Every_gradient_agrees_with_the_interpreter_whatever_the_targets_sum_to(double y0, double y1, double y2)
    {
        var network = new ReferenceNetwork<double>(NetworkSpec.Sequential(3, Loss.CrossEntropy, Precision.Double,
            (4, Activation.Tanh), (3, Activation.Softmax)));
        var random = new Random(5);
        for (int i = 0; i < network.ParameterCount; i++) network.Parameters[i] = 2 * random.NextDouble() - 1;
        double[] input = [0.4, -0.9, 1.3], target = [y0, y1, y2];
        var gradient = new double[network.ParameterCount];
        double cost = network.Backward(input, target, gradient);

        for (int i = 0; i < network.ParameterCount; i++)
        {
            GradientExplanation e = GradientExplanation.Explain<double>(network, input, target, i);
            Assert.Equal(gradient[i], e.Gradient, 1e-12);
            Assert.Equal(cost, e.Cost, 1e-12);
        }
        GradientExplanation bias = GradientExplanation.Explain<double>(network, input, target, "layer2.b[1]");
        bool sumsToOne = y0 + y1 + y2 == 1.0;
        Assert.Equal(sumsToOne ? "a(L)_1 − y_1" : "a(L)_1·Σy − y_1", bias.Factors[^1].Expression);
        string text = bias.ToString();
        Assert.Contains("collapses to a_j·Σ_i y_i − y_j, which is a_j − y_j when the targets sum to 1", text, StringComparison.Ordinal);
        Assert.Equal(!sumsToOne, text.Contains("a(L)_1·Σy − y_1", StringComparison.Ordinal));
    }
}
