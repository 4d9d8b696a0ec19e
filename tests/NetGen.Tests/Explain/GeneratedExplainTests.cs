using System;
using NetGen.Tests.Generated;
using Xunit;

namespace NetGen.Tests.Explain;

/// <summary>The Explain members generated into every network class, by index and by name.</summary>
public sealed class GeneratedExplainTests
{
    [Fact]
    public void Generated_Explain_gives_the_gradient_Backward_adds_for_every_parameter()
    {
        var network = new XorD();
        var random = new Random(9);
        Cases.Randomize(random, network);
        double[] input = [0.3, -1.2], target = [1.0];
        var gradient = new double[XorD.ParameterCount];
        network.Backward(input, target, gradient);

        for (int i = 0; i < XorD.ParameterCount; i++)
        {
            GradientExplanation byIndex = network.Explain(input, target, i);
            GradientExplanation byName = network.Explain(input, target, XorD.Spec.ParameterName(i));
            Assert.Equal(XorD.Spec.ParameterName(i), byIndex.ParameterName);
            Assert.Equal(byIndex.Gradient, byName.Gradient);
            Assert.True(Math.Abs(byIndex.Gradient - gradient[i]) <= 1e-12 * Math.Max(1e-3, Math.Abs(gradient[i])),
                $"{byIndex.ParameterName}: explained {byIndex.Gradient:R}, Backward {gradient[i]:R}");
        }
        // The printed derivation of the last weight shows the three factors of the chain rule.
        string text = network.Explain(input, target, "layer2.w[0,1]").ToString();
        Assert.Contains("∂C/∂w(L)_01 = ∂z(L)_0/∂w(L)_01 · ∂a(L)_0/∂z(L)_0 · ∂C/∂a(L)_0", text);
        Assert.Contains("= a(L−1)_1 · σ'(z(L)_0) · 2(a(L)_0 − y_0)", text);
    }
}
