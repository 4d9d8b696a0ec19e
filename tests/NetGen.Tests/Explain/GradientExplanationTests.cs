using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Threading;
using Xunit;

namespace NetGen.Tests.Explain;

/// <summary>
/// <see cref="GradientExplanation"/> against the generated networks' <c>Backward</c>: for every parameter of every
/// network the product of the explained factors is the gradient Backward adds, within 1e-9 relative in double and 1e-4
/// in float. The explanation computes in double from the spec and the parameters, independently of the generated code.
/// </summary>
public sealed class GradientExplanationTests
{
    // Relative error |e − g| / max(|e|, |g|, floor). In double both sides round differently (the explanation multiplies
    // a·σ'·∂C/∂a, Backward a·(σ'·∂C/∂a)) and ∂C/∂a sums in a different order, ~1e-16 relative per operation: a floor
    // of 1e-12 keeps exact zeros (a ReLU that is off) and cancellations from reading as large relative errors; the
    // largest error seen is ~5e-12, in ResidualWideD, where the ∂C/∂a of a sum read by 31 terms cancels down to ~2e-4 of
    // them (~5e-14 in the sequential networks). In float the generated code rounds every operation to 24 bits (~6e-8) while the
    // explanation computes in double from the same rounded parameters; the largest error seen is ~2e-6, and a floor of
    // 1e-4 (an absolute 1e-8 near zero) covers the float rounding of gradients close to zero.
    private const double DoubleTolerance = 1e-9, DoubleFloor = 1e-12;
    private const double SingleTolerance = 1e-4, SingleFloor = 1e-4;

    public static readonly IReadOnlyDictionary<string, Func<INetwork<double>>> DoubleNetworks = new Dictionary<string, Func<INetwork<double>>>
    {
        ["ExplainChainD"] = () => new ExplainChainD(),
        ["ExplainSoftmaxCrossEntropyD"] = () => new ExplainSoftmaxCrossEntropyD(),
        ["ExplainSoftmaxSquaredErrorD"] = () => new ExplainSoftmaxSquaredErrorD(),
        ["ExplainWideD"] = () => new ExplainWideD(),
        // Branching networks: sums (skip connections), several outputs, a layer read by three others or twice.
        ["SkipD"] = () => new NetGen.Tests.Generated.SkipD(),
        ["TwoOutputsD"] = () => new NetGen.Tests.Generated.TwoOutputsD(),
        ["ReadByThreeD"] = () => new NetGen.Tests.Generated.ReadByThreeD(),
        ["OutputAlsoReadD"] = () => new NetGen.Tests.Generated.OutputAlsoReadD(),
        ["ReadTwiceD"] = () => new NetGen.Tests.Generated.ReadTwiceD(),
        ["AddOfInputsD"] = () => new NetGen.Tests.Generated.AddOfInputsD(),
        ["ResidualWideD"] = () => new NetGen.Tests.Generated.ResidualWideD(),
        ["TwoInputsD"] = () => new NetGen.Tests.Generated.TwoInputsD(),
    };

    public static readonly IReadOnlyDictionary<string, Func<INetwork<float>>> SingleNetworks = new Dictionary<string, Func<INetwork<float>>>
    {
        ["ExplainChainF"] = () => new ExplainChainF(),
        ["ExplainDeep4F"] = () => new ExplainDeep4F(),
        ["ExplainSoftmaxCrossEntropyF"] = () => new ExplainSoftmaxCrossEntropyF(),
        ["ExplainReluF"] = () => new ExplainReluF(),
    };

    public static TheoryData<string> DoubleNames => new(DoubleNetworks.Keys);

    public static TheoryData<string> SingleNames => new(SingleNetworks.Keys);

    private readonly ITestOutputHelper _output;

    public GradientExplanationTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Product_of_factors_equals_Backward_for_every_parameter_in_double(string name) =>
        Report(name, Agree(DoubleNetworks[name](), DoubleTolerance, DoubleFloor));

