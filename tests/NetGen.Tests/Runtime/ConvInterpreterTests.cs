using System;
using System.Globalization;
using System.Linq;
using NetGen.Tests.Generated;
using Xunit;

namespace NetGen.Tests.Runtime;

/// <summary>
/// The interpreter on convolutional networks: values worked out by hand, the analytic gradient of every parameter
/// against central finite differences (five-point stencil, double), float against double, and the tie rule of max
/// pooling (the whole gradient to the first maximum in row-major window order, as PyTorch).
/// </summary>
public sealed class ConvInterpreterTests(ITestOutputHelper output)
{
    // As in Generated/FiniteDifferenceTests: relative error below 1e-6, measured against at least 1e-4 (or 1e-5·C).
    private const double Step = 1e-4, Tolerance = 1e-6, Floor = 1e-4;
    // As in Generated/AgreementTests for float against the double interpreter.
    private const float SingleTolerance = 1e-5f, SingleFloor = 0.1f;

    [Fact]
    public void A_padded_convolution_computed_by_hand()
    {
        // x = 1..9 in a 3×3 image, one 2×2 kernel (1 2 / 3 4), bias 0.5, padding 1: a 4×4 output.
        var spec = new NetworkSpec([new InputSpec("x", 1, 3, 3)],
            [LayerSpec.Conv("c", 1, 2, 2, 1, 1, Activation.Identity, ["x"])],
            [new OutputSpec("c", Loss.SquaredError)], Precision.Double);
        var network = new ReferenceNetwork<double>(spec);
        double[] parameters = [1, 2, 3, 4, 0.5];
        parameters.CopyTo(network.Parameters);
        var z = new double[16];
        network.Forward([1, 2, 3, 4, 5, 6, 7, 8, 9], z);
        // z[0,y,x] = Σ_{i,j} w[i,j]·x[y+i−1, x+j−1] + 0.5, the padding reading 0.
        Assert.Equal(4 * 1 + 0.5, z[0]);                          // only tap (1,1) on x[0,0]
        Assert.Equal(3 * 3 + 0.5, z[3]);                          // only tap (1,0) on x[0,2]
        Assert.Equal(1 * 1 + 2 * 2 + 3 * 4 + 4 * 5 + 0.5, z[5]);  // the whole kernel on x[0..1, 0..1]
        Assert.Equal(1 * 9 + 0.5, z[15]);                         // only tap (0,0) on x[2,2]
        Assert.Equal(2 * 7 + 0.5, z[12]);                         // only tap (0,1) on x[2,0]

        // Stride 2 without padding on a 5×5 image: the kernel at (0,0), (0,2), (2,0), (2,2).
        var strided = new ReferenceNetwork<double>(new NetworkSpec([new InputSpec("x", 1, 5, 5)],
            [LayerSpec.Conv("c", 1, 2, 2, 2, 0, Activation.Identity, ["x"])], [new OutputSpec("c", Loss.SquaredError)], Precision.Double));
        parameters.CopyTo(strided.Parameters);
        var s = new double[4];
        strided.Forward(Enumerable.Range(1, 25).Select(v => (double)v).ToArray(), s);
        Assert.Equal(new double[] { 1 + 2 * 2 + 3 * 6 + 4 * 7 + 0.5, 3 + 2 * 4 + 3 * 8 + 4 * 9 + 0.5, 11 + 2 * 12 + 3 * 16 + 4 * 17 + 0.5, 13 + 2 * 14 + 3 * 18 + 4 * 19 + 0.5 }, s);
    }

    [Fact]
    public void Poolings_computed_by_hand()
    {
        var spec = new NetworkSpec([new InputSpec("x", 1, 4, 4)],
            [
                LayerSpec.MaxPool("max", 2, 2, 2, ["x"]),
                LayerSpec.AvgPool("avg", 2, 2, 2, ["x"]),
                LayerSpec.GlobalAvgPool("global", ["x"]),
                LayerSpec.AvgPool("overlap", 3, 3, 1, ["x"]),
            ],
            [new OutputSpec("max", Loss.SquaredError), new OutputSpec("avg", Loss.SquaredError), new OutputSpec("global", Loss.SquaredError), new OutputSpec("overlap", Loss.SquaredError)],
            Precision.Double);
        var network = new ReferenceNetwork<double>(spec);
        Assert.Equal(0, network.ParameterCount);
        var values = new double[4 + 4 + 1 + 4];
        network.Forward(Enumerable.Range(1, 16).Select(v => (double)v).ToArray(), values);
        Assert.Equal(new double[] { 6, 8, 14, 16, 3.5, 5.5, 11.5, 13.5, 8.5, 6, 7, 10, 11 }, values);
    }

