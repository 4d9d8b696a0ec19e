using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using NetGen.Calculus;

namespace NetGen;

/// <summary>
/// How well gradients flow through a network over one batch: per layer the size of the gradient (the L2 norm of the
/// batch-mean ∂C/∂w and ∂C/∂b), the mean |∂C/∂a| of its neurons, the mean slope σ'(z) of its activation, the ReLU units
/// that are dead and the sigmoid/tanh units that are saturated. Read it to see gradients vanish: in a deep sigmoid
/// network each layer multiplies ∂C/∂a by w · σ'(z) with σ' ≤ 0.25, so the first layers' norms are orders of magnitude
/// smaller than the last layers'. A sum (an <see cref="LayerKind.Add"/> layer) or a pooling has no parameters and no
/// activation: its entry reports only its mean |∂C/∂a| (see <see cref="LayerGradientHealth.HasParameters"/>). In a
/// convolution every output position of every filter counts as a unit: the dead share of a ReLU convolution is over all
/// of them, and its norms are over its shared kernel weights and its filters' biases.
/// </summary>
/// <remarks>
/// The gradients come from the network's own <see cref="INetwork{T}.Backward"/>; the activations, slopes and ∂C/∂a come
/// from a forward and backward pass in <see cref="double"/> over <see cref="INetwork{T}.Spec"/> and
/// <see cref="INetwork{T}.Parameters"/> (the same one <see cref="GradientExplanation"/> uses). Nothing is changed: the
/// parameters are only read.
/// <para>Thread safety: a report is immutable and may be read from any number of threads. Measure calls the network's
/// Backward, so it uses the network like Backward does: nothing else may use that network during the call; networks of
/// their own may be measured on different threads at once.</para>
/// </remarks>
public sealed class GradientHealth
{
    /// <summary>
    /// The slope below which a sigmoid or tanh unit counts as saturated: σ'(z) &lt; 0.01, which is a(1 − a) &lt; 0.01
    /// (|z| &gt; 4.6, a within 0.0102 of 0 or 1) for the logistic function and 1 − a² &lt; 0.01 (|z| &gt; 3.0) for tanh. A
    /// gradient that passes through such a unit shrinks at least 25-fold more than through the logistic's steepest point.
    /// </summary>
    public const double DefaultSaturationThreshold = 0.01;

    private GradientHealth(int examples, double meanCost, double saturationThreshold, LayerGradientHealth[] layers)
    {
        Examples = examples;
        MeanCost = meanCost;
        SaturationThreshold = saturationThreshold;
        Layers = layers;
    }

    /// <summary>The number of examples in the batch.</summary>
    public int Examples { get; }

    /// <summary>The mean cost of the batch, as <see cref="INetwork{T}.Backward"/> returns it.</summary>
    public double MeanCost { get; }

    /// <summary>The slope σ'(z) below which a sigmoid or tanh unit counted as saturated.</summary>
    public double SaturationThreshold { get; }

    /// <summary>One entry per layer, in declaration order (the first hidden layer first, the output layer last), sums
    /// included, so that <c>Layers[l]</c> is <c>Spec.Layers[l]</c>.</summary>
    public IReadOnlyList<LayerGradientHealth> Layers { get; }

    /// <summary>
    /// Measures the gradient health of <paramref name="network"/> over a batch of examples, at its current parameters.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">Any network: generated, or a <see cref="ReferenceNetwork{T}"/>.</param>
    /// <param name="inputs">Rows of <see cref="INetwork{T}.InputCount"/> inputs, one per example.</param>
    /// <param name="targets">Rows of <see cref="INetwork{T}.OutputCount"/> targets, as many rows as <paramref name="inputs"/>.</param>
    /// <param name="saturationThreshold">The slope below which a sigmoid or tanh unit counts as saturated; see
    /// <see cref="DefaultSaturationThreshold"/>.</param>
    /// <returns>The per-layer report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">The batch is empty, or its spans do not hold the same number of whole rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="saturationThreshold"/> is not in (0, 1].</exception>
    public static GradientHealth Measure<T>(INetwork<T> network, ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets,
        double saturationThreshold = DefaultSaturationThreshold)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(saturationThreshold > 0.0 && saturationThreshold <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(saturationThreshold), saturationThreshold,
                string.Create(CultureInfo.InvariantCulture, $"saturationThreshold is {saturationThreshold}; expected a slope in (0, 1], for example {DefaultSaturationThreshold}."));
        NetworkSpec spec = network.Spec;
        int rows = NetworkGuard.CheckBatch(inputs.Length, targets.Length, spec.InputCount, spec.OutputCount);
        int inputCount = spec.InputCount, outputCount = spec.OutputCount, layerCount = spec.Layers.Count;

