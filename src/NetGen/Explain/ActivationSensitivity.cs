using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen;

/// <summary>
/// One factor of a chain-rule product, with its symbolic form and its value for one example: for example
/// <c>∂a(L)_0/∂z(L)_0</c> = <c>σ'(z(L)_0)</c> = 0.21.
/// </summary>
/// <param name="Derivative">The partial derivative this factor is, in Leibniz notation: <c>∂z(L)_0/∂w(L)_01</c>.</param>
/// <param name="Expression">What it equals, symbolically: <c>a(L−1)_1</c>, <c>σ'(z(L)_0)</c>, <c>2(a(L)_0 − y_0)</c>.</param>
/// <param name="Value">Its value for the example.</param>
/// <param name="Formula">What <see cref="Expression"/> equals worked out with the example's numbers, ending with the value
/// (<c>2(0.7000 − 1.0000) = -0.6000</c>), or null when the expression is read off directly (an activation, a constant) or is
/// derived in a section of its own (a sensitivity summed over paths).</param>
public sealed record GradientFactor(string Derivative, string Expression, double Value, string? Formula = null)
{
    /// <summary>"Derivative = Expression = value".</summary>
    public override string ToString() =>
        Derivative == Expression
            ? $"{Derivative} = {ExplainNotation.Number(Value)}"
            : $"{Derivative} = {Expression} = {ExplainNotation.Number(Value)}";
}

/// <summary>
/// One path of a sensitivity ∂C/∂a(l)_k: the neuron j of a later layer that reads a(l)_k contributes
/// w_jk · σ'(z_j) · ∂C/∂a_j, the chain rule through that neuron. Through a softmax neuron, whose a_j depends on every
/// z of its layer, the term is w_jk · ∂C/∂z_j with ∂C/∂z_j one row of the softmax Jacobian applied to ∂C/∂a.
/// </summary>
public sealed class SensitivityTerm
{
    private readonly SpecEvaluation _evaluation;
    private readonly ExplainNotation _notation;
    private readonly int _node;
    private ActivationSensitivity? _next;

    internal SensitivityTerm(SpecEvaluation evaluation, ExplainNotation notation, int layer, int neuron, int input)
    {
        _evaluation = evaluation;
        _notation = notation;
        _node = evaluation.NodeOfLayer(layer);
        LayerName = evaluation.Spec.Layers[layer].Name;
        Neuron = neuron;
        Weight = evaluation.Weight(layer, neuron, input);
        WeightedSumSensitivity = evaluation.DC_dZ[_node][neuron];
        Activation activation = evaluation.Spec.Layers[layer].Activation;
        if (activation == NetGen.Activation.Softmax)
        {
            Value = Weight * WeightedSumSensitivity;
            Expression = $"{notation.W(_node, neuron, input)} · ∂C/∂{notation.Z(_node, neuron)}";
        }
        else
        {
            double slope = SpecEvaluation.Derivative(activation, evaluation.Z[_node][neuron], evaluation.A[_node][neuron]);
            double downstream = evaluation.DC_dA[_node][neuron];
            ActivationDerivative = slope;
            DownstreamSensitivity = downstream;
            Value = Weight * slope * downstream;
            Expression = $"{notation.W(_node, neuron, input)} · σ'({notation.Z(_node, neuron)}) · ∂C/∂{notation.A(_node, neuron)}";
        }
    }

    internal int Node => _node;

    /// <summary>The name of the layer of the neuron this path goes through.</summary>
    public string LayerName { get; }

    /// <summary>The index j of that neuron in its layer.</summary>
    public int Neuron { get; }

    /// <summary>True when the neuron is a softmax neuron: the term is then w_jk · ∂C/∂z_j.</summary>
    public bool IsThroughSoftmax => ActivationDerivative is null;

    /// <summary>The symbolic product: <c>w(L)_jk · σ'(z(L)_j) · ∂C/∂a(L)_j</c> (through softmax <c>w(L)_jk · ∂C/∂z(L)_j</c>).</summary>
    public string Expression { get; }

    /// <summary>∂z_j/∂a_k = w_jk, the weight of the connection.</summary>
    public double Weight { get; }