    [Theory]
    [MemberData(nameof(ConvNetworks.SmallNames), MemberType = typeof(ConvNetworks))]
    public void Gradient_matches_finite_differences(string name) => Check(name, ConvNetworks.Small[name]());

    [Theory]
    [MemberData(nameof(ConvNetworks.ElementWiseActivations), MemberType = typeof(ConvNetworks))]
    public void Gradient_through_every_activation_on_a_convolution_matches_finite_differences(Activation activation) =>
        Check(activation.ToString(), ConvNetworks.WithActivation(activation));

    private void Check(string name, NetworkSpec spec)
    {
        var network = new ReferenceNetwork<double>(spec);
        var random = new Random(7);
        double worst = 0;
        int checkedCount = 0, kinkCount = 0;
        for (int example = 0; example < 3; example++)
        {
            Cases.Randomize(random, network);
            double[] input = Cases.Uniform<double>(random, network.InputCount, 1.5);
            double[] target = Cases.Targets<double>(spec, random, 1);

            var analytic = new double[network.ParameterCount];
            double cost = network.Backward(input, target, analytic);
            double floor = Math.Max(Floor, 1e-5 * Math.Abs(cost));
            double[] numeric = GradientChecker.NumericalGradient(network, input, target, Step);
            // A nudge that moves a ReLU's z across 0, or changes which value wins a max-pooling window, makes the
            // difference quotient mix two slopes; such a parameter shows itself by a quotient that changes with h.
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
                    $"{spec.ParameterName(i)}: analytic {analytic[i]:R}, finite difference {numeric[i]:R}, relative error {error:E2}");
                worst = Math.Max(worst, error);
                if (Math.Abs(analytic[i]) > floor) nonZero++;
            }
            Assert.True(kinks <= analytic.Length / 20, $"{kinks} of {analytic.Length} parameters sit at a kink");
            Assert.True(nonZero >= analytic.Length / 4, $"only {nonZero} of {analytic.Length} gradients exceed {floor}");
            checkedCount += analytic.Length - kinks;
            kinkCount += kinks;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {checkedCount} gradients checked ({kinkCount} at kinks left out), largest relative error {worst:E2}"));
    }

    [Theory]
    [MemberData(nameof(ConvNetworks.SmallNames), MemberType = typeof(ConvNetworks))]
    public void Float_agrees_with_double(string name)
    {
        NetworkSpec spec = ConvNetworks.Small[name]();
        var single = new ReferenceNetwork<float>(spec);
        var reference = new ReferenceNetwork<double>(spec);
        // The same seed gives the same weights in both precisions (drawn in double, then rounded).
        Assert.Equal(single.Parameters.ToArray(), Array.ConvertAll(reference.Parameters.ToArray(), v => (float)v));
        var random = new Random(20261125);
        for (int example = 0; example < 5; example++)
        {
            Cases.Randomize(random, single);
            Array.ConvertAll(single.Parameters.ToArray(), v => (double)v).CopyTo(reference.Parameters);
            float[] input = Cases.Uniform<float>(random, spec.InputCount, 1.5);
            float[] target = Cases.Targets<float>(spec, random, 1);
            double[] input64 = Array.ConvertAll(input, v => (double)v), target64 = Array.ConvertAll(target, v => (double)v);

            var expectedOutput = new double[spec.OutputCount];
            var actualOutput = new float[spec.OutputCount];
            reference.Forward(input64, expectedOutput);
            single.Forward(input, actualOutput);
            AgreementTests.AssertClose(Array.ConvertAll(expectedOutput, v => (float)v), actualOutput, SingleTolerance, SingleFloor, "output");

            var expectedGradient = new double[spec.ParameterCount];
            var actualGradient = new float[spec.ParameterCount];
            double expectedCost = reference.Backward(input64, target64, expectedGradient);
            float actualCost = single.Backward(input, target, actualGradient);
            AgreementTests.AssertClose([(float)expectedCost], [actualCost], SingleTolerance, SingleFloor, "cost");
            float scale = (float)(1e-3 * expectedGradient.Max(Math.Abs));
            AgreementTests.AssertClose(Array.ConvertAll(expectedGradient, v => (float)v), actualGradient, SingleTolerance, Math.Max(SingleFloor, scale), "gradient", spec);
        }
    }

    /// <summary>
    /// Two input channels into a 1×1 convolution whose second weight is 0, so its output ties wherever the first channel
    /// does; the second channel's distinct values then show, through ∂C/∂w[0,1,0,0] = Σ x₁[winner]·∂C/∂z, which position
    /// of each tied window received the gradient.
    /// </summary>
    [Fact]
    public void Max_pooling_sends_the_gradient_of_a_tie_to_the_first_maximum_in_row_major_order()
    {
        var spec = new NetworkSpec([new InputSpec("x", 2, 2, 4)],
            [
                LayerSpec.Conv("c", 1, 1, 1, 1, 0, Activation.Identity, ["x"]),
                LayerSpec.MaxPool("p", 2, 2, 2, ["c"]),
                new LayerSpec("out", LayerKind.Dense, 1, Activation.Identity, ["p"]),
            ],
            [new OutputSpec("out", Loss.SquaredError)], Precision.Double);
        double[] input =
        [
            // channel 0: window 1 is all 1 except one 0 (a triple tie at (0,0), (0,1), (1,0)); window 2 ties at (0,2), (1,2), (1,3)
            1, 1, 3, 2,
            1, 0, 3, 3,
            // channel 1: a different value at every position
            10, 20, 30, 40,
            50, 60, 70, 80,
        ];
        INetwork<double> network = new ReferenceNetwork<double>(spec);
        network.Parameters.Clear();
        network.Parameters[0] = 1;      // c.w[0,0,0,0]
        network.Parameters[3] = 1;      // out.w[0,0]
        network.Parameters[4] = -1;     // out.w[0,1]
        var gradient = new double[network.ParameterCount];
        network.Backward(input, [0.0], gradient);
        // out = p0 − p1 = 1 − 3 = −2, so ∂C/∂out = 2(−2 − 0) = −4, ∂C/∂p = (−4, 4): the winners are x₁ = 10 (position
        // (0,0), the first of the three ones) and x₁ = 30 (position (0,2), the first of the three threes).
        Assert.Equal(-4 * 10 + 4 * 30, gradient[1]);
        Assert.Equal(-4 * 1 + 4 * 3, gradient[0]);

        // The explanation follows the same rule: ∂C/∂a goes to the first maximum, the other tied values get none.
        ActivationSensitivity first = GradientExplanation.ExplainActivation<double>(network, input, [0.0], "c", 0);
        ActivationSensitivity second = GradientExplanation.ExplainActivation<double>(network, input, [0.0], "c", 1);
        ActivationSensitivity below = GradientExplanation.ExplainActivation<double>(network, input, [0.0], "c", 4);
        Assert.Equal(-4, first.Value);
        Assert.Equal(0, second.Value);
        Assert.Equal(0, below.Value);
        Assert.Empty(second.Terms);
        Assert.Contains("∂C/∂a(L−2)_0,0,1 = 0   (it is not the maximum of any window of the max pooling 'p', and it is not an output)",
            second.ToString(), StringComparison.Ordinal);
        Assert.Equal(4, GradientExplanation.ExplainActivation<double>(network, input, [0.0], "c", 2).Value);
        Assert.Equal(0, GradientExplanation.ExplainActivation<double>(network, input, [0.0], "c", 6).Value);
        Assert.Equal(-4 * 10 + 4 * 30, GradientExplanation.Explain<double>(network, input, [0.0], "c.w[0,1,0,0]").Gradient);
    }

    [Fact]
    public void Leaky_slope_comes_from_the_layer()
    {
        // One input value −2 through a 1×1 convolution with weight 1 and LeakyReLU slopes 0.01 and 0.3.
        foreach (double slope in new[] { 0.01, 0.3 })
        {
            var spec = new NetworkSpec([new InputSpec("x", 1, 1, 1)],
                [LayerSpec.Conv("c", 1, 1, 1, 1, 0, Activation.LeakyReLU, ["x"]) with { Slope = slope }],
                [new OutputSpec("c", Loss.SquaredError)], Precision.Double);
            var network = new ReferenceNetwork<double>(spec);
            network.Parameters[0] = 1;
            network.Parameters[1] = 0;
            var a = new double[1];
            network.Forward([-2.0], a);
            Assert.Equal(-2 * slope, a[0]);
            var gradient = new double[2];
            network.Backward([-2.0], [0.0], gradient);
            // ∂C/∂w = x · σ'(z) · 2a = −2 · slope · 2(−2·slope)
            Assert.Equal(-2 * slope * 2 * (-2 * slope), gradient[0], 15);
            GradientExplanation bias = GradientExplanation.Explain<double>(network, [-2.0], [0.0], "c.b[0]");
            Assert.Equal(slope * 2 * (-2 * slope), bias.Gradient, 15);
            Assert.Contains($"{slope.ToString("R", CultureInfo.InvariantCulture)}, because z(L)_0,0,0 = -2 ≤ 0   (σ: leaky ReLU)", bias.ToString(), StringComparison.Ordinal);
        }
    }
}