        // The gradient of the mean cost: Backward adds each example's ∂C/∂θ, then divide by the number of examples.
        var gradient = new T[spec.ParameterCount];
        double cost = 0.0;
        for (int r = 0; r < rows; r++)
            cost += double.CreateChecked(network.Backward(inputs.Slice(r * inputCount, inputCount), targets.Slice(r * outputCount, outputCount), gradient));

        // Activations, slopes and ∂C/∂a per example from the spec, in double.
        double[] parameters = SpecEvaluation.ToDouble<T>(network.Parameters);
        var sensitivity = new double[layerCount];
        var slope = new double[layerCount];
        var alive = new bool[layerCount][];          // ReLU: z > 0 on at least one example
        var unsaturated = new bool[layerCount][];    // sigmoid/tanh: σ' ≥ threshold on at least one example
        for (int l = 0; l < layerCount; l++)
        {
            alive[l] = new bool[spec.Layers[l].Size];
            unsaturated[l] = new bool[spec.Layers[l].Size];
        }
        for (int r = 0; r < rows; r++)
        {
            SpecEvaluation e = SpecEvaluation.Run(spec, parameters,
                SpecEvaluation.ToDouble(inputs.Slice(r * inputCount, inputCount)),
                SpecEvaluation.ToDouble(targets.Slice(r * outputCount, outputCount)));
            for (int l = 0; l < layerCount; l++)
            {
                LayerSpec layer = spec.Layers[l];
                int node = e.NodeOfLayer(l);
                for (int j = 0; j < layer.Size; j++)
                {
                    double z = e.Z[node][j], a = e.A[node][j];
                    sensitivity[l] += Math.Abs(e.DC_dA[node][j]);
                    ActivationFunction function = e.Functions[l];
                    if (!e.Rules[l].HasActivation || !function.IsElementWise) continue;
                    double s = function.Derivative(z, a);
                    slope[l] += s;
                    if (z > 0.0) alive[l][j] = true;
                    if (s >= saturationThreshold) unsaturated[l][j] = true;
                }
            }
        }

        var layers = new LayerGradientHealth[layerCount];
        for (int l = 0; l < layerCount; l++)
        {
            LayerSpec layer = spec.Layers[l];
            double samples = (double)rows * layer.Size;
            if (spec.LayerParameterCount(l) == 0)
            {
                // A sum or a pooling: no weights, no biases, no activation; only how strongly the cost depends on it.
                layers[l] = new LayerGradientHealth(layer.Name, l + 1, layer.Activation, layer.Size, 0.0, 0.0, 0.0,
                    sensitivity[l] / samples, null, null, null)
                { Kind = layer.Kind };
                continue;
            }
            // Each output counts as a unit: a dense layer's neurons, every position of every filter of a convolution.
            ActivationFunction function = ActivationFunction.Of(layer);
            int weights = spec.BiasOffset(l) - spec.WeightOffset(l);
            int biases = spec.LayerParameterCount(l) - weights;
            double weightNorm = MeanNorm(gradient.AsSpan(spec.WeightOffset(l), weights), rows);
            double biasNorm = MeanNorm(gradient.AsSpan(spec.BiasOffset(l), biases), rows);
            int? dead = function.CanDie ? Count(alive[l], false) : null;
            int? saturated = function.CanSaturate ? Count(unsaturated[l], false) : null;
            layers[l] = new LayerGradientHealth(layer.Name, l + 1, layer.Activation, layer.Size,
                weightNorm, biasNorm, Math.Sqrt(weightNorm * weightNorm + biasNorm * biasNorm),
                sensitivity[l] / samples,
                function.IsElementWise ? slope[l] / samples : null,
                dead, saturated)
            { Kind = layer.Kind };
        }
        return new GradientHealth(rows, cost / rows, saturationThreshold, layers);

        static double MeanNorm(ReadOnlySpan<T> sums, int count)
        {
            double total = 0.0;
            foreach (T value in sums)
            {
                double mean = double.CreateChecked(value) / count;
                total += mean * mean;
            }
            return Math.Sqrt(total);
        }

