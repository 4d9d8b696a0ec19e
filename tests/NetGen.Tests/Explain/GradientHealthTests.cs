using System;
using System.Linq;
using System.Numerics;
using Xunit;

namespace NetGen.Tests.Explain;

/// <summary><see cref="GradientHealth"/>: norms recomputed from Backward by hand, dead and saturated units forced by the biases.</summary>
public sealed class GradientHealthTests
{
    private const int Rows = 16;

    [Fact]
    public void Norms_equal_those_of_the_batch_mean_gradient_from_Backward()
    {
        INetwork<double> network = new HealthD();
        (double[] inputs, double[] targets) = Batch<double>(network, seed: 1);
        GradientHealth health = GradientHealth.Measure<double>(network, inputs, targets);
        CheckNorms(network, inputs, targets, health, 1e-12);
    }

    [Fact]
    public void Norms_equal_those_of_the_batch_mean_gradient_from_Backward_in_float()
    {
        INetwork<float> network = new ExplainDeep4F();
        (float[] inputs, float[] targets) = Batch<float>(network, seed: 2);
        GradientHealth health = GradientHealth.Measure<float>(network, inputs, targets);
        CheckNorms(network, inputs, targets, health, 1e-6);
    }

    [Fact]
    public void Mean_activation_sensitivity_matches_Backward_where_it_can_be_read_off()
    {
        // For the identity layer a = z, so ∂C/∂a_j = ∂C/∂z_j = ∂C/∂b_j: Backward's bias gradient of one example.
        // For the tanh output layer ∂C/∂a_j = 2(a_j − y_j), from Forward's output.
        INetwork<double> network = new HealthD();
        (double[] inputs, double[] targets) = Batch<double>(network, seed: 3);
        GradientHealth health = GradientHealth.Measure<double>(network, inputs, targets);

        NetworkSpec spec = network.Spec;
        int identity = spec.IndexOfLayer("layer2"), output = spec.IndexOfLayer("layer4");
        double identitySum = 0, outputSum = 0;
        var y = new double[network.OutputCount];
        for (int r = 0; r < Rows; r++)
        {
            var gradient = new double[network.ParameterCount];
            ReadOnlySpan<double> input = inputs.AsSpan(r * network.InputCount, network.InputCount);
            ReadOnlySpan<double> target = targets.AsSpan(r * network.OutputCount, network.OutputCount);
            network.Backward(input, target, gradient);
            identitySum += gradient.AsSpan(spec.BiasOffset(identity), spec.Layers[identity].Size).ToArray().Sum(Math.Abs);
            network.Forward(input, y);
            for (int j = 0; j < y.Length; j++) outputSum += Math.Abs(2 * (y[j] - target[j]));
        }
        Assert.Equal(identitySum / (Rows * 4), health.Layers[identity].MeanActivationSensitivity, 1e-12);
        Assert.Equal(outputSum / (Rows * 2), health.Layers[output].MeanActivationSensitivity, 1e-12);
        Assert.True(health.Layers[identity].MeanActivationSensitivity > 1e-3);
    }

    [Fact]
    public void Very_negative_ReLU_biases_make_every_unit_dead_and_their_gradients_zero()
    {
        INetwork<double> network = new HealthD();
        (double[] inputs, double[] targets) = Batch<double>(network, seed: 4);
        SetBiases(network, "layer1", -100);
        GradientHealth health = GradientHealth.Measure<double>(network, inputs, targets);
        LayerGradientHealth relu = health.Layers[0];
        Assert.Equal(6, relu.DeadUnits);
        Assert.Equal(1.0, relu.DeadShare);
        Assert.Equal(0.0, relu.GradientNorm);
        Assert.Equal(0.0, relu.MeanActivationDerivative);
        // The layers after a dead layer see a constant input and still learn their biases.
        Assert.True(health.Layers[1].BiasGradientNorm > 0);

        SetBiases(network, "layer1", 100);
        LayerGradientHealth healthy = GradientHealth.Measure<double>(network, inputs, targets).Layers[0];
        Assert.Equal(0, healthy.DeadUnits);
        Assert.Equal(1.0, healthy.MeanActivationDerivative);
        Assert.True(healthy.GradientNorm > 0);
    }

