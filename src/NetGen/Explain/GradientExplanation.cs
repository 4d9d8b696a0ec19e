using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace NetGen;

/// <summary>
/// The derivative ∂C/∂θ of one example's cost with respect to one weight or bias, as the chain of factors that produces
/// it, each with its symbolic form and its value. For a weight of layer l, neuron j, input k:
/// <c>∂C/∂w(l)_jk = ∂z(l)_j/∂w(l)_jk · ∂a(l)_j/∂z(l)_j · ∂C/∂a(l)_j = a(l−1)_k · σ'(z(l)_j) · ∂C/∂a(l)_j</c>, where
/// ∂C/∂a is the loss's <c>2(a(L)_j − y_j)</c> for the output layer and, for an earlier layer, the sum over the neurons it
/// feeds of w · σ' · ∂C/∂a (<see cref="Sensitivity"/>), recursively to the output. A bias has ∂z/∂b = 1. A sum r (an
/// <see cref="LayerKind.Add"/> layer, a skip connection) that reads a(l)_j adds the term ∂C/∂a(r)_j, since
/// ∂a(r)_j/∂a(l)_j = 1; it has no parameters of its own to explain.
/// </summary>
/// <remarks>
/// <para>The numbers come from a forward and backward pass in <see cref="double"/> over the network's
/// <see cref="INetwork{T}.Spec"/> and <see cref="INetwork{T}.Parameters"/>, written independently of the generated code,
/// so the product of the factors (<see cref="Gradient"/>) is a check on what <see cref="INetwork{T}.Backward"/> returns.</para>
/// <para>For a softmax layer the activation's factor and the cost's merge into one row of the Jacobian:
/// <c>∂C/∂z(L)_j = Σ_i ∂C/∂a(L)_i · a(L)_i(δ_ij − a(L)_j)</c>; with cross-entropy it collapses to
/// <c>a(L)_j·Σ_i y_i − y_j</c>, written <c>a(L)_j − y_j</c> when the targets sum to 1 (one-hot or a probability
/// distribution).</para>
/// <para>Notation: in a sequential network layers are counted back from the output layer L (L−1 is the layer before it,
/// and the input is a(L−n) for n layers); in a network graph they are numbered 1, 2, ... in declaration order.
/// <see cref="ToString()"/> writes numbers with four significant digits in the invariant culture; the properties hold the
/// exact values.</para>
/// <para>Thread safety: an explanation is immutable once made and may be read from any number of threads. Explain only
/// reads the network's Spec and Parameters, so explanations of one network may be made on several threads at once, but
/// not while the network is being trained or its parameters written.</para>
/// </remarks>
/// <example>
/// <code>
/// var net = new ChainNet();
/// GradientExplanation e = GradientExplanation.Explain&lt;double&gt;(net, [1.0], [0.0], "layer3.w[0,0]");
/// Console.WriteLine(e);          // the derivation
/// double g = e.Gradient;         // equals the gradient Backward adds for Parameters[e.ParameterIndex]
/// </code>
/// </example>
public sealed class GradientExplanation
{
    private readonly SpecEvaluation _evaluation;
    private readonly ExplainNotation _notation;
    private readonly int _node;
    private readonly GradientFactor[] _factors;

    private GradientExplanation(SpecEvaluation evaluation, int parameterIndex)
    {
        _evaluation = evaluation;
        _notation = new ExplainNotation(evaluation.Spec);
        NetworkSpec spec = evaluation.Spec;
        ParameterIndex = parameterIndex;
        ParameterName = spec.ParameterName(parameterIndex);

        // The last layer with parameters that starts at or before the index (a sum has none and shares its offset).
        int layer = spec.Layers.Count - 1;
        while (spec.WeightOffset(layer) > parameterIndex || spec.LayerParameterCount(layer) == 0) layer--;
        int fanIn = spec.FanIn(layer), local = parameterIndex - spec.WeightOffset(layer);
        bool isBias = local >= spec.Layers[layer].Size * fanIn;
        int j = isBias ? local - spec.Layers[layer].Size * fanIn : local / fanIn;
        int k = isBias ? -1 : local % fanIn;
        _node = evaluation.NodeOfLayer(layer);
        LayerName = spec.Layers[layer].Name;
        Neuron = j;
        InputIndex = isBias ? null : k;
        Symbol = isBias ? _notation.B(_node, j) : _notation.W(_node, j, k);
        Cost = evaluation.Cost;
        Sensitivity = new ActivationSensitivity(evaluation, _notation, _node, j);
        _factors = MakeFactors(layer, j, k);
        double product = 1.0;
        foreach (GradientFactor factor in _factors) product *= factor.Value;
        Gradient = product;
    }

