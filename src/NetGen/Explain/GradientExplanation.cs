using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using NetGen.Calculus;
using NetGen.Calculus.Layers;

namespace NetGen;

/// <summary>
/// The derivative ∂C/∂θ of one example's cost with respect to one weight or bias, as the chain of factors that produces
/// it, each with its symbolic form and its value. For a weight of layer l, neuron j, input k:
/// <c>∂C/∂w(l)_jk = ∂z(l)_j/∂w(l)_jk · ∂a(l)_j/∂z(l)_j · ∂C/∂a(l)_j = a(l−1)_k · σ'(z(l)_j) · ∂C/∂a(l)_j</c>, where
/// ∂C/∂a is the loss's <c>2(a(L)_j − y_j)</c> for the output layer and, for an earlier layer, the sum over the neurons it
/// feeds of w · σ' · ∂C/∂a (<see cref="Sensitivity"/>), recursively to the output. A bias has ∂z/∂b = 1. A sum r (an
/// <see cref="LayerKind.Add"/> layer, a skip connection) that reads a(l)_j adds the term ∂C/∂a(r)_j, since
/// ∂a(r)_j/∂a(l)_j = 1; it has no parameters of its own to explain.
/// <para>A convolution's weight w[o,c,i,j] is shared by every output position (o, y, x) of its filter, so its gradient
/// is a sum with one term per position whose kernel tap falls on the image (<see cref="Terms"/>):
/// <c>∂C/∂w(l)_o,c,i,j = Σ_{y,x} a(l−1)_c,y·s+i−p,x·s+j−p · σ'(z(l)_o,y,x) · ∂C/∂a(l)_o,y,x</c>, and its bias b[o] the
/// same sum with ∂z/∂b = 1. ∂C/∂a reaches a value through a max pooling only where it is its window's maximum, through an
/// average pooling of n values as 1/n of the window's ∂C/∂a, and through a dense layer reading an image flattened (CHW)
/// as through any other input. Values of images are written a(l)_c,y,x.</para>
/// </summary>
/// <remarks>
/// <para>The numbers come from a forward and backward pass in <see cref="double"/> over the network's
/// <see cref="INetwork{T}.Spec"/> and <see cref="INetwork{T}.Parameters"/>, written independently of the generated code,
/// so the product of the factors (<see cref="Gradient"/>; for a convolution the sum of <see cref="Terms"/>) is a check on
/// what <see cref="INetwork{T}.Backward"/> returns.</para>
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
    private readonly LayerRule _rule;
    private readonly int _node;
    private readonly GradientFactor[] _factors;
    private readonly GradientTerm[] _terms;

    private GradientExplanation(SpecEvaluation evaluation, int parameterIndex)
    {
        _evaluation = evaluation;
        _notation = new ExplainNotation(evaluation.Spec);
        NetworkSpec spec = evaluation.Spec;
        ParameterIndex = parameterIndex;
        ParameterName = spec.ParameterName(parameterIndex);

        int layer = spec.LayerOfParameter(parameterIndex);
        _rule = evaluation.Rules[layer];
        _node = evaluation.NodeOfLayer(layer);
        LayerName = spec.Layers[layer].Name;
        Cost = evaluation.Cost;
        int fanIn = spec.FanIn(layer), local = parameterIndex - spec.WeightOffset(layer);
        int rows = spec.LayerParameterCount(layer) / (fanIn + 1);
        bool isBias = local >= rows * fanIn;
        int j = isBias ? local - rows * fanIn : local / fanIn;
        Neuron = j;
        InputIndex = isBias ? null : local % fanIn;
        if (_rule is ConvRule conv)
        {
            (int o, int c, int i, int jj) = isBias ? (j, 0, 0, 0) : conv.WeightAt(parameterIndex);
            Symbol = isBias ? _notation.B(_node, o) : _notation.W(_node, o, c, i, jj);
        }
        else
        {
            Symbol = isBias ? _notation.B(_node, j) : _notation.W(_node, j, local % fanIn);
        }

        // Every output whose weighted sum holds the parameter: one for a dense layer, every position of the filter whose
        // kernel tap falls on the image for a convolution.
        List<Use> uses = evaluation.UsesOf(layer, parameterIndex);
        _terms = new GradientTerm[uses.Count];
        for (int t = 0; t < uses.Count; t++)
            _terms[t] = new GradientTerm(uses[t].Output, _notation.Position(_node, uses[t].Output), MakeFactors(uses[t]));
        int first = uses.Count > 0 ? uses[0].Output : (_rule is ConvRule ? j * spec.ShapeOf(layer).Height * spec.ShapeOf(layer).Width : j);
        Sensitivity = new ActivationSensitivity(evaluation, _notation, _node, first);
        if (_terms.Length == 1 && _rule is not ConvRule)
        {
            _factors = [.. _terms[0].Factors];
        }
        else
        {
            double sum = 0.0;
            foreach (GradientTerm term in _terms) sum += term.Value;
            _factors = [new GradientFactor("∂C/∂" + Symbol, SharedSum(isBias), sum)];
        }
        double product = 1.0;
        foreach (GradientFactor factor in _factors) product *= factor.Value;
        Gradient = product;
    }

    /// <summary>"Σ_{y,x} a(1)_1,y+2−1,x+2−1 · σ'(z(2)_0,y,x) · ∂C/∂a(2)_0,y,x": the sum a shared parameter's gradient is.</summary>
    private string SharedSum(bool isBias)
    {
        var conv = (ConvRule)_rule;
        string label = _notation.Label(_node);
        string rest = $"σ'(z({label})_{Neuron},y,x) · ∂C/∂a({label})_{Neuron},y,x";
        if (isBias) return "Σ_{y,x} " + rest;
        (_, int channel, int i, int j) = conv.WeightAt(ParameterIndex);
        (int node, int c) = conv.SourceOfChannel(channel);
        string s = conv.Stride == 1 ? "" : "·" + conv.Stride.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"Σ_{{y,x}} a({_notation.Label(node)})_{c},y{s}{Offset(i - conv.Padding)},x{s}{Offset(j - conv.Padding)} · {rest}");

        static string Offset(int d) => d == 0 ? "" : d > 0 ? "+" + d.ToString(CultureInfo.InvariantCulture) : "−" + (-d).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The parameter's index in <see cref="INetwork{T}.Parameters"/>.</summary>
    public int ParameterIndex { get; }

    /// <summary>The parameter's name: <c>layer2.w[0,1]</c>, <c>conv1.w[0,2,1,1]</c> or <c>layer2.b[0]</c> (see <see cref="NetworkSpec.ParameterName"/>).</summary>
    public string ParameterName { get; }

    /// <summary>The parameter's symbol in the calculus notation: <c>w(L)_01</c>, <c>b(L−1)_2</c>, <c>w(1)_0,2,1,1</c>.</summary>
    public string Symbol { get; }

    /// <summary>The name of the parameter's layer.</summary>
    public string LayerName { get; }

    /// <summary>The neuron j the parameter belongs to (the row of a weight); for a convolution, the filter o.</summary>
    public int Neuron { get; }

    /// <summary>The input k a weight multiplies (its column in the layer's concatenated input); for a convolution's
    /// w[o,c,i,j] its column in the filter's weights, (c·kH + i)·kW + j; null for a bias.</summary>
    public int? InputIndex { get; }

    /// <summary>True for a bias b_j, false for a weight w_jk.</summary>
    public bool IsBias => InputIndex is null;

    /// <summary>The example's cost C.</summary>
    public double Cost { get; }

    /// <summary>
    /// The factors whose product is ∂C/∂θ, in chain-rule order from the parameter to the cost: ∂z/∂θ, ∂a/∂z, ∂C/∂a
    /// (for a softmax layer: ∂z/∂θ and ∂C/∂z, one row of the softmax Jacobian applied to ∂C/∂a). A convolution's
    /// parameter is shared by many outputs: its one factor is the sum over them, written out term by term in
    /// <see cref="Terms"/>.
    /// </summary>
    public IReadOnlyList<GradientFactor> Factors => _factors;

    /// <summary>
    /// One term per output whose weighted sum holds the parameter, in output order: for a dense layer the single term
    /// whose factors are <see cref="Factors"/>; for a convolution's w[o,c,i,j] one term
    /// a(l−1)[c, y·s+i−p, x·s+j−p] · σ'(z[o,y,x]) · ∂C/∂a[o,y,x] per position (y, x) whose kernel tap falls on the image
    /// (taps on the zero padding add nothing and are left out), for its bias b[o] one term per position.
    /// </summary>
    public IReadOnlyList<GradientTerm> Terms => _terms;

    /// <summary>∂C/∂θ: the product of <see cref="Factors"/>, which is the sum of the <see cref="Terms"/>' values.</summary>
    public double Gradient { get; }

    /// <summary>∂C/∂a(l)_j of the parameter's neuron, with its own derivation (the sum over the neurons it feeds); for a
    /// convolution, of the first output in <see cref="Terms"/> (each term's own is explained in <see cref="ToString()"/>).</summary>
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
    /// sum layer (the sums themselves are complete). A convolution's parameter is written as the sum over the outputs it
    /// feeds, its first <paramref name="termsShown"/> terms worked out.
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
        if (_rule is ConvRule)
        {
            AppendShared(text, head, termsShown);
            return text.ToString().TrimEnd();
        }

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
        if (!_evaluation.Functions[_evaluation.LayerOfNode(_node)].IsElementWise)
        {
            // A cross-entropy ∂C/∂z is worked out in its factor's formula; a Jacobian row needs a section.
            if (_factors[^1].Formula is null)
                ActivationSensitivity.AppendDerivations(where, _evaluation, _notation, [(_node, Neuron, true)], termsShown, "  ");
        }
        else if (Sensitivity.Terms.Count > 0 || Sensitivity.LossTerm is null)
        {
            ActivationSensitivity.AppendDerivations(where, _evaluation, _notation, [(_node, Neuron, false)], termsShown, "  ");
        }
        AppendWhere(text, where);
        return text.ToString().TrimEnd();
    }

    /// <summary>A convolution's parameter: the sum over the outputs that share it, the first terms worked out, then the
    /// slopes and sensitivities those terms rest on.</summary>
    private void AppendShared(StringBuilder text, string head, int termsShown)
    {
        Shape output = _evaluation.Spec.ShapeOf(_evaluation.LayerOfNode(_node));
        int positions = output.Height * output.Width;
        string label = _notation.Label(_node), o = ExplainNotation.Index(Neuron);
        text.Append(CultureInfo.InvariantCulture,
            $"{Symbol} is shared by the {positions} outputs ({o},y,x) of filter {o} of {_notation.LayerWord(_node)}, so its gradient is a sum over them");
        if (_terms.Length < positions)
            text.Append(CultureInfo.InvariantCulture, $" ({positions - _terms.Length} of them read it on the zero padding and add nothing)");
        text.AppendLine(":");

        string pad = new(' ', head.Length);
        string rest = $"∂a({label})_{o},y,x/∂z({label})_{o},y,x · ∂C/∂a({label})_{o},y,x";
        text.Append(head).Append(" = ").AppendLine($"Σ_{{y,x}} ∂z({label})_{o},y,x/∂{Symbol} · {rest}");
        text.Append(pad).Append(" = ").AppendLine(_factors[0].Expression);
        int shown = Math.Min(termsShown, _terms.Length);
        for (int t = 0; t < shown; t++)
            text.Append(pad).Append(t == 0 ? " = " : " + ").AppendLine(_terms[t].ToString());
        if (shown < _terms.Length)
        {
            double others = 0.0;
            for (int t = shown; t < _terms.Length; t++) others += _terms[t].Value;
            text.Append(pad).Append(CultureInfo.InvariantCulture, $" + … {_terms.Length - shown} more terms, summing to {ExplainNotation.Number(others)}").AppendLine();
        }
        text.Append(pad).Append(" = ").Append(ExplainNotation.Number(Gradient))
            .Append("   (").Append(ExplainNotation.Exact(Gradient)).AppendLine(" to every digit)");

        // The slopes of the terms shown, then the sensitivities they use, each derived once.
        var where = new StringBuilder();
        var roots = new List<(int, int, bool)>();
        for (int t = 0; t < shown; t++)
        {
            foreach (GradientFactor f in _terms[t].Factors)
                if (f.Formula is not null)
                    where.Append("  ").Append(f.Expression).Append(" = ").AppendLine(f.Formula);
            roots.Add((_node, _terms[t].Output, false));
        }
        ActivationSensitivity.AppendDerivations(where, _evaluation, _notation, roots, termsShown, "  ");
        AppendWhere(text, where);
    }

    private static void AppendWhere(StringBuilder text, StringBuilder where)
    {
        if (where.Length == 0) return;
        text.AppendLine();
        text.AppendLine("where");
        text.Append(where);
    }

    /// <summary>The factors of the chain-rule product through output <c>use.Output</c>: ∂z_j/∂θ, σ'(z_j) and ∂C/∂a_j, or
    /// ∂z_j/∂θ and ∂C/∂z_j for softmax.</summary>
    private GradientFactor[] MakeFactors(Use use)
    {
        int j = use.Output;
        var factors = new List<GradientFactor>(3);
        string z = _notation.Z(_node, j), a = _notation.A(_node, j);
        Connection c = use.Connection;
        factors.Add(c.IsBias
            ? new GradientFactor($"∂{z}/∂{Symbol}", "1", 1.0)
            : new GradientFactor($"∂{z}/∂{Symbol}", _notation.A(c.Node, c.Index), _evaluation.A[c.Node][c.Index]));

        ActivationFunction activation = _evaluation.Functions[_evaluation.LayerOfNode(_node)];
        if (!activation.IsElementWise)
        {
            factors.Add(SoftmaxFactor(j));
            return factors.ToArray();
        }

        double zj = _evaluation.Z[_node][j], aj = _evaluation.A[_node][j];
        double slope = activation.Derivative(zj, aj);
        factors.Add(new GradientFactor($"∂{a}/∂{z}", $"σ'({z})", slope, _notation.DerivativeFormula(activation, _node, j, zj, aj, slope)));

        // An output read by no other layer: ∂C/∂a is the loss's own derivative, 2(a − y). Otherwise it is a sum over
        // paths, derived in a section of its own.
        var sensitivity = new ActivationSensitivity(_evaluation, _notation, _node, j);
        if (sensitivity.Terms.Count == 0 && sensitivity.LossTerm is GradientFactor loss)
            factors.Add(loss);
        else
            factors.Add(new GradientFactor("∂C/∂" + a, "∂C/∂" + a, sensitivity.Value));
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
    internal static bool HasTopLevelSum(string expression)
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
