using System;
using System.Globalization;
using System.Linq;
using System.Numerics;
using NetGen.Tests.Runtime;
using Xunit;

namespace NetGen.Tests.Explain;

/// <summary>
/// Explanations of convolutional networks against the interpreter's Backward: a convolution's weight is the sum over the
/// output positions it touched, each term a(l−1)[c, y·s+i−p, x·s+j−p] · σ'(z[o,y,x]) · ∂C/∂a[o,y,x]; ∂C/∂a reaches a
/// value through max pooling (its window's winner only), average pooling (spread evenly), a dense layer reading an image
/// flattened, and sums. Tolerances as in <see cref="GradientExplanationTests"/>.
/// </summary>
public sealed class ConvExplainTests(ITestOutputHelper output)
{
    private const double DoubleTolerance = 1e-9, DoubleFloor = 1e-12;
    private const double SingleTolerance = 1e-4, SingleFloor = 1e-4;

    [Theory]
    [MemberData(nameof(ConvNetworks.SmallNames), MemberType = typeof(ConvNetworks))]
    public void Every_explained_gradient_equals_Backward_in_double(string name) =>
        Report(name + " (double)", Agree(new ReferenceNetwork<double>(ConvNetworks.Small[name]()), DoubleTolerance, DoubleFloor));

    [Theory]
    [MemberData(nameof(ConvNetworks.SmallNames), MemberType = typeof(ConvNetworks))]
    public void Every_explained_gradient_equals_Backward_in_float(string name) =>
        Report(name + " (float)", Agree(new ReferenceNetwork<float>(ConvNetworks.Small[name]()), SingleTolerance, SingleFloor));