    /// <summary>∂a_j/∂z_j = σ'(z_j), the slope of that neuron's activation for this example; null through softmax.</summary>
    public double? ActivationDerivative { get; }

    /// <summary>∂C/∂a_j, the sensitivity of the cost to that neuron (explained by <see cref="Next"/>); null through softmax.</summary>
    public double? DownstreamSensitivity { get; }

    /// <summary>∂C/∂z_j, the sensitivity of the cost to the neuron's weighted sum (σ'(z_j) · ∂C/∂a_j for an element-wise activation).</summary>
    public double WeightedSumSensitivity { get; }

    /// <summary>The term's value: w_jk · σ'(z_j) · ∂C/∂a_j (through softmax w_jk · ∂C/∂z_j).</summary>
    public double Value { get; }

    /// <summary>The explanation of ∂C/∂a_j, one step closer to the output; null through softmax (the term uses ∂C/∂z_j).</summary>
    public ActivationSensitivity? Next => IsThroughSoftmax ? null : _next ??= new ActivationSensitivity(_evaluation, _notation, _node, Neuron);

    /// <summary>"Expression = w · σ' · ∂C/∂a = value", culture-free.</summary>
    public override string ToString() => IsThroughSoftmax
        ? $"{Expression} = {ExplainNotation.Product([Weight, WeightedSumSensitivity])} = {ExplainNotation.Number(Value)}"
        : $"{Expression} = {ExplainNotation.Product([Weight, ActivationDerivative!.Value, DownstreamSensitivity!.Value])} = {ExplainNotation.Number(Value)}";
}

/// <summary>
/// The sensitivity ∂C/∂a(l)_k of the cost to one activation (or input value) for one example: the loss's own term when
/// the activation is an output, plus the sum over every neuron that reads it of w · σ'(z) · ∂C/∂a, recursively to the
/// output (see <see cref="Terms"/> and <see cref="SensitivityTerm.Next"/>).
/// </summary>
public sealed class ActivationSensitivity
{
    /// <summary>How many terms of a sum <see cref="ToString()"/> writes out before "… N more terms".</summary>
    public const int DefaultTermsShown = 4;

    private readonly SpecEvaluation _evaluation;
    private readonly ExplainNotation _notation;
    private readonly int _node;
    private SensitivityTerm[]? _terms;

    internal ActivationSensitivity(SpecEvaluation evaluation, ExplainNotation notation, int node, int neuron)
    {
        _evaluation = evaluation;
        _notation = notation;
        _node = node;
        Neuron = neuron;
        LayerName = evaluation.NameOfNode(node);
        Symbol = notation.A(node, neuron);
        Activation = evaluation.A[node][neuron];
        Value = evaluation.DC_dA[node][neuron];
        LossTerm = MakeLossTerm(evaluation, notation, node, neuron);
    }

    internal int Node => _node;

    /// <summary>The name of the layer (or input) the activation belongs to.</summary>
    public string LayerName { get; }

    /// <summary>The index of the neuron (or input value) in its layer.</summary>
    public int Neuron { get; }

    /// <summary>The activation's symbol: <c>a(L−1)_2</c>.</summary>
    public string Symbol { get; }

    /// <summary>The activation's value for the example.</summary>
    public double Activation { get; }

    /// <summary>∂C/∂a: <see cref="LossTerm"/> (if any) plus the sum of <see cref="Terms"/>.</summary>
    public double Value { get; }

    /// <summary>The cost's direct dependence on this activation when it is an output (for squared error
    /// <c>2(a(L)_j − y_j)</c>), or null for a hidden activation.</summary>
    public GradientFactor? LossTerm { get; }

    /// <summary>One term per neuron that reads this activation, in layer order then neuron order; empty for an output
    /// that no layer reads.</summary>
    public IReadOnlyList<SensitivityTerm> Terms => _terms ??= MakeTerms();

    /// <summary>The derivation of ∂C/∂a and of every sensitivity it rests on, down to the cost, with the first
    /// <see cref="DefaultTermsShown"/> terms of each sum written out.</summary>
    public override string ToString() => ToString(DefaultTermsShown);