    /// <summary>The parameter's index in <see cref="INetwork{T}.Parameters"/>.</summary>
    public int ParameterIndex { get; }

    /// <summary>The parameter's name: <c>layer2.w[0,1]</c> or <c>layer2.b[0]</c> (see <see cref="NetworkSpec.ParameterName"/>).</summary>
    public string ParameterName { get; }

    /// <summary>The parameter's symbol in the calculus notation: <c>w(L)_01</c>, <c>b(L−1)_2</c>.</summary>
    public string Symbol { get; }

    /// <summary>The name of the parameter's layer.</summary>
    public string LayerName { get; }

    /// <summary>The neuron j the parameter belongs to (the row of a weight).</summary>
    public int Neuron { get; }

    /// <summary>The input k a weight multiplies (its column in the layer's concatenated input); null for a bias.</summary>
    public int? InputIndex { get; }

    /// <summary>True for a bias b_j, false for a weight w_jk.</summary>
    public bool IsBias => InputIndex is null;

    /// <summary>The example's cost C.</summary>
    public double Cost { get; }

    /// <summary>
    /// The factors whose product is ∂C/∂θ, in chain-rule order from the parameter to the cost: ∂z/∂θ, ∂a/∂z, ∂C/∂a
    /// (for a softmax layer: ∂z/∂θ and ∂C/∂z, one row of the softmax Jacobian applied to ∂C/∂a).
    /// </summary>
    public IReadOnlyList<GradientFactor> Factors => _factors;

    /// <summary>∂C/∂θ, the product of <see cref="Factors"/>.</summary>
    public double Gradient { get; }

    /// <summary>∂C/∂a(l)_j of the parameter's neuron, with its own derivation (the sum over the neurons it feeds).</summary>
    public ActivationSensitivity Sensitivity { get; }