        static int Count(bool[] flags, bool value)
        {
            int n = 0;
            foreach (bool flag in flags) if (flag == value) n++;
            return n;
        }
    }

    /// <summary>A table, one row per layer: the gradient norms, mean |∂C/∂a|, mean σ', dead and saturated units (a sum shows
    /// "Add" and only its mean |∂C/∂a|). Culture-free.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Gradient health over {Examples} examples (mean cost {MeanCost:G6}); saturated means σ' < {SaturationThreshold:G3} on every example, dead means z ≤ 0 on every example.").AppendLine();
        text.AppendLine("layer        activation  size    ‖∂C/∂w‖      ‖∂C/∂b‖    mean|∂C/∂a|   mean σ'   dead  saturated");
        foreach (LayerGradientHealth layer in Layers)
        {
            string kind = layer.HasParameters ? layer.Activation.ToString() : layer.Kind.ToString();
            text.Append(CultureInfo.InvariantCulture,
                $"{layer.LayerName,-12} {kind,-10} {layer.Size,5}  {Norm(layer, layer.WeightGradientNorm),11}  {Norm(layer, layer.BiasGradientNorm),11}  {layer.MeanActivationSensitivity,11:E3}  {(layer.MeanActivationDerivative is double s ? s.ToString("F4", CultureInfo.InvariantCulture) : "-"),8}  {Share(layer.DeadUnits, layer.Size),5}  {Share(layer.SaturatedUnits, layer.Size),9}")
                .AppendLine();
        }
        return text.ToString().TrimEnd();

        static string Norm(LayerGradientHealth layer, double norm) =>
            layer.HasParameters ? norm.ToString("E3", CultureInfo.InvariantCulture) : "-";

        static string Share(int? count, int size) =>
            count is int n ? string.Create(CultureInfo.InvariantCulture, $"{100.0 * n / size:F0}%") : "-";
    }
}

/// <summary>The gradient health of one layer over a batch (see <see cref="GradientHealth"/>). For a sum (an
/// <see cref="LayerKind.Add"/> layer) or a pooling (<see cref="HasParameters"/> false) only
/// <see cref="MeanActivationSensitivity"/> is measured: the norms are those of its empty parameter set, 0, and the
/// activation's figures are null.</summary>
/// <param name="LayerName">The layer's name.</param>
/// <param name="Number">The layer's number, 1 for the first layer after the input.</param>
/// <param name="Activation">The layer's activation (a sum has none; this is then the spec's value, Identity in generated
/// networks).</param>
/// <param name="Size">The number of neurons (of a convolution or pooling: output values, channels × height × width).</param>
/// <param name="WeightGradientNorm">‖∂C/∂w‖₂ over the layer's weights, of the gradient averaged over the batch (the one a
/// gradient-descent step on the batch uses).</param>
/// <param name="BiasGradientNorm">‖∂C/∂b‖₂ over the layer's biases, averaged over the batch likewise.</param>
/// <param name="GradientNorm">The norm of weights and biases together, √(‖∂C/∂w‖² + ‖∂C/∂b‖²).</param>
/// <param name="MeanActivationSensitivity">The mean over the batch and the layer's neurons of |∂C/∂a|.</param>
/// <param name="MeanActivationDerivative">The mean over the batch and the layer's neurons of σ'(z); null for softmax, whose
/// slope is a Jacobian, and for a sum, which has no activation.</param>
/// <param name="DeadUnits">For a ReLU layer, the neurons with z ≤ 0 on every example of the batch (their gradient is zero
/// throughout); null for other activations and for a sum.</param>
/// <param name="SaturatedUnits">For a sigmoid or tanh layer, the neurons whose slope σ'(z) is below
/// <see cref="GradientHealth.SaturationThreshold"/> on every example of the batch; null for other activations and for a sum.</param>
/// <remarks>Thread safety: immutable; every member may be used from any number of threads at once.</remarks>
public sealed record LayerGradientHealth(
    string LayerName,
    int Number,
    Activation Activation,
    int Size,
    double WeightGradientNorm,
    double BiasGradientNorm,
    double GradientNorm,
    double MeanActivationSensitivity,
    double? MeanActivationDerivative,
    int? DeadUnits,
    int? SaturatedUnits)
{
    /// <summary>What the layer computes: <see cref="LayerKind.Dense"/>, <see cref="LayerKind.Conv"/>, or a kind without
    /// parameters (a sum, a pooling).</summary>
    public LayerKind Kind { get; init; } = LayerKind.Dense;

    /// <summary>True for a dense layer or a convolution; false for a sum or a pooling, which have no weights or biases (their
    /// norms are 0 and mean nothing).</summary>
    public bool HasParameters => Kind is LayerKind.Dense or LayerKind.Conv;

    /// <summary>The share of dead ReLU units, 0 to 1; null for other activations.</summary>
    public double? DeadShare => DeadUnits is int n ? (double)n / Size : null;

    /// <summary>The share of saturated sigmoid or tanh units, 0 to 1; null for other activations.</summary>
    public double? SaturatedShare => SaturatedUnits is int n ? (double)n / Size : null;
}