    /// <summary>The derivation, writing out at most <paramref name="termsShown"/> terms of each sum (the sums themselves are
    /// always complete).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="termsShown"/> is less than 1.</exception>
    public string ToString(int termsShown)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(termsShown, 1);
        var text = new StringBuilder();
        AppendDerivations(text, _evaluation, _notation, [(_node, Neuron, false)], termsShown, "");
        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// Writes the derivation of each root — a sensitivity ∂C/∂a (<c>Dz</c> false) or a softmax neuron's ∂C/∂z (<c>Dz</c>
    /// true) — and then, breadth-first toward the output, of each quantity named in a term that was written out (each once).
    /// </summary>
    internal static void AppendDerivations(StringBuilder text, SpecEvaluation evaluation, ExplainNotation notation,
        IEnumerable<(int Node, int Neuron, bool Dz)> roots, int termsShown, string indent)
    {
        var seen = new HashSet<(int, int, bool)>();
        var queue = new Queue<(int Node, int Neuron, bool Dz)>();
        foreach (var root in roots)
            if (seen.Add(root)) queue.Enqueue(root);
        while (queue.Count > 0)
        {
            (int node, int neuron, bool dz) = queue.Dequeue();
            if (dz)
            {
                // A softmax layer is read by no layer: its ∂C/∂z rests on the cost alone.
                AppendSoftmaxDz(text, evaluation, notation, node, neuron, termsShown, indent);
                continue;
            }
            var s = new ActivationSensitivity(evaluation, notation, node, neuron);
            s.AppendOwn(text, termsShown, indent);
            IReadOnlyList<SensitivityTerm> terms = s.Terms;
            for (int t = 0; t < Math.Min(termsShown, terms.Count); t++)
            {
                var next = (terms[t].Node, terms[t].Neuron, terms[t].IsThroughSoftmax);
                if (seen.Add(next)) queue.Enqueue(next);
            }
        }
    }

    /// <summary>
    /// Writes ∂C/∂z_j of a softmax neuron: a_j − y_j for cross-entropy (the collapsed form), and for squared error one row
    /// of the Jacobian, Σ_i ∂C/∂a_i · a_i(δ_ij − a_j), term by term.
    /// </summary>
    internal static void AppendSoftmaxDz(StringBuilder text, SpecEvaluation evaluation, ExplainNotation notation, int node, int j, int termsShown, string indent)
    {
        double[] a = evaluation.A[node], dA = evaluation.SquaredErrorDA[node];
        double[]? ce = evaluation.CrossEntropyDZ[node];
        string name = evaluation.NameOfNode(node);
        bool squaredError = false;
        foreach (OutputSpec o in evaluation.Spec.Outputs) squaredError |= o.Source == name && o.Loss == Loss.SquaredError;

        string label = notation.Label(node), z = notation.Z(node, j), aj = notation.A(node, j), y = ExplainNotation.Y(j);
        string head = $"{indent}∂C/∂{z} = ";
        if (!squaredError)
        {
            (double target, double weight) = CrossEntropyTarget(evaluation, node, j);
            string w = weight == 1.0 ? "" : ExplainNotation.Exact(weight) + "·";
            text.Append(head).Append(CultureInfo.InvariantCulture,
                    $"{w}({aj} − {y}) = {w}({ExplainNotation.Number(a[j])} − {ExplainNotation.Number(target)}) = {ExplainNotation.Number(ce![j])}")
                .AppendLine("   (softmax with cross-entropy: Σ_i ∂C/∂a_i · ∂a_i/∂z_j collapses to a_j − y_j when the targets sum to 1)");
            return;
        }

        string pad = new(' ', head.Length - indent.Length - 3);
        text.Append(head);
        if (ce is not null) text.Append(CultureInfo.InvariantCulture, $"({aj} − {y}) + ");
        text.Append(CultureInfo.InvariantCulture,
            $"Σ_i ∂C/∂a({label})_i · a({label})_i(δ_i{ExplainNotation.Index(j)} − {aj}), over the {a.Length} neurons of the softmax layer {label}:").AppendLine();
        bool first = true;
        if (ce is not null)
        {
            text.Append(indent).Append(pad).Append("    ").Append(CultureInfo.InvariantCulture, $"{aj} − {y} = {ExplainNotation.Number(ce[j])}   (cross-entropy)").AppendLine();
            first = false;
        }
        int shown = Math.Min(termsShown, a.Length);
        for (int i = 0; i < shown; i++)
        {
            string delta = i == j ? "1" : "0";
            double jacobian = a[i] * ((i == j ? 1.0 : 0.0) - a[j]);
            string ai = notation.A(node, i);
            text.Append(indent).Append(pad).Append(first ? "    " : "  + ").Append(CultureInfo.InvariantCulture,
                    $"∂C/∂{ai} · {ai}({delta} − {aj}) = {ExplainNotation.Number(dA[i])} · {ExplainNotation.Number(a[i])}·({delta} − {ExplainNotation.Number(a[j])}) = {ExplainNotation.Number(dA[i] * jacobian)}")
                .AppendLine();
            first = false;
        }
        if (shown < a.Length)
        {
            double rest = 0.0;
            for (int i = shown; i < a.Length; i++) rest += dA[i] * a[i] * ((i == j ? 1.0 : 0.0) - a[j]);
            text.Append(indent).Append(pad).Append("  + ")
                .Append(CultureInfo.InvariantCulture, $"… {a.Length - shown} more terms, summing to {ExplainNotation.Number(rest)}").AppendLine();
        }
        text.Append(indent).Append(pad).Append("  = ").AppendLine(ExplainNotation.Number(evaluation.DC_dZ[node][j]));
        for (int i = 0; i < shown; i++)
        {
            GradientFactor? loss = MakeLossTerm(evaluation, notation, node, i);
            if (loss is not null)
                text.Append(indent).Append("∂C/∂").Append(notation.A(node, i)).Append(" = ").Append(loss.Expression).Append(" = ").AppendLine(loss.Formula);
        }
    }