    [Theory]
    [MemberData(nameof(SingleNames))]
    public void Product_of_factors_equals_Backward_for_every_parameter_in_float(string name) =>
        Report(name, Agree(SingleNetworks[name](), SingleTolerance, SingleFloor));

    [Fact]
    public void Product_of_factors_equals_the_interpreter_on_a_network_graph()
    {
        // Two inputs, a skip connection, an output (o1, weight 0.5) that another layer reads, and a second output with
        // softmax and cross-entropy: every path of ∂C/∂a the explanation sums, checked against ReferenceNetwork.
        var spec = new NetworkSpec(
            [new InputSpec("x", 3), new InputSpec("u", 2)],
            [
                new LayerSpec("h1", LayerKind.Dense, 4, Activation.Tanh, ["x"]),
                new LayerSpec("h2", LayerKind.Dense, 3, Activation.Sigmoid, ["h1", "u"]),
                new LayerSpec("o1", LayerKind.Dense, 2, Activation.Identity, ["h2", "x"]),
                new LayerSpec("o2", LayerKind.Dense, 3, Activation.Softmax, ["h1", "o1"]),
            ],
            [new OutputSpec("o1", Loss.SquaredError, 0.5), new OutputSpec("o2", Loss.CrossEntropy)],
            Precision.Double);
        Report("graph", Agree(new ReferenceNetwork<double>(spec), DoubleTolerance, DoubleFloor));
    }

