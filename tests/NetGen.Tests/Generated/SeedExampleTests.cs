using System;
using Xunit;

namespace NetGen.Tests.Generated;

/// <summary>
/// The seed example of the backpropagation calculus: a chain of single neurons 1-1-1-1, three weights and three biases,
/// sigmoid, C0 = (a(L) − y)². Every derivative is computed here by hand, factor by factor, and compared with the
/// generated gradient.
/// </summary>
public sealed class SeedExampleTests
{
    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void Hand_computed_chain_rule_products_equal_the_generated_gradient()
    {
        var network = new ChainD();
        // Parameters: w1, b1, w2, b2, w3, b3 (each layer's weight, then its bias).
        double w1 = 0.7, b1 = -0.2, w2 = -1.3, b2 = 0.4, w3 = 2.1, b3 = -0.5;
        new[] { w1, b1, w2, b2, w3, b3 }.CopyTo(network.Parameters);
        double x = 0.9, y = 1.0;

        // Forward: z(l) = w(l)·a(l−1) + b(l), a(l) = σ(z(l)).
        double a0 = x;
        double z1 = w1 * a0 + b1, a1 = Sigmoid(z1);
        double z2 = w2 * a1 + b2, a2 = Sigmoid(z2);
        double z3 = w3 * a2 + b3, a3 = Sigmoid(z3);
        double cost = (a3 - y) * (a3 - y);

        // σ'(z) = σ(z)(1 − σ(z)).
        double dsigma3 = a3 * (1 - a3), dsigma2 = a2 * (1 - a2), dsigma1 = a1 * (1 - a1);
        // Last layer L = 3: ∂C/∂w(L) = a(L−1)·σ'(z(L))·2(a(L) − y), ∂C/∂b(L) = σ'(z(L))·2(a(L) − y).
        double dC_dw3 = a2 * dsigma3 * 2 * (a3 - y);
        double dC_db3 = dsigma3 * 2 * (a3 - y);
        // One layer back: ∂C/∂a(L−1) = w(L)·σ'(z(L))·2(a(L) − y), then ∂C/∂w(L−1) = a(L−2)·σ'(z(L−1))·∂C/∂a(L−1).
        double dC_da2 = w3 * dsigma3 * 2 * (a3 - y);
        double dC_dw2 = a1 * dsigma2 * dC_da2;
        double dC_db2 = dsigma2 * dC_da2;
        // And the first layer, through ∂C/∂a(L−2) = w(L−1)·σ'(z(L−1))·∂C/∂a(L−1).
        double dC_da1 = w2 * dsigma2 * dC_da2;
        double dC_dw1 = a0 * dsigma1 * dC_da1;
        double dC_db1 = dsigma1 * dC_da1;

        var gradient = new double[ChainD.ParameterCount];
        double generatedCost = network.Backward([x], [y], gradient);

        Assert.Equal(cost, generatedCost, 1e-15);
        double[] expected = [dC_dw1, dC_db1, dC_dw2, dC_db2, dC_dw3, dC_db3];
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - gradient[i]) <= 1e-15 * Math.Max(1, Math.Abs(expected[i])),
                $"{ChainD.Spec.ParameterName(i)}: by hand {expected[i]:R}, generated {gradient[i]:R}");
        // The products are not trivially zero.
        Assert.All(expected, g => Assert.True(Math.Abs(g) > 1e-4));
    }
}