    /// <summary>The target y_j and the weight of a softmax node's cross-entropy output.</summary>
    private static (double Target, double Weight) CrossEntropyTarget(SpecEvaluation evaluation, int node, int j)
    {
        string name = evaluation.NameOfNode(node);
        for (int o = 0; o < evaluation.Spec.Outputs.Count; o++)
        {
            OutputSpec output = evaluation.Spec.Outputs[o];
            if (output.Source == name && output.Loss == Loss.CrossEntropy)
                return (evaluation.Target[evaluation.OutputTargetOffsets[o] + j], output.Weight);
        }
        throw new InvalidOperationException($"'{name}' has no cross-entropy output.");
    }

    /// <summary>Writes this sensitivity's own lines: the sum it is, its terms and its value.</summary>
    private void AppendOwn(StringBuilder text, int termsShown, string indent)
    {
        string head = $"{indent}∂C/∂{Symbol}";
        IReadOnlyList<SensitivityTerm> terms = Terms;
        if (terms.Count == 0)
        {
            // An output read by no layer: the cost's own derivative.
            if (LossTerm is not GradientFactor loss)
            {
                text.Append(head).AppendLine(" = 0   (no layer reads it and it is not an output)");
                return;
            }
            text.Append(head).Append(" = ").Append(loss.Expression).Append(" = ").Append(loss.Formula).AppendLine();
            return;
        }

        string pad = new(' ', head.Length - indent.Length);
        text.Append(head).Append(" = ").Append(SumHeader(terms)).AppendLine(":");
        bool first = true;
        if (LossTerm is GradientFactor own)
        {
            text.Append(indent).Append(pad).Append("    ").Append(own.Expression).Append(" = ").Append(own.Formula).AppendLine("   (its own cost term)");
            first = false;
        }
        int shown = Math.Min(termsShown, terms.Count);
        for (int t = 0; t < shown; t++)
        {
            text.Append(indent).Append(pad).Append(first ? "    " : "  + ").AppendLine(terms[t].ToString());
            first = false;
        }
        if (shown < terms.Count)
        {
            double rest = 0.0;
            for (int t = shown; t < terms.Count; t++) rest += terms[t].Value;
            text.Append(indent).Append(pad).Append("  + ")
                .Append(CultureInfo.InvariantCulture, $"… {terms.Count - shown} more terms, summing to {ExplainNotation.Number(rest)}")
                .AppendLine();
        }
        text.Append(indent).Append(pad).Append("  = ").AppendLine(ExplainNotation.Number(Value));
    }