    [Fact]
    public void Product_of_factors_equals_the_interpreter_through_sums_of_sums()
    {
        // A sum that reads one layer twice (2·h1), a sum of a sum, a layer and an input that is itself an output, and a
        // dense layer after it: ∂C/∂a(h1) reaches the cost through s1 twice, and through h2 and s2 from there.
        var spec = new NetworkSpec(
            [new InputSpec("x", 3)],
            [
                new LayerSpec("h1", LayerKind.Dense, 3, Activation.Tanh, ["x"]),
                new LayerSpec("s1", LayerKind.Add, 3, Activation.Identity, ["h1", "h1"]),
                new LayerSpec("h2", LayerKind.Dense, 3, Activation.Sigmoid, ["s1"]),
                new LayerSpec("s2", LayerKind.Add, 3, Activation.Identity, ["s1", "h2", "x"]),
                new LayerSpec("out", LayerKind.Dense, 2, Activation.Identity, ["s2"]),
            ],
            [new OutputSpec("s2", Loss.SquaredError, 0.7), new OutputSpec("out", Loss.SquaredError)],
            Precision.Double);
        var network = new ReferenceNetwork<double>(spec);
        Report("sums of sums", Agree(network, DoubleTolerance, DoubleFloor));

        var random = new Random(6);
        ExplainTestData.Randomize(random, network);
        double[] input = ExplainTestData.Uniform<double>(random, network.InputCount, 1.5);
        double[] target = ExplainTestData.Targets<double>(spec, random);
        ActivationSensitivity h1 = GradientExplanation.ExplainActivation<double>(network, input, target, "h1", 1);
        ActivationSensitivity s1 = GradientExplanation.ExplainActivation<double>(network, input, target, "s1", 1);
        Assert.Equal(2, h1.Terms.Count);
        Assert.All(h1.Terms, t => Assert.Equal(s1.Value, t.Value));
        Assert.Equal(2 * s1.Value, h1.Value);
        ActivationSensitivity s2 = GradientExplanation.ExplainActivation<double>(network, input, target, "s2", 1);
        Assert.NotNull(s2.LossTerm);
        Assert.True(GradientChecker.RelativeError(s2.Value, s2.LossTerm!.Value + s2.Terms.Sum(t => t.Value), DoubleFloor) < DoubleTolerance);
        string text = s1.ToString();
        _output.WriteLine(text);
        Assert.Contains("∂C/∂a(s1)_1 = Σ_j w(h2)_j1 · σ'(z(h2)_j) · ∂C/∂a(h2)_j + ∂C/∂a(s2)_1, over the 3 neurons of layer h2 that read a(s1)_1 and through the sum 's2'", text, StringComparison.Ordinal);
        Assert.Contains("∂C/∂a(s2)_1 = 0.7·2(a(s2)_1 − y_1) + Σ_j w(out)_j1", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Names_round_trip_and_give_the_same_explanation(string name)
    {
        INetwork<double> network = DoubleNetworks[name]();
        var random = new Random(11);
        ExplainTestData.Randomize(random, network);
        double[] input = ExplainTestData.Uniform<double>(random, network.InputCount, 1.5);
        double[] target = ExplainTestData.Targets<double>(network.Spec, random);
        for (int i = 0; i < network.ParameterCount; i++)
        {
            string parameterName = network.Spec.ParameterName(i);
            GradientExplanation byIndex = GradientExplanation.Explain(network, input, target, i);
            GradientExplanation byName = GradientExplanation.Explain(network, input, target, parameterName);
            Assert.Equal(parameterName, byIndex.ParameterName);
            Assert.Equal(i, byName.ParameterIndex);
            Assert.Equal(byIndex.Gradient, byName.Gradient);
            Assert.Equal(parameterName.Contains(".b[", StringComparison.Ordinal), byIndex.IsBias);
        }
    }

    [Fact]
    public void Chain_last_weight_prints_the_three_factors_worked_out_by_hand()
    {
        // The 1-1-1-1 chain with chosen parameters, computed here with pencil-and-paper formulas:
        // a1 = σ(w1·x + b1), a2 = σ(w2·a1 + b2), a3 = σ(w3·a2 + b3), C = (a3 − y)².
        var network = new ExplainChainD();
        double[] p = [0.5, 0.1, -1.2, 0.3, 0.8, -0.2]; // w1, b1, w2, b2, w3, b3
        p.CopyTo(network.Parameters);
        const double x = 1.5, y = 1.0;
        double a1 = Sigmoid(p[0] * x + p[1]);
        double a2 = Sigmoid(p[2] * a1 + p[3]);
        double a3 = Sigmoid(p[4] * a2 + p[5]);
        double slope = a3 * (1 - a3), dC_da3 = 2 * (a3 - y);

        GradientExplanation e = GradientExplanation.Explain<double>(network, [x], [y], "layer3.w[0,0]");

        Assert.Equal(3, e.Factors.Count);
        Assert.Equal(a2, e.Factors[0].Value, 15);
        Assert.Equal(slope, e.Factors[1].Value, 15);
        Assert.Equal(dC_da3, e.Factors[2].Value, 15);
        Assert.Equal(a2 * slope * dC_da3, e.Gradient, 15);
        Assert.Equal("w(L)_00", e.Symbol);

        string text = e.ToString();
        _output.WriteLine(text);
        // The symbolic chain of the calculus, then each factor's value to four significant digits (all three lie in
        // [0.1, 1) in absolute value here, so four decimals).
        Assert.Contains("∂C/∂w(L)_00 = ∂z(L)_0/∂w(L)_00 · ∂a(L)_0/∂z(L)_0 · ∂C/∂a(L)_0", text, StringComparison.Ordinal);
        Assert.Contains("a(L−1)_0 · σ'(z(L)_0) · 2(a(L)_0 − y_0)", text, StringComparison.Ordinal);
        Assert.InRange(Math.Abs(a2), 0.1, 1);
        Assert.InRange(Math.Abs(slope), 0.1, 1);
        Assert.InRange(Math.Abs(dC_da3), 0.1, 1);
        string values = string.Join(" · ", new[] { a2, slope, dC_da3 }.Select(v => v.ToString("F4", CultureInfo.InvariantCulture)));
        Assert.Contains(values, text, StringComparison.Ordinal);
        Assert.Contains((a2 * slope * dC_da3).ToString("R", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Chain_first_weight_explains_the_sensitivities_down_to_the_cost()
    {
        var network = new ExplainChainD();
        double[] p = [0.5, 0.1, -1.2, 0.3, 0.8, -0.2];
        p.CopyTo(network.Parameters);
        const double x = 1.5, y = 1.0;
        double a1 = Sigmoid(p[0] * x + p[1]);
        double a2 = Sigmoid(p[2] * a1 + p[3]);
        double a3 = Sigmoid(p[4] * a2 + p[5]);
        // ∂C/∂a2 = w3·σ'(z3)·2(a3 − y) and ∂C/∂a1 = w2·σ'(z2)·∂C/∂a2, the chain rule one neuron at a time.
        double dC_da2 = p[4] * a3 * (1 - a3) * 2 * (a3 - y);
        double dC_da1 = p[2] * a2 * (1 - a2) * dC_da2;

        GradientExplanation e = GradientExplanation.Explain<double>(network, [x], [y], 0);
        Assert.Equal(x, e.Factors[0].Value);
        Assert.Equal(a1 * (1 - a1), e.Factors[1].Value, 15);
        Assert.Equal(dC_da1, e.Factors[2].Value, 15);
        Assert.Single(e.Sensitivity.Terms);
        SensitivityTerm term = e.Sensitivity.Terms[0];
        Assert.Equal(dC_da2, term.DownstreamSensitivity!.Value, 15);
        Assert.Equal(p[2], term.Weight);
        Assert.Equal(a2 * (1 - a2), term.ActivationDerivative!.Value, 15);
        Assert.Equal(dC_da2, term.Next!.Value, 15);

        string text = e.ToString();
        _output.WriteLine(text);
        Assert.Contains("∂C/∂a(L−2)_0 = Σ_j w(L−1)_j0 · σ'(z(L−1)_j) · ∂C/∂a(L−1)_j", text, StringComparison.Ordinal);
        Assert.Contains("∂C/∂a(L−1)_0 = Σ_j w(L)_j0 · σ'(z(L)_j) · ∂C/∂a(L)_j", text, StringComparison.Ordinal);
        Assert.Contains("∂C/∂a(L)_0 = 2(a(L)_0 − y_0)", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Sensitivity_is_its_cost_term_plus_the_sum_of_its_terms(string name)
    {
        INetwork<double> network = DoubleNetworks[name]();
        var random = new Random(5);
        ExplainTestData.Randomize(random, network);
        double[] input = ExplainTestData.Uniform<double>(random, network.InputCount, 1.5);
        double[] target = ExplainTestData.Targets<double>(network.Spec, random);
        foreach (LayerSpec layer in network.Spec.Layers)
        {
            for (int j = 0; j < layer.Size; j++)
            {
                ActivationSensitivity s = GradientExplanation.ExplainActivation(network, input, target, layer.Name, j);
                double sum = (s.LossTerm?.Value ?? 0) + s.Terms.Sum(t => t.Value);
                Assert.True(GradientChecker.RelativeError(s.Value, sum, DoubleFloor) < DoubleTolerance, $"{layer.Name}[{j}]: {s.Value:R} vs {sum:R}");
                foreach (SensitivityTerm t in s.Terms)
                {
                    Assert.Equal(t.IsThroughSoftmax ? t.Weight * t.WeightedSumSensitivity : t.Weight * t.ActivationDerivative!.Value * t.DownstreamSensitivity!.Value, t.Value);
                    if (!t.IsThroughSoftmax)
                        Assert.True(GradientChecker.RelativeError(t.ActivationDerivative!.Value * t.DownstreamSensitivity!.Value, t.WeightedSumSensitivity, DoubleFloor) < DoubleTolerance);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(DoubleNames))]
    public void Input_sensitivity_matches_finite_differences_of_the_generated_cost(string name)
    {
        // ∂C/∂x_k is the sensitivity recursion carried all the way to each input; the generated Backward's cost,
        // differenced in x_k, checks it without using any gradient code. The inputs lie side by side in the flat span.
        INetwork<double> network = DoubleNetworks[name]();
        var random = new Random(3);
        ExplainTestData.Randomize(random, network);
        double[] input = ExplainTestData.Uniform<double>(random, network.InputCount, 1.5);
        double[] target = ExplainTestData.Targets<double>(network.Spec, random);
        var scratch = new double[network.ParameterCount];
        const double h = 1e-5;
        int offset = 0;
        foreach (InputSpec x in network.Spec.Inputs)
        {
            for (int k = 0; k < x.Size; k++)
            {
                ActivationSensitivity s = GradientExplanation.ExplainActivation(network, input, target, x.Name, k);
                int i = offset + k;
                double original = input[i];
                input[i] = original + h;
                double plus = network.Backward(input, target, scratch);
                input[i] = original - h;
                double minus = network.Backward(input, target, scratch);
                input[i] = original;
                double numeric = (plus - minus) / (2 * h);
                Assert.True(GradientChecker.RelativeError(s.Value, numeric, 1e-3) < 1e-6, $"∂C/∂{x.Name}_{k}: explained {s.Value:R}, finite difference {numeric:R}");
            }
            offset += x.Size;
        }
        Assert.Equal(network.InputCount, offset);
    }

    [Fact]
    public void A_skip_connection_adds_the_sums_sensitivity_as_one_term()
    {
        // SkipD: r = h1 + h2, out = identity(r). ∂C/∂a(h1)_j = Σ_i w(h2)_ij · σ'(z(h2)_i) · ∂C/∂a(h2)_i + ∂C/∂a(r)_j.
        INetwork<double> network = new NetGen.Tests.Generated.SkipD();
        var random = new Random(12);
        ExplainTestData.Randomize(random, network);
        double[] input = ExplainTestData.Uniform<double>(random, network.InputCount, 1.5);
        double[] target = ExplainTestData.Targets<double>(network.Spec, random);

        GradientExplanation e = GradientExplanation.Explain<double>(network, input, target, "h1.w[5,2]");
        ActivationSensitivity h1 = e.Sensitivity;
        Assert.Equal(9, h1.Terms.Count);
        Assert.Equal(8, h1.Terms.Count(t => t.LayerName == "h2" && !t.IsThroughSum));
        SensitivityTerm skip = Assert.Single(h1.Terms, t => t.IsThroughSum);
        ActivationSensitivity r = GradientExplanation.ExplainActivation<double>(network, input, target, "r", 5);
        Assert.Equal("r", skip.LayerName);
        Assert.Equal(5, skip.Neuron);
        Assert.Equal(r.Value, skip.Value);
        Assert.Equal(r.Value, skip.Next!.Value);
        Assert.Equal(1.0, skip.Weight);
        Assert.Equal("∂C/∂a(r)_5", skip.Expression);

        // The sum's own sensitivity: the 2 identity neurons of out that read it.
        Assert.Equal(2, r.Terms.Count);
        Assert.True(GradientChecker.RelativeError(r.Value, r.Terms.Sum(t => t.Value), DoubleFloor) < DoubleTolerance);

        // The term through the sum is written out and derived even when the neuron terms are cut short.
        string text = e.ToString(termsShown: 2);
        _output.WriteLine(text);
        Assert.Contains("∂C/∂a(h1)_5 = Σ_j w(h2)_j5 · σ'(z(h2)_j) · ∂C/∂a(h2)_j + ∂C/∂a(r)_5, over the 8 neurons of layer h2 that read a(h1)_5 and through the sum 'r'", text, StringComparison.Ordinal);
        Assert.Contains("(through the sum 'r')", text, StringComparison.Ordinal);
        Assert.Contains("… 6 more terms, summing to ", text, StringComparison.Ordinal);
        Assert.Contains("∂C/∂a(r)_5 = Σ_j w(out)_j5 · σ'(z(out)_j) · ∂C/∂a(out)_j", text, StringComparison.Ordinal);
        Assert.Contains("r (the sum h1 + h2)", text, StringComparison.Ordinal);

        var gradient = new double[network.ParameterCount];
        network.Backward(input, target, gradient);
        Assert.True(GradientChecker.RelativeError(e.Gradient, gradient[e.ParameterIndex], DoubleFloor) < DoubleTolerance);
    }

    [Fact]
    public void Wide_layers_print_the_first_terms_and_count_the_rest_while_the_sum_stays_exact()
    {
        INetwork<double> network = new ExplainWideD();
        var random = new Random(9);
        ExplainTestData.Randomize(random, network);
        double[] input = ExplainTestData.Uniform<double>(random, network.InputCount, 1.5);
        double[] target = ExplainTestData.Targets<double>(network.Spec, random);

        GradientExplanation e = GradientExplanation.Explain<double>(network, input, target, "layer1.w[12,3]");
        Assert.Equal("w(L−2)_12,3", e.Symbol);
        Assert.Equal(16, e.Sensitivity.Terms.Count);
        string text = e.ToString(termsShown: 3);
        _output.WriteLine(text);
        Assert.Contains("… 13 more terms, summing to ", text, StringComparison.Ordinal);
        Assert.Contains("∂C/∂a(L−2)_12 = Σ_j w(L−1)_j,12 · σ'(z(L−1)_j) · ∂C/∂a(L−1)_j, over the 16 neurons of layer L−1", text, StringComparison.Ordinal);

        var gradient = new double[network.ParameterCount];
        network.Backward(input, target, gradient);
        Assert.True(GradientChecker.RelativeError(e.Gradient, gradient[e.ParameterIndex], DoubleFloor) < DoubleTolerance);
    }

    [Fact]
    public void Softmax_layers_explain_one_Jacobian_row()
    {
        INetwork<double> network = new ExplainSoftmaxSquaredErrorD();
        var random = new Random(4);
        ExplainTestData.Randomize(random, network);
        double[] input = ExplainTestData.Uniform<double>(random, network.InputCount, 1.5);
        double[] target = ExplainTestData.Targets<double>(network.Spec, random);
        GradientExplanation e = GradientExplanation.Explain<double>(network, input, target, "layer1.w[1,2]");
        Assert.Equal(2, e.Factors.Count);
        Assert.Equal(input[2], e.Factors[0].Value);
        Assert.Equal("∂C/∂z(L)_1", e.Factors[1].Derivative);
        string text = e.ToString();
        _output.WriteLine(text);
        Assert.Contains("∂C/∂z(L)_1 = Σ_i ∂C/∂a(L)_i · a(L)_i(δ_i1 − a(L)_1), over the 3 neurons of the softmax layer L", text, StringComparison.Ordinal);

        INetwork<double> crossEntropy = new ExplainSoftmaxCrossEntropyD();
        ExplainTestData.Randomize(random, crossEntropy);
        input = ExplainTestData.Uniform<double>(random, crossEntropy.InputCount, 1.5);
        target = ExplainTestData.Targets<double>(crossEntropy.Spec, random);
        GradientExplanation ce = GradientExplanation.Explain<double>(crossEntropy, input, target, "layer3.b[2]");
        var forward = new double[3];
        crossEntropy.Forward(input, forward);
        Assert.Equal("a(L)_2 − y_2", ce.Factors[1].Expression);
        Assert.Equal(forward[2] - target[2], ce.Factors[1].Value, 14);
    }

    [Fact]
    public void Text_is_the_same_in_every_culture()
    {
        INetwork<double> network = new ExplainWideD();
        var random = new Random(2);
        ExplainTestData.Randomize(random, network);
        double[] input = ExplainTestData.Uniform<double>(random, network.InputCount, 1.5);
        double[] target = ExplainTestData.Targets<double>(network.Spec, random);
        CultureInfo before = Thread.CurrentThread.CurrentCulture;
        string invariant, german;
        try
        {
            Thread.CurrentThread.CurrentCulture = CultureInfo.InvariantCulture;
            invariant = GradientExplanation.Explain<double>(network, input, target, 7).ToString();
            Thread.CurrentThread.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            german = GradientExplanation.Explain<double>(network, input, target, 7).ToString();
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = before;
        }
        Assert.Equal(invariant, german);
    }

    [Fact]
    public void Bad_arguments_name_the_argument_and_what_was_expected()
    {
        var network = new ExplainChainD();
        double[] input = [1.0], target = [0.0];
        var index = Assert.Throws<ArgumentOutOfRangeException>(() => GradientExplanation.Explain<double>(network, input, target, 6));
        Assert.Equal("parameterIndex", index.ParamName);
        Assert.Contains("[0, 6)", index.Message, StringComparison.Ordinal);
        var name = Assert.Throws<ArgumentException>(() => GradientExplanation.Explain<double>(network, input, target, "layer4.w[0,0]"));
        Assert.Equal("parameterName", name.ParamName);
        Assert.Contains("layer4.w[0,0]", name.Message, StringComparison.Ordinal);
        var length = Assert.Throws<ArgumentException>(() => GradientExplanation.Explain<double>(network, [1.0, 2.0], target, 0));
        Assert.Equal("input", length.ParamName);
        Assert.Contains("expected 1", length.Message, StringComparison.Ordinal);
        var layer = Assert.Throws<ArgumentException>(() => GradientExplanation.ExplainActivation<double>(network, input, target, "hidden", 0));
        Assert.Equal("layerName", layer.ParamName);
        Assert.Contains("layer1", layer.Message, StringComparison.Ordinal);
        var neuron = Assert.Throws<ArgumentOutOfRangeException>(() => GradientExplanation.ExplainActivation<double>(network, input, target, "layer2", 1));
        Assert.Equal("neuron", neuron.ParamName);
        Assert.Contains("[0, 1)", neuron.Message, StringComparison.Ordinal);
    }

    /// <summary>Explains every parameter on several random examples and compares with Backward; returns the largest relative error.</summary>
    private static (double MaxError, int Checked, int NonZero) Agree<T>(INetwork<T> network, double tolerance, double floor)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(20261125);
        double maxError = 0;
        int count = 0, nonZero = 0;
        for (int example = 0; example < 4; example++)
        {
            ExplainTestData.Randomize(random, network);
            T[] input = ExplainTestData.Uniform<T>(random, network.InputCount, 1.5);
            T[] target = ExplainTestData.Targets<T>(network.Spec, random);
            var gradient = new T[network.ParameterCount];
            T cost = network.Backward(input, target, gradient);
            for (int i = 0; i < network.ParameterCount; i++)
            {
                GradientExplanation e = GradientExplanation.Explain(network, input, target, i);
                double expected = double.CreateChecked(gradient[i]);
                double error = GradientChecker.RelativeError(e.Gradient, expected, floor);
                Assert.True(error <= tolerance,
                    $"{e.ParameterName}: explained {e.Gradient:R}, Backward {expected:R}, relative error {error:E2} > {tolerance:E0}");
                Assert.True(GradientChecker.RelativeError(e.Cost, double.CreateChecked(cost), floor) <= tolerance, $"cost {e.Cost:R} vs {cost}");
                double product = 1;
                foreach (GradientFactor f in e.Factors) product *= f.Value;
                Assert.Equal(product, e.Gradient);
                maxError = Math.Max(maxError, error);
                count++;
                if (Math.Abs(expected) > floor) nonZero++;
            }
        }
        // The agreement means something only if many gradients are clearly not zero.
        Assert.True(nonZero > count / 4, $"only {nonZero} of {count} gradients exceed {floor}");
        return (maxError, count, nonZero);
    }

    private void Report(string name, (double MaxError, int Checked, int NonZero) result) =>
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {result.Checked} gradients ({result.NonZero} above the floor), largest relative error {result.MaxError:E2}"));

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