    [Theory]
    [MemberData(nameof(ConvNetworks.SmallNames), MemberType = typeof(ConvNetworks))]
    public void Every_sensitivity_is_its_cost_term_plus_its_terms(string name)
    {
        var network = new ReferenceNetwork<double>(ConvNetworks.Small[name]());
        var random = new Random(5);
        ExplainTestData.Randomize(random, network);
        double[] input = ExplainTestData.Uniform<double>(random, network.InputCount, 1.5);
        double[] target = ExplainTestData.Targets<double>(network.Spec, random);
        foreach (string node in network.Spec.Inputs.Select(i => i.Name).Concat(network.Spec.Layers.Select(l => l.Name)))
        {
            for (int j = 0; j < network.Spec.SizeOf(node); j++)
            {
                ActivationSensitivity s = GradientExplanation.ExplainActivation<double>(network, input, target, node, j);
                double sum = (s.LossTerm?.Value ?? 0) + s.Terms.Sum(t => t.Value);
                Assert.True(GradientChecker.RelativeError(s.Value, sum, 1e-12) < DoubleTolerance, $"{node}[{j}]: {s.Value:R} vs {sum:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ConvNetworks.SmallNames), MemberType = typeof(ConvNetworks))]
    public void Input_sensitivity_matches_finite_differences_of_the_cost(string name)
    {
        // ∂C/∂x is the sensitivity recursion carried through every convolution and pooling down to the image.
        var network = new ReferenceNetwork<double>(ConvNetworks.Small[name]());
        var random = new Random(3);
        ExplainTestData.Randomize(random, network);
        double[] input = ExplainTestData.Uniform<double>(random, network.InputCount, 1.5);
        double[] target = ExplainTestData.Targets<double>(network.Spec, random);
        var scratch = new double[network.ParameterCount];
        const double h = 1e-5;
        int offset = 0, kinks = 0;
        foreach (InputSpec x in network.Spec.Inputs)
        {
            for (int k = 0; k < x.Size; k++)
            {
                ActivationSensitivity s = GradientExplanation.ExplainActivation<double>(network, input, target, x.Name, k);
                double Difference(double step)
                {
                    int i = offset + k;
                    double original = input[i];
                    input[i] = original + step;
                    double plus = network.Backward(input, target, scratch);
                    input[i] = original - step;
                    double minus = network.Backward(input, target, scratch);
                    input[i] = original;
                    return (plus - minus) / (2 * step);
                }
                double numeric = Difference(h);
                // A nudge that changes the winner of a max-pooling window (or a ReLU's sign) mixes two slopes.
                if (GradientChecker.RelativeError(numeric, Difference(h / 8), 1e-3) > 1e-5)
                {
                    kinks++;
                    continue;
                }
                Assert.True(GradientChecker.RelativeError(s.Value, numeric, 1e-3) < 1e-6, $"∂C/∂{x.Name}_{k}: explained {s.Value:R}, finite difference {numeric:R}");
            }
            offset += x.Size;
        }
        Assert.True(kinks <= network.InputCount / 20, $"{kinks} of {network.InputCount} inputs sit at a kink");
    }

    [Fact]
    public void A_convolution_weight_is_explained_as_the_sum_over_the_positions_it_touched()
    {
        // 1×5×4 → Conv(2, 3×3, padding 1, tanh) → Dense(1): c.w[1,0,0,2] reads x[y−1, x+1] at output (1, y, x), which
        // falls on the image for y = 1..4 and x = 0..2: 12 of the 20 positions.
        var spec = new NetworkSpec([new InputSpec("x", 1, 5, 4)],
            [LayerSpec.Conv("c", 2, 3, 3, 1, 1, Activation.Tanh, ["x"]), new LayerSpec("out", LayerKind.Dense, 1, Activation.Identity, ["c"])],
            [new OutputSpec("out", Loss.SquaredError)], Precision.Double);
        var network = new ReferenceNetwork<double>(spec);
        var random = new Random(8);
        ExplainTestData.Randomize(random, network);
        double[] input = ExplainTestData.Uniform<double>(random, network.InputCount, 1.5);
        double[] target = [0.25];

        GradientExplanation e = GradientExplanation.Explain<double>(network, input, target, "c.w[1,0,0,2]");
        Assert.Equal("w(L−1)_1,0,0,2", e.Symbol);
        Assert.Equal(1, e.Neuron);
        Assert.Equal(2, e.InputIndex);
        Assert.Equal(12, e.Terms.Count);
        Assert.Equal(Enumerable.Range(1, 4).SelectMany(y => Enumerable.Range(0, 3).Select(x => 20 + y * 4 + x)), e.Terms.Select(t => t.Output));

        // Each term by hand from the forward pass: z = Σ w·x + b, a = tanh z, ∂C/∂a[1,y,x] = out.w[0, 20 + 4y + x] · 2(out − y).
        double[] p = network.Parameters.ToArray();
        var prediction = new double[1];
        network.Forward(input, prediction);
        double dC_dout = 2 * (prediction[0] - target[0]);
        double expected = 0;
        foreach (GradientTerm term in e.Terms)
        {
            int y = (term.Output - 20) / 4, x = (term.Output - 20) % 4;
            double z = p[18 + 1];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                {
                    int row = y + i - 1, column = x + j - 1;
                    if (row >= 0 && row < 5 && column >= 0 && column < 4) z += p[9 + i * 3 + j] * input[row * 4 + column];
                }
            double a = Math.Tanh(z);
            double value = input[(y - 1) * 4 + x + 1] * (1 - a * a) * (p[20 + term.Output] * dC_dout);
            Assert.Equal(input[(y - 1) * 4 + x + 1], term.Factors[0].Value);
            Assert.Equal(1 - a * a, term.Factors[1].Value, 14);
            Assert.True(GradientChecker.RelativeError(value, term.Value, 1e-15) < 1e-12);
            Assert.Equal($"1,{y},{x}", term.Position);
            expected += value;
        }
        var gradient = new double[network.ParameterCount];
        network.Backward(input, target, gradient);
        Assert.True(GradientChecker.RelativeError(expected, e.Gradient, 1e-15) < 1e-12);
        Assert.True(GradientChecker.RelativeError(gradient[e.ParameterIndex], e.Gradient, 1e-15) < 1e-12);
        Assert.Equal(e.Gradient, e.Factors.Single().Value);

        string text = e.ToString(termsShown: 3);
        output.WriteLine(text);
        Assert.Contains("w(L−1)_1,0,0,2 is shared by the 20 outputs (1,y,x) of filter 1 of layer L−1, so its gradient is a sum over them (8 of them read it on the zero padding and add nothing):", text, StringComparison.Ordinal);
        Assert.Contains("∂C/∂w(L−1)_1,0,0,2 = Σ_{y,x} ∂z(L−1)_1,y,x/∂w(L−1)_1,0,0,2 · ∂a(L−1)_1,y,x/∂z(L−1)_1,y,x · ∂C/∂a(L−1)_1,y,x", text, StringComparison.Ordinal);
        Assert.Contains("= Σ_{y,x} a(L−2)_0,y−1,x+1 · σ'(z(L−1)_1,y,x) · ∂C/∂a(L−1)_1,y,x", text, StringComparison.Ordinal);
        GradientTerm first = e.Terms[0];
        Assert.Contains("= a(L−2)_0,0,1 · σ'(z(L−1)_1,1,0) · ∂C/∂a(L−1)_1,1,0 = " + Product(first.Factors.Select(f => f.Value)) +
            " = " + Number(first.Value), text, StringComparison.Ordinal);
        Assert.Contains("+ … 9 more terms, summing to " + Number(e.Terms.Skip(3).Sum(t => t.Value)), text, StringComparison.Ordinal);
        Assert.Contains(e.Gradient.ToString("R", CultureInfo.InvariantCulture) + " to every digit", text, StringComparison.Ordinal);
        Assert.Contains("σ'(z(L−1)_1,1,0) = 1 − a(L−1)_1,1,0² = ", text, StringComparison.Ordinal);
        Assert.Contains("∂C/∂a(L−1)_1,1,0 = Σ_j w(L)_j,24 · σ'(z(L)_j) · ∂C/∂a(L)_j, over the 1 neuron of layer L that reads a(L−1)_1,1,0", text, StringComparison.Ordinal);

        // The bias: every one of the 20 positions, ∂z/∂b = 1.
        GradientExplanation bias = GradientExplanation.Explain<double>(network, input, target, "c.b[1]");
        Assert.Equal(20, bias.Terms.Count);
        Assert.All(bias.Terms, t => Assert.Equal(1.0, t.Factors[0].Value));
        Assert.True(GradientChecker.RelativeError(gradient[bias.ParameterIndex], bias.Gradient, 1e-15) < 1e-12);
        Assert.Contains("= Σ_{y,x} σ'(z(L−1)_1,y,x) · ∂C/∂a(L−1)_1,y,x", bias.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sensitivities_through_poolings_and_a_dense_layer_reading_an_image()
    {
        // x → conv c (2×4×4) → avg pooling a (2×2 windows, 2×2×2) and max pooling m (2×2×2) → r = a + m → dense out.
        var spec = new NetworkSpec([new InputSpec("x", 1, 4, 4)],
            [
                LayerSpec.Conv("c", 2, 1, 1, 1, 0, Activation.Tanh, ["x"]),
                LayerSpec.AvgPool("a", 2, 2, 2, ["c"]),
                LayerSpec.MaxPool("m", 2, 2, 2, ["c"]),
                new LayerSpec("r", LayerKind.Add, 8, Activation.Identity, ["a", "m"]),
                LayerSpec.GlobalAvgPool("g", ["c"]),
                new LayerSpec("out", LayerKind.Dense, 2, Activation.Identity, ["r", "g"]),
            ],
            [new OutputSpec("out", Loss.SquaredError)], Precision.Double);
        var network = new ReferenceNetwork<double>(spec);
        var random = new Random(4);
        ExplainTestData.Randomize(random, network);
        double[] input = ExplainTestData.Uniform<double>(random, network.InputCount, 1.5);
        double[] target = [0.1, -0.2];

        // c[1,2,3] (index 16 + 11 = 27) is in window (1,1,1) of both poolings and in channel 1 of the global mean.
        var forward = new ReferenceNetwork<double>(new NetworkSpec([new InputSpec("x", 1, 4, 4)],
            [LayerSpec.Conv("c", 2, 1, 1, 1, 0, Activation.Tanh, ["x"])], [new OutputSpec("c", Loss.SquaredError)], Precision.Double));
        network.Parameters[..4].CopyTo(forward.Parameters);
        var c = new double[32];
        forward.Forward(input, c);
        int[] window = [16 + 10, 16 + 11, 16 + 14, 16 + 15];
        int winner = window.Aggregate((best, k) => c[k] > c[best] ? k : best);

        foreach (int k in window)
        {
            ActivationSensitivity s = GradientExplanation.ExplainActivation<double>(network, input, target, "c", k);
            ActivationSensitivity a = GradientExplanation.ExplainActivation<double>(network, input, target, "a", 7);
            ActivationSensitivity m = GradientExplanation.ExplainActivation<double>(network, input, target, "m", 7);
            ActivationSensitivity g = GradientExplanation.ExplainActivation<double>(network, input, target, "g", 1);
            SensitivityTerm throughAverage = Assert.Single(s.Terms, t => t.LayerName == "a");
            Assert.Equal(0.25, throughAverage.Weight);
            Assert.Equal(a.Value / 4, throughAverage.Value, 15);
            Assert.Equal(LayerKind.AvgPool, throughAverage.Kind);
            SensitivityTerm throughGlobal = Assert.Single(s.Terms, t => t.LayerName == "g");
            Assert.Equal(g.Value / 16, throughGlobal.Value, 15);
            if (k == winner)
            {
                SensitivityTerm throughMax = Assert.Single(s.Terms, t => t.LayerName == "m");
                Assert.Equal(m.Value, throughMax.Value);
                Assert.Equal(3, s.Terms.Count);
            }
            else
            {
                Assert.DoesNotContain(s.Terms, t => t.LayerName == "m");
                Assert.Equal(2, s.Terms.Count);
            }
            string text = s.ToString();
            output.WriteLine(text);
            Assert.Contains($"1/4 · ∂C/∂a(a)_1,1,1 = {Number(0.25)} · {Number(a.Value)} = {Number(a.Value / 4)}", text, StringComparison.Ordinal);
            Assert.Contains($"1/16 · ∂C/∂a(g)_1,0,0 = {Number(0.0625)} · {Number(g.Value)}", text, StringComparison.Ordinal);
            Assert.Contains("through the average pooling 'a'", text, StringComparison.Ordinal);
            Assert.Contains("through the global average pooling 'g'", text, StringComparison.Ordinal);
            if (k == winner)
                Assert.Contains("(the maximum of its window in the max pooling 'm')", text, StringComparison.Ordinal);
        }

        // The dense layer reads [r, g] flattened: r[1,1,1] is column 7, g[1] column 9.
        ActivationSensitivity r = GradientExplanation.ExplainActivation<double>(network, input, target, "r", 7);
        Assert.Equal(2, r.Terms.Count);
        Assert.Equal(network.Parameters[spec.WeightOffset(5) + 7], r.Terms[0].Weight);
        Assert.Contains("∂C/∂a(r)_1,1,1 = Σ_j w(out)_j7 · σ'(z(out)_j) · ∂C/∂a(out)_j, over the 2 neurons of layer out that read a(r)_1,1,1", r.ToString(), StringComparison.Ordinal);
        GradientExplanation weight = GradientExplanation.Explain<double>(network, input, target, "out.w[1,9]");
        Assert.Equal("a(g)_1,0,0", weight.Factors[0].Expression);
        // m's sensitivity reaches m through the sum: its one term.
        ActivationSensitivity mTerm = GradientExplanation.ExplainActivation<double>(network, input, target, "m", 7);
        Assert.Equal("∂C/∂a(r)_1,1,1", Assert.Single(mTerm.Terms).Expression);
    }

    [Fact]
    public void Gradient_health_of_a_convolutional_network()
    {
        NetworkSpec spec = ConvNetworks.Small["small LeNet: conv, pool, conv, pool, dense, dense"]();
        var network = new ReferenceNetwork<double>(spec);
        var random = new Random(9);
        ExplainTestData.Randomize(random, network);
        // Filter 1 of c1 dead on every example: its bias far below anything its 25 weights can add.
        network.Parameters[spec.BiasOffset(0) + 1] = -100;
        const int rows = 6;
        double[] inputs = ExplainTestData.Uniform<double>(random, rows * spec.InputCount, 1);
        double[] targets = Enumerable.Range(0, rows).SelectMany(r => ExplainTestData.Targets<double>(spec, random)).ToArray();

        GradientHealth health = GradientHealth.Measure<double>(network, inputs, targets);
        string table = health.ToString();
        output.WriteLine(table);

        var gradient = new double[spec.ParameterCount];
        for (int r = 0; r < rows; r++)
            network.Backward(inputs.AsSpan(r * spec.InputCount, spec.InputCount), targets.AsSpan(r * spec.OutputCount, spec.OutputCount), gradient);
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            LayerGradientHealth layer = health.Layers[l];
            Assert.Equal(spec.Layers[l].Kind, layer.Kind);
            Assert.Equal(spec.Layers[l].Size, layer.Size);
            int weights = spec.BiasOffset(l) - spec.WeightOffset(l), biases = spec.LayerParameterCount(l) - weights;
            Assert.Equal(Norm(gradient.AsSpan(spec.WeightOffset(l), weights)) / rows, layer.WeightGradientNorm, 12);
            Assert.Equal(Norm(gradient.AsSpan(spec.BiasOffset(l), biases)) / rows, layer.BiasGradientNorm, 12);
            Assert.Equal(spec.LayerParameterCount(l) > 0, layer.HasParameters);
        }
        // c1 is 3×12×12: the 144 positions of filter 1 are dead (and perhaps a few others).
        Assert.Equal(LayerKind.Conv, health.Layers[0].Kind);
        Assert.InRange(health.Layers[0].DeadUnits!.Value, 144, 3 * 144 - 1);
        Assert.Null(health.Layers[1].DeadUnits);
        Assert.Null(health.Layers[1].MeanActivationDerivative);
        Assert.Contains("p1           MaxPool      108", table, StringComparison.Ordinal);
        Assert.Contains("c1           ReLU         432", table, StringComparison.Ordinal);

        static double Norm(ReadOnlySpan<double> values)
        {
            double sum = 0;
            foreach (double v in values) sum += v * v;
            return Math.Sqrt(sum);
        }
    }

    private static (double MaxError, int Checked) Agree<T>(INetwork<T> network, double tolerance, double floor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(20261125);
        double maxError = 0;
        int count = 0, nonZero = 0;
        for (int example = 0; example < 3; example++)
        {
            // Weights in ±2/√fan-in (a convolution reads up to 54 values here, where the dense explanation tests' ±0.8 would
            // give weighted sums of size ~10, whose float rounding is no longer the 1e-8 the float tolerance allows for).
            NetGen.Tests.Generated.Cases.Randomize(random, network);
            T[] input = ExplainTestData.Uniform<T>(random, network.InputCount, 1.5);
            T[] target = ExplainTestData.Targets<T>(network.Spec, random);
            var gradient = new T[network.ParameterCount];
            T cost = network.Backward(input, target, gradient);
            for (int i = 0; i < network.ParameterCount; i++)
            {
                GradientExplanation e = GradientExplanation.Explain(network, input, target, i);
                double expected = double.CreateChecked(gradient[i]);
                // A shared weight's gradient is a sum over positions whose terms partly cancel; the rounding of the sum is
                // that of its terms, so the error is measured against at least Σ|term| (for a dense parameter, its single
                // term: the same measure as GradientExplanationTests).
                double magnitude = e.Terms.Sum(t => Math.Abs(t.Value));
                double error = GradientChecker.RelativeError(e.Gradient, expected, Math.Max(floor, magnitude));
                Assert.True(error <= tolerance, $"{e.ParameterName}: explained {e.Gradient:R}, Backward {expected:R}, relative error {error:E2} > {tolerance:E0}");
                Assert.True(GradientChecker.RelativeError(e.Cost, double.CreateChecked(cost), floor) <= tolerance, $"cost {e.Cost:R} vs {cost}");
                double product = 1, sum = 0;
                foreach (GradientFactor f in e.Factors) product *= f.Value;
                foreach (GradientTerm t in e.Terms) sum += t.Value;
                Assert.Equal(product, e.Gradient);
                Assert.True(GradientChecker.RelativeError(sum, e.Gradient, 1e-15) <= 1e-14, $"{e.ParameterName}: terms sum to {sum:R}, gradient {e.Gradient:R}");
                maxError = Math.Max(maxError, error);
                count++;
                if (Math.Abs(expected) > floor) nonZero++;
            }
        }
        Assert.True(nonZero > count / 4, $"only {nonZero} of {count} gradients exceed {floor}");
        return (maxError, count);
    }

    /// <summary>Four significant digits as the explanations write them: fixed between 0.001 and 100000, whole numbers
    /// without decimals, scientific outside (the rule of ExplainNotation.Number, restated here).</summary>
    private static string Number(double value)
    {
        if (value == 0.0) return "0";
        double abs = Math.Abs(value);
        if (abs < 1e5 && value == Math.Round(value)) return value.ToString("F0", CultureInfo.InvariantCulture);
        if (abs >= 1e-3 && abs < 1e5)
            return value.ToString("F" + Math.Max(0, 3 - (int)Math.Floor(Math.Log10(abs))).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return value.ToString("0.000e+0", CultureInfo.InvariantCulture);
    }

    private static string Product(System.Collections.Generic.IEnumerable<double> values) => string.Join(" · ", values.Select(Number));

    private void Report(string name, (double MaxError, int Checked) result) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {result.Checked} gradients, largest relative error {result.MaxError:E2}"));
}