    /// <summary>"Σ_j w(L)_j2 · σ'(z(L)_j) · ∂C/∂a(L)_j over the 3 neurons of layer L that read a(L−1)_2".</summary>
    private string SumHeader(IReadOnlyList<SensitivityTerm> terms)
    {
        var readers = _evaluation.Readers[_node];
        string own = LossTerm is null ? "" : LossTerm.Expression + " + ";
        string count = terms.Count == 1 ? "the 1 neuron" : $"the {terms.Count.ToString(CultureInfo.InvariantCulture)} neurons";
        if (readers.Count == 1)
        {
            SpecEvaluation.Reader r = readers[0];
            int node = _evaluation.NodeOfLayer(r.Layer);
            string label = _notation.Label(node), k = Sub(r.Offset + Neuron);
            return $"{own}Σ_j w({label})_j{k} · σ'(z({label})_j) · ∂C/∂a({label})_j, over {count} of {_notation.LayerWord(node)} that {(terms.Count == 1 ? "reads" : "read")} {Symbol}";
        }
        return $"{own}Σ w · σ'(z) · ∂C/∂a, over {count} (in {readers.Count.ToString(CultureInfo.InvariantCulture)} layers) that {(terms.Count == 1 ? "reads" : "read")} {Symbol}";

        static string Sub(int k) => k < 10 ? ExplainNotation.Index(k) : "," + ExplainNotation.Index(k);
    }

    private SensitivityTerm[] MakeTerms()
    {
        var terms = new List<SensitivityTerm>();
        foreach (SpecEvaluation.Reader reader in _evaluation.Readers[_node])
        {
            int size = _evaluation.Spec.Layers[reader.Layer].Size;
            for (int j = 0; j < size; j++)
                terms.Add(new SensitivityTerm(_evaluation, _notation, reader.Layer, j, reader.Offset + Neuron));
        }
        return terms.ToArray();
    }

    /// <summary>The loss's direct term for an output activation: 2(a − y) for squared error, −y/a for cross-entropy, times
    /// the output's weight when it is not 1.</summary>
    internal static GradientFactor? MakeLossTerm(SpecEvaluation evaluation, ExplainNotation notation, int node, int j)
    {
        NetworkSpec spec = evaluation.Spec;
        string name = evaluation.NameOfNode(node);
        var expressions = new List<string>();
        var formulas = new List<string>();
        for (int o = 0; o < spec.Outputs.Count; o++)
        {
            OutputSpec output = spec.Outputs[o];
            if (output.Source != name) continue;
            double y = evaluation.Target[evaluation.OutputTargetOffsets[o] + j];
            double a = evaluation.A[node][j];
            string weight = output.Weight == 1.0 ? "" : ExplainNotation.Exact(output.Weight) + "·";
            string yj = ExplainNotation.Y(j);
            if (output.Loss == Loss.SquaredError)
            {
                expressions.Add($"{weight}2({notation.A(node, j)} − {yj})");
                formulas.Add($"{weight}2({ExplainNotation.Number(a)} − {ExplainNotation.Number(y)})");
            }
            else
            {
                expressions.Add($"−{weight}{yj}/{notation.A(node, j)}");
                formulas.Add($"−{weight}{ExplainNotation.Number(y)}/{ExplainNotation.Number(a)}");
            }
        }
        if (expressions.Count == 0) return null;
        double value = evaluation.SquaredErrorDA[node][j] + evaluation.CrossEntropyDA[node][j];
        return new GradientFactor("∂C/∂" + notation.A(node, j), string.Join(" + ", expressions), value,
            string.Join(" + ", formulas) + " = " + ExplainNotation.Number(value));
    }
}
