using System;
using Xunit;

namespace NetGen.Tests.Generated;

/// <summary>
/// The analytic gradients of both the generated code and the interpreter against central finite differences
/// (five-point stencil) in double: relative error below 1e-6 for every parameter.
/// </summary>
public sealed class FiniteDifferenceTests
{
    private const double Step = 1e-4;
    private const double Tolerance = 1e-6;
    // The usual guard for tiny gradients: the five-point central difference carries an absolute error of about 1.5·ε·C/h
    // (rounding: 1e-10 was seen on a cross-entropy cost of ~20) plus h⁴·C⁽⁵⁾/30 (truncation, negligible), so relative
    // errors are measured against at least 1e-4, or 1e-5·C for large costs.
    private const double Floor = 1e-4;

    [Theory]
    [MemberData(nameof(Cases.DoubleNames), MemberType = typeof(Cases))]
    public void Generated_gradient_matches_finite_differences(string name)
    {
        INetwork<double> network = Cases.Double[name]();
        Check(network, seed: 7);
    }

    [Theory]
    [MemberData(nameof(Cases.DoubleNames), MemberType = typeof(Cases))]
    public void Interpreter_gradient_matches_finite_differences(string name)
    {
        var network = new ReferenceNetwork<double>(Cases.Double[name]().Spec);
        Check(network, seed: 7);
    }

    private static void Check(INetwork<double> network, int seed)
    {
        var random = new Random(seed);
        for (int example = 0; example < 3; example++)
        {
            Cases.Randomize(random, network);
            double[] input = Cases.Uniform<double>(random, network.InputCount, 1.5);
            double[] target = Cases.Targets<double>(network.Spec, random, 1);

            var analytic = new double[network.ParameterCount];
            double cost = network.Backward(input, target, analytic);
            double floor = Math.Max(Floor, 1e-5 * Math.Abs(cost));
            double[] numeric = GradientChecker.NumericalGradient(network, input, target, Step);
            // The guard for kinks: where a nudge of ±2h moves a ReLU's z across 0 the cost is not differentiable there and
            // the difference quotient mixes two slopes. Such a parameter shows itself by a quotient that changes with h;
            // it is left out, and only a few may be.
            double[] finer = GradientChecker.NumericalGradient(network, input, target, Step / 8);

            int nonZero = 0, kinks = 0;
            for (int i = 0; i < analytic.Length; i++)
            {
                if (GradientChecker.RelativeError(numeric[i], finer[i], floor) > 1e-4)
                {
                    kinks++;
                    continue;
                }
                double error = GradientChecker.RelativeError(analytic[i], numeric[i], floor);
                Assert.True(error < Tolerance,
                    $"{network.Spec.ParameterName(i)}: analytic {analytic[i]:R}, finite difference {numeric[i]:R}, relative error {error:E2}");
                if (Math.Abs(analytic[i]) > floor) nonZero++;
            }
            Assert.True(kinks <= analytic.Length / 20, $"{kinks} of {analytic.Length} parameters sit at a kink");
            // The check means something only if many gradients are not (near) zero.
            Assert.True(nonZero >= analytic.Length / 4, $"only {nonZero} of {analytic.Length} gradients exceed {floor}");
        }
    }
}