    /// <summary>
    /// Explains ∂C/∂θ for the parameter <c>network.Parameters[parameterIndex]</c> on one example, from the network's
    /// current parameters.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">Any network: generated, or a <see cref="ReferenceNetwork{T}"/>.</param>
    /// <param name="input">The example's <see cref="INetwork{T}.InputCount"/> input values.</param>
    /// <param name="target">The example's <see cref="INetwork{T}.OutputCount"/> desired outputs y.</param>
    /// <param name="parameterIndex">The index of the weight or bias in <see cref="INetwork{T}.Parameters"/>.</param>
    /// <returns>The chain of factors and their product.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">A span's length does not match the network.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parameterIndex"/> is not in [0, ParameterCount).</exception>
    public static GradientExplanation Explain<T>(INetwork<T> network, ReadOnlySpan<T> input, ReadOnlySpan<T> target, int parameterIndex)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        int count = network.Spec.ParameterCount;
        if ((uint)parameterIndex >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(parameterIndex), parameterIndex,
                string.Create(CultureInfo.InvariantCulture, $"parameterIndex is {parameterIndex}; expected an index in [0, {count}), the network's ParameterCount."));
        return new GradientExplanation(SpecEvaluation.Run(network, input, target), parameterIndex);
    }

    /// <summary>Explains ∂C/∂θ for the parameter called <paramref name="parameterName"/> (<c>"layer2.w[0,1]"</c>,
    /// <c>"layer2.b[0]"</c>) on one example.</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">Any network: generated, or a <see cref="ReferenceNetwork{T}"/>.</param>
    /// <param name="input">The example's input values.</param>
    /// <param name="target">The example's desired outputs y.</param>
    /// <param name="parameterName">The parameter's name, as <see cref="NetworkSpec.ParameterName"/> writes it.</param>
    /// <returns>The chain of factors and their product.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="parameterName"/> is null.</exception>
    /// <exception cref="ArgumentException">No parameter has that name, or a span's length does not match the network.</exception>
    public static GradientExplanation Explain<T>(INetwork<T> network, ReadOnlySpan<T> input, ReadOnlySpan<T> target, string parameterName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(parameterName);
        if (!network.Spec.TryParameterIndex(parameterName, out int index, out string problem))
            throw new ArgumentException(problem, nameof(parameterName));
        return Explain(network, input, target, index);
    }

    /// <summary>
    /// Explains the sensitivity ∂C/∂a of the cost to one activation on one example: the loss's term for an output, plus
    /// the sum over every neuron that reads it of w · σ'(z) · ∂C/∂a and ∂C/∂a of every sum that reads it, recursively to
    /// the output. An input's name gives ∂C/∂x for an input value; a sum's name (an <see cref="LayerKind.Add"/> layer)
    /// gives ∂C/∂a of one of its neurons.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="network">Any network: generated, or a <see cref="ReferenceNetwork{T}"/>.</param>
    /// <param name="input">The example's input values.</param>
    /// <param name="target">The example's desired outputs y.</param>
    /// <param name="layerName">The layer's name (<c>"layer2"</c>) or an input's name (<c>"input"</c>).</param>
    /// <param name="neuron">The neuron's index in the layer.</param>
    /// <returns>∂C/∂a and its derivation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="layerName"/> is null.</exception>
    /// <exception cref="ArgumentException">No layer or input has that name, or a span's length does not match the network.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="neuron"/> is not in [0, the layer's size).</exception>
    public static ActivationSensitivity ExplainActivation<T>(INetwork<T> network, ReadOnlySpan<T> input, ReadOnlySpan<T> target, string layerName, int neuron)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(layerName);
        NetworkSpec spec = network.Spec;
        bool known = spec.IndexOfLayer(layerName) >= 0;
        foreach (InputSpec i in spec.Inputs) known |= i.Name == layerName;
        if (!known)
        {
            var names = new List<string>();
            foreach (InputSpec i in spec.Inputs) names.Add(i.Name);
            foreach (LayerSpec l in spec.Layers) names.Add(l.Name);
            throw new ArgumentException($"layerName is '{layerName}'; expected the name of a layer or input of this network: {string.Join(", ", names)}.", nameof(layerName));
        }
        int size = spec.SizeOf(layerName);
        if ((uint)neuron >= (uint)size)
            throw new ArgumentOutOfRangeException(nameof(neuron), neuron,
                string.Create(CultureInfo.InvariantCulture, $"neuron is {neuron}; expected an index in [0, {size}), the size of '{layerName}'."));
        SpecEvaluation evaluation = SpecEvaluation.Run(network, input, target);
        return new ActivationSensitivity(evaluation, new ExplainNotation(spec), evaluation.TryNodeOf(layerName), neuron);
    }

    /// <summary>The derivation, written out with at most <see cref="ActivationSensitivity.DefaultTermsShown"/> terms of each sum.</summary>
    public override string ToString() => ToString(ActivationSensitivity.DefaultTermsShown);

    /// <summary>
    /// The derivation: the chain of derivatives, their symbolic forms, their values and the product, then how each
    /// factor is worked out, and for an earlier layer ∂C/∂a as the sum over the neurons it feeds, recursively to the
    /// output, writing out at most <paramref name="termsShown"/> terms through neurons of each sum, and every term through a
    /// sum layer (the sums themselves are complete).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="termsShown"/> is less than 1.</exception>
    public string ToString(int termsShown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(termsShown, 1);
        var text = new StringBuilder();
        string head = "∂C/∂" + Symbol;
        text.Append(CultureInfo.InvariantCulture,
            $"{head}: the gradient of {ParameterName} (parameter {ParameterIndex} of {_evaluation.Spec.ParameterCount}) for one example, whose cost is C = {ExplainNotation.Number(Cost)}.")
            .AppendLine();
        text.Append("Layers: ").Append(_notation.Legend()).AppendLine(".");
        text.AppendLine();

        string pad = new(' ', head.Length);
        var derivatives = new List<string>();
        var expressions = new List<string>();
        var values = new List<double>();
        foreach (GradientFactor f in _factors)
        {
            derivatives.Add(f.Derivative);
            expressions.Add(HasTopLevelSum(f.Expression) ? "(" + f.Expression + ")" : f.Expression);
            values.Add(f.Value);
        }
        text.Append(head).Append(" = ").AppendLine(string.Join(" · ", derivatives));
        text.Append(pad).Append(" = ").AppendLine(string.Join(" · ", expressions));
        text.Append(pad).Append(" = ").AppendLine(ExplainNotation.Product(values));
        text.Append(pad).Append(" = ").Append(ExplainNotation.Number(Gradient))
            .Append("   (").Append(ExplainNotation.Exact(Gradient)).AppendLine(" to every digit)");

        var where = new StringBuilder();
        foreach (GradientFactor f in _factors)
            if (f.Formula is not null)
                where.Append("  ").Append(f.Expression).Append(" = ").AppendLine(f.Formula);
        LayerSpec layer = _evaluation.Spec.Layers[_evaluation.LayerOfNode(_node)];
        if (layer.Activation == Activation.Softmax)
        {
            // A cross-entropy ∂C/∂z is worked out in its factor's formula; a Jacobian row needs a section.
            if (_factors[^1].Formula is null)
                ActivationSensitivity.AppendDerivations(where, _evaluation, _notation, [(_node, Neuron, true)], termsShown, "  ");
        }
        else if (Sensitivity.Terms.Count > 0 || Sensitivity.LossTerm is null)
        {
            ActivationSensitivity.AppendDerivations(where, _evaluation, _notation, [(_node, Neuron, false)], termsShown, "  ");
        }
        if (where.Length > 0)
        {
            text.AppendLine();
            text.AppendLine("where");
            text.Append(where);
        }
        return text.ToString().TrimEnd();
    }

    private GradientFactor[] MakeFactors(int layer, int j, int k)
    {
        var factors = new List<GradientFactor>(3);
        string z = _notation.Z(_node, j), a = _notation.A(_node, j);
        if (k < 0)
        {
            factors.Add(new GradientFactor($"∂{z}/∂{Symbol}", "1", 1.0));
        }
        else
        {
            (int source, int index) = _evaluation.InputOf(layer, k);
            factors.Add(new GradientFactor($"∂{z}/∂{Symbol}", _notation.A(source, index), _evaluation.A[source][index]));
        }

        Activation activation = _evaluation.Spec.Layers[layer].Activation;
        if (activation == Activation.Softmax)
        {
            factors.Add(SoftmaxFactor(j));
            return factors.ToArray();
        }

        double zj = _evaluation.Z[_node][j], aj = _evaluation.A[_node][j];
        double slope = SpecEvaluation.Derivative(activation, zj, aj);
        factors.Add(new GradientFactor($"∂{a}/∂{z}", $"σ'({z})", slope, _notation.DerivativeFormula(activation, _node, j, zj, aj, slope)));

        // The output layer read by no other layer: ∂C/∂a is the loss's own derivative, 2(a − y). Otherwise it is a sum
        // over paths, derived in a section of its own.
        if (Sensitivity.Terms.Count == 0 && Sensitivity.LossTerm is GradientFactor loss)
            factors.Add(loss);
        else
            factors.Add(new GradientFactor("∂C/∂" + a, "∂C/∂" + a, Sensitivity.Value));
        return factors.ToArray();
    }

    /// <summary>∂C/∂z_j of a softmax layer: a_j − y_j for cross-entropy, one Jacobian row for squared error.</summary>
    private GradientFactor SoftmaxFactor(int j)
    {
        NetworkSpec spec = _evaluation.Spec;
        string a = _notation.A(_node, j), y = ExplainNotation.Y(j);
        var expressions = new List<string>();
        var formulas = new List<string>();
        bool jacobian = false;
        for (int o = 0; o < spec.Outputs.Count; o++)
        {
            OutputSpec output = spec.Outputs[o];
            if (output.Source != LayerName) continue;
            string weight = output.Weight == 1.0 ? "" : ExplainNotation.Exact(output.Weight) + "·";
            if (output.Loss == Loss.CrossEntropy)
            {
                double yj = _evaluation.Target[_evaluation.OutputTargetOffsets[o] + j];
                if (_evaluation.TargetsSumToOne(o))
                {
                    expressions.Add($"{weight}({a} − {y})");
                    formulas.Add($"{weight}({ExplainNotation.Number(_evaluation.A[_node][j])} − {ExplainNotation.Number(yj)})");
                }
                else
                {
                    expressions.Add($"{weight}({a}·Σy − {y})");
                    formulas.Add($"{weight}({ExplainNotation.Number(_evaluation.A[_node][j])}·{ExplainNotation.Number(_evaluation.TargetSum(o))} − {ExplainNotation.Number(yj)})");
                }
            }
            else
            {
                jacobian = true;
            }
        }
        double value = _evaluation.DC_dZ[_node][j];
        const string collapsed = "   (softmax with cross-entropy: Σ_i ∂C/∂a_i · ∂a_i/∂z_j collapses to a_j·Σ_i y_i − y_j, which is a_j − y_j when the targets sum to 1)";
        if (!jacobian)
        {
            string expression = expressions.Count == 1 && expressions[0].StartsWith('(') ? expressions[0][1..^1] : string.Join(" + ", expressions);
            return new GradientFactor("∂C/∂" + _notation.Z(_node, j), expression, value,
                string.Join(" + ", formulas) + " = " + ExplainNotation.Number(value) + collapsed);
        }
        return new GradientFactor("∂C/∂" + _notation.Z(_node, j), "∂C/∂" + _notation.Z(_node, j), value);
    }

    /// <summary>True when <paramref name="expression"/> has a + or − outside parentheses, so that it needs them in a product.</summary>
    private static bool HasTopLevelSum(string expression)
    {
        int depth = 0;
        for (int i = 0; i < expression.Length; i++)
        {
            char c = expression[i];
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && i > 0 && (c == '+' || c == '−') && expression[i - 1] == ' ') return true;
        }
        return false;
    }
}