    [Fact]
    public void One_dead_unit_of_six_is_a_sixth()
    {
        INetwork<double> network = new HealthD();
        (double[] inputs, double[] targets) = Batch<double>(network, seed: 5);
        SetBiases(network, "layer1", 100);
        network.Parameters[network.Spec.BiasOffset(0) + 3] = -100;
        LayerGradientHealth relu = GradientHealth.Measure<double>(network, inputs, targets).Layers[0];
        Assert.Equal(1, relu.DeadUnits);
        Assert.Equal(1.0 / 6, relu.DeadShare);
    }

    [Fact]
    public void Large_sigmoid_and_tanh_biases_saturate_their_units()
    {
        INetwork<double> network = new HealthD();
        (double[] inputs, double[] targets) = Batch<double>(network, seed: 6);
        GradientHealth before = GradientHealth.Measure<double>(network, inputs, targets);
        Assert.Equal(0, before.Layers[2].SaturatedUnits);
        Assert.Null(before.Layers[0].SaturatedUnits);
        Assert.Null(before.Layers[2].DeadUnits);
        Assert.InRange(before.Layers[2].MeanActivationDerivative!.Value, 0.0, 0.25);

        // σ(±30) and tanh(±30): slopes of ~1e-13 and ~1e-26, far below 0.01, whatever the inputs add.
        SetBiases(network, "layer3", 30);
        network.Parameters[network.Spec.BiasOffset(2) + 1] = -30;
        SetBiases(network, "layer4", -30);
        GradientHealth after = GradientHealth.Measure<double>(network, inputs, targets);
        Assert.Equal(5, after.Layers[2].SaturatedUnits);
        Assert.Equal(1.0, after.Layers[3].SaturatedShare);
        Assert.True(after.Layers[2].MeanActivationDerivative < 1e-10);
        // Saturation at the top starves every layer below: the first layer's gradient all but vanishes.
        Assert.True(after.Layers[0].GradientNorm < 1e-9 * before.Layers[0].GradientNorm);
    }

    [Fact]
    public void A_sum_reports_its_sensitivity_and_no_parameters_and_the_layers_around_it_keep_their_norms()
    {
        // SkipD: h1 (tanh) → h2 (ReLU), r = h1 + h2, out = identity(r). The sum r has no parameters and no activation.
        INetwork<double> network = new NetGen.Tests.Generated.SkipD();
        (double[] inputs, double[] targets) = Batch<double>(network, seed: 8);
        GradientHealth health = GradientHealth.Measure<double>(network, inputs, targets);
        CheckNorms(network, inputs, targets, health, 1e-12);

        NetworkSpec spec = network.Spec;
        int h2 = spec.IndexOfLayer("h2"), r = spec.IndexOfLayer("r"), output = spec.IndexOfLayer("out");
        Assert.Equal(spec.Layers.Count, health.Layers.Count);
        LayerGradientHealth sum = health.Layers[r];
        Assert.Equal("r", sum.LayerName);
        Assert.Equal(LayerKind.Add, sum.Kind);
        Assert.False(sum.HasParameters);
        Assert.Equal(0.0, sum.GradientNorm);
        Assert.Null(sum.MeanActivationDerivative);
        Assert.Null(sum.DeadUnits);
        Assert.Null(sum.SaturatedUnits);
        Assert.All(health.Layers.Where(l => l.LayerName != "r"), l => Assert.True(l.HasParameters));

        // ∂C/∂a(r)_k = Σ_j w(out)_jk · ∂C/∂z(out)_j, and for the identity output ∂C/∂z(out)_j is Backward's bias gradient.
        int fanIn = spec.FanIn(output), outputs = spec.Layers[output].Size;
        double sensitivitySum = 0;
        for (int row = 0; row < Rows; row++)
        {
            var gradient = new double[network.ParameterCount];
            network.Backward(inputs.AsSpan(row * network.InputCount, network.InputCount), targets.AsSpan(row * network.OutputCount, network.OutputCount), gradient);
            for (int k = 0; k < fanIn; k++)
            {
                double dC_da = 0;
                for (int j = 0; j < outputs; j++)
                    dC_da += network.Parameters[spec.WeightOffset(output) + j * fanIn + k] * gradient[spec.BiasOffset(output) + j];
                sensitivitySum += Math.Abs(dC_da);
            }
        }
        Assert.True(sum.MeanActivationSensitivity > 1e-3);
        Assert.True(GradientChecker.RelativeError(sensitivitySum / (Rows * fanIn), sum.MeanActivationSensitivity, 1e-12) < 1e-12,
            $"mean |∂C/∂a(r)|: {sensitivitySum / (Rows * fanIn):R} from Backward, {sum.MeanActivationSensitivity:R} reported");
        // h2 is read by the sum alone, which passes ∂C/∂a on unchanged.
        Assert.Equal(sum.MeanActivationSensitivity, health.Layers[h2].MeanActivationSensitivity);

        string table = health.ToString();
        Assert.Contains("r            Add", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_lists_every_layer_and_bad_arguments_are_named()
    {
        INetwork<double> network = new HealthD();
        (double[] inputs, double[] targets) = Batch<double>(network, seed: 7);
        string table = GradientHealth.Measure<double>(network, inputs, targets).ToString();
        foreach (LayerSpec layer in network.Spec.Layers) Assert.Contains(layer.Name, table, StringComparison.Ordinal);

        var threshold = Assert.Throws<ArgumentOutOfRangeException>(() => GradientHealth.Measure<double>(network, inputs, targets, 0));
        Assert.Equal("saturationThreshold", threshold.ParamName);
        var empty = Assert.Throws<ArgumentException>(() => GradientHealth.Measure<double>(network, [], []));
        Assert.Equal("inputs", empty.ParamName);
        var rows = Assert.Throws<ArgumentException>(() => GradientHealth.Measure<double>(network, inputs, targets.AsSpan(0, 4)));
        Assert.Equal("targets", rows.ParamName);
    }

    private static void CheckNorms<T>(INetwork<T> network, T[] inputs, T[] targets, GradientHealth health, double tolerance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The gradient of the mean cost, by hand: each example's Backward, summed, divided by the batch size.
        var sum = new double[network.ParameterCount];
        double cost = 0;
        for (int r = 0; r < Rows; r++)
        {
            var gradient = new T[network.ParameterCount];
            cost += double.CreateChecked(network.Backward(inputs.AsSpan(r * network.InputCount, network.InputCount),
                targets.AsSpan(r * network.OutputCount, network.OutputCount), gradient));
            for (int i = 0; i < sum.Length; i++) sum[i] += double.CreateChecked(gradient[i]);
        }
        NetworkSpec spec = network.Spec;
        Assert.Equal(Rows, health.Examples);
        Assert.Equal(cost / Rows, health.MeanCost, tolerance);
        for (int l = 0; l < spec.Layers.Count; l++)
        {
            Assert.Equal(spec.Layers[l].Name, health.Layers[l].LayerName);
            if (spec.LayerParameterCount(l) == 0) continue; // a sum: nothing to compare
            double w = Math.Sqrt(sum.Skip(spec.WeightOffset(l)).Take(spec.Layers[l].Size * spec.FanIn(l)).Sum(g => (g / Rows) * (g / Rows)));
            double b = Math.Sqrt(sum.Skip(spec.BiasOffset(l)).Take(spec.Layers[l].Size).Sum(g => (g / Rows) * (g / Rows)));
            LayerGradientHealth layer = health.Layers[l];
            Assert.True(w > 0 && b > 0, $"{layer.LayerName}: a zero norm makes the check meaningless");
            Assert.True(GradientChecker.RelativeError(w, layer.WeightGradientNorm, 1e-12) < tolerance, $"{layer.LayerName} ‖∂C/∂w‖: {w:R} vs {layer.WeightGradientNorm:R}");
            Assert.True(GradientChecker.RelativeError(b, layer.BiasGradientNorm, 1e-12) < tolerance, $"{layer.LayerName} ‖∂C/∂b‖: {b:R} vs {layer.BiasGradientNorm:R}");
            Assert.True(GradientChecker.RelativeError(Math.Sqrt(w * w + b * b), layer.GradientNorm, 1e-12) < tolerance);
            Assert.Equal(spec.Layers[l].Name, layer.LayerName);
            Assert.Equal(l + 1, layer.Number);
        }
    }

    private static (T[] Inputs, T[] Targets) Batch<T>(INetwork<T> network, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        ExplainTestData.Randomize(random, network);
        T[] inputs = ExplainTestData.Uniform<T>(random, Rows * network.InputCount, 1.5);
        T[] targets = Enumerable.Range(0, Rows).SelectMany(_ => ExplainTestData.Targets<T>(network.Spec, random)).ToArray();
        return (inputs, targets);
    }

    private static void SetBiases(INetwork<double> network, string layerName, double value)
    {
        int l = network.Spec.IndexOfLayer(layerName);
        network.Parameters.Slice(network.Spec.BiasOffset(l), network.Spec.Layers[l].Size).Fill(value);
    }
}
