using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using NetGen.Calculus;

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
/// <remarks>Thread safety: immutable; every member may be used from any number of threads at once.</remarks>
public sealed record GradientFactor(string Derivative, string Expression, double Value, string? Formula = null)
{
    /// <summary>"Derivative = Expression = value".</summary>
    public override string ToString() =>
        Derivative == Expression
            ? $"{Derivative} = {ExplainNotation.Number(Value)}"
            : $"{Derivative} = {Expression} = {ExplainNotation.Number(Value)}";
}

/// <summary>
/// One path of a sensitivity ∂C/∂a(l)_k: the output j of a later layer that reads a(l)_k contributes
/// ∂z_j/∂a_k · σ'(z_j) · ∂C/∂a_j, the chain rule through that output. Through a dense neuron ∂z_j/∂a_k is the weight
/// w_jk; through a convolution the weight w[o,c,i,j] of the kernel tap that covers a(l)_k. Through a softmax neuron,
/// whose a_j depends on every z of its layer, the term is w_jk · ∂C/∂z_j with ∂C/∂z_j one row of the softmax Jacobian
/// applied to ∂C/∂a. A layer without weights or activation passes ∂C/∂a back times a constant: 1 through a sum r (an
/// <see cref="LayerKind.Add"/> layer), where the term is ∂C/∂a(r)_k itself, and through the winner of a max-pooling
/// window; 1/n through an average of n values.
/// </summary>
/// <remarks>Thread safety: read-only (<see cref="Next"/> is built on first use, once for every thread); every member
/// may be used from any number of threads at once.</remarks>
public sealed class SensitivityTerm
{
    private readonly SpecEvaluation _evaluation;
    private readonly ExplainNotation _notation;
    private readonly int _node;
    private readonly string? _note;
    private ActivationSensitivity? _next;

    internal SensitivityTerm(SpecEvaluation evaluation, ExplainNotation notation, int layer, Use use)
    {
        _evaluation = evaluation;
        _notation = notation;
        LayerRule rule = evaluation.Rules[layer];
        _node = evaluation.NodeOfLayer(layer);
        int neuron = use.Output;
        LayerName = rule.Name;
        Kind = rule.Kind;
        Neuron = neuron;
        Weight = use.Connection.Coefficient;
        WeightedSumSensitivity = evaluation.DC_dZ[_node][neuron];
        string coefficient = rule.CoefficientSymbol(notation, use);
        if (!rule.HasActivation)
        {
            // A sum or a pooling: no weights, no activation; ∂C/∂a passes back times a constant (1, or 1/n for a mean).
            IsThroughSum = Kind == LayerKind.Add;
            ActivationDerivative = 1.0;
            DownstreamSensitivity = evaluation.DC_dA[_node][neuron];
            Value = Weight * 1.0 * DownstreamSensitivity.Value;
            Expression = (coefficient == "1" ? "" : coefficient + " · ") + "∂C/∂" + notation.A(_node, neuron);
            _note = rule.TermNote(use);
            return;
        }
        ActivationFunction activation = evaluation.Functions[layer];
        if (!activation.IsElementWise)
        {
            Value = Weight * WeightedSumSensitivity;
            Expression = $"{coefficient} · ∂C/∂{notation.Z(_node, neuron)}";
        }
        else
        {
            double slope = activation.Derivative(evaluation.Z[_node][neuron], evaluation.A[_node][neuron]);
            double downstream = evaluation.DC_dA[_node][neuron];
            ActivationDerivative = slope;
            DownstreamSensitivity = downstream;
            Value = Weight * slope * downstream;
            Expression = $"{coefficient} · σ'({notation.Z(_node, neuron)}) · ∂C/∂{notation.A(_node, neuron)}";
        }
    }

    internal int Node => _node;

    /// <summary>The name of the layer (or sum, or pooling) of the output this path goes through.</summary>
    public string LayerName { get; }

    /// <summary>What that layer computes: a dense neuron, a convolution's output, a sum, a pooling window.</summary>
    public LayerKind Kind { get; }

    /// <summary>The index j of that output in its layer (flat: (o·H + y)·W + x for an image).</summary>
    public int Neuron { get; }

    /// <summary>True when the output is a softmax neuron: the term is then w_jk · ∂C/∂z_j.</summary>
    public bool IsThroughSoftmax => ActivationDerivative is null;

    /// <summary>True when the path goes through a sum (an <see cref="LayerKind.Add"/> layer): the term is then the sum's
    /// ∂C/∂a_k, with <see cref="Weight"/> and <see cref="ActivationDerivative"/> both 1.</summary>
    public bool IsThroughSum { get; }

    /// <summary>True when the path goes through a layer without weights or activation (a sum or a pooling).</summary>
    internal bool IsThroughParameterless => Kind is not (LayerKind.Dense or LayerKind.Conv);

    /// <summary>The symbolic product: <c>w(L)_jk · σ'(z(L)_j) · ∂C/∂a(L)_j</c> (through softmax <c>w(L)_jk · ∂C/∂z(L)_j</c>,
    /// through a sum r <c>∂C/∂a(r)_k</c>, through an average pooling <c>1/4 · ∂C/∂a(p)_c,y,x</c>).</summary>
    public string Expression { get; }

    /// <summary>∂z_j/∂a_k: the weight of the connection (of the kernel tap, for a convolution); 1 through a sum or a
    /// window's maximum, 1/n through an average of n values.</summary>
    public double Weight { get; }

    /// <summary>∂a_j/∂z_j = σ'(z_j), the slope of that output's activation for this example; 1 through a sum or a pooling,
    /// which have no activation; null through softmax.</summary>
    public double? ActivationDerivative { get; }

    /// <summary>∂C/∂a_j, the sensitivity of the cost to that output (explained by <see cref="Next"/>); null through softmax.</summary>
    public double? DownstreamSensitivity { get; }

    /// <summary>∂C/∂z_j, the sensitivity of the cost to the output's weighted sum (σ'(z_j) · ∂C/∂a_j for an element-wise
    /// activation, ∂C/∂a_j for a sum or a pooling).</summary>
    public double WeightedSumSensitivity { get; }

    /// <summary>The term's value: w_jk · σ'(z_j) · ∂C/∂a_j (through softmax w_jk · ∂C/∂z_j, through a sum ∂C/∂a_k).</summary>
    public double Value { get; }

    /// <summary>The explanation of ∂C/∂a_j, one step closer to the output; null through softmax (the term uses ∂C/∂z_j).</summary>
    public ActivationSensitivity? Next =>
        IsThroughSoftmax ? null : LazyInitializer.EnsureInitialized(ref _next, () => new ActivationSensitivity(_evaluation, _notation, _node, Neuron));

    /// <summary>"Expression = w · σ' · ∂C/∂a = value" (through a sum "∂C/∂a(r)_k = value   (through the sum 'r')"), culture-free.</summary>
    public override string ToString()
    {
        if (_note is not null)
            return $"{Expression} = {ExplainNotation.Number(Value)}   ({_note})";
        if (IsThroughSoftmax)
            return $"{Expression} = {ExplainNotation.Product([Weight, WeightedSumSensitivity])} = {ExplainNotation.Number(Value)}";
        return IsThroughParameterless
            ? $"{Expression} = {ExplainNotation.Product([Weight, DownstreamSensitivity!.Value])} = {ExplainNotation.Number(Value)}"
            : $"{Expression} = {ExplainNotation.Product([Weight, ActivationDerivative!.Value, DownstreamSensitivity!.Value])} = {ExplainNotation.Number(Value)}";
    }
}

/// <summary>
/// The sensitivity ∂C/∂a(l)_k of the cost to one activation (or input value, or value of a sum or a pooling) for one
/// example: the loss's own term when the activation is an output, plus the sum over every output that reads it of
/// w · σ'(z) · ∂C/∂a (a dense neuron through its weight, a convolution's output through the kernel tap that covers it)
/// and, for every sum r that reads it, ∂C/∂a(r)_k; through a max pooling ∂C/∂a of each window whose maximum it is, through
/// an average pooling 1/n of the ∂C/∂a of each window of n values that holds it; recursively to the output (see
/// <see cref="Terms"/> and <see cref="SensitivityTerm.Next"/>).
/// </summary>
/// <remarks>Thread safety: read-only (<see cref="Terms"/> is built on first use, once for every thread); every member
/// may be used from any number of threads at once.</remarks>
public sealed class ActivationSensitivity
{
    /// <summary>How many terms of a sum <see cref="ToString()"/> writes out before "… N more terms".</summary>
    public const int DefaultTermsShown = 4;

    private readonly SpecEvaluation _evaluation;
    private readonly ExplainNotation _notation;
    private readonly int _node;
    private SensitivityTerm[]? _terms;
    private List<(SpecEvaluation.Reader Reader, List<Use> Uses)>? _groups;

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

    /// <summary>One term per neuron that reads this activation (one per sum that reads it), in layer order then neuron
    /// order; empty for an output that no layer reads.</summary>
    public IReadOnlyList<SensitivityTerm> Terms => LazyInitializer.EnsureInitialized(ref _terms, MakeTerms);

    /// <summary>The derivation of ∂C/∂a and of every sensitivity it rests on, down to the cost, with the first
    /// <see cref="DefaultTermsShown"/> terms of each sum written out.</summary>
    public override string ToString() => ToString(DefaultTermsShown);

    /// <summary>The derivation, writing out at most <paramref name="termsShown"/> terms through neurons of each sum, and
    /// every term through a sum layer (the sums themselves are always complete).</summary>
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
            foreach (SensitivityTerm term in s.ShownTerms(termsShown))
            {
                var next = (term.Node, term.Neuron, term.IsThroughSoftmax);
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
            (double target, double weight, int output) = CrossEntropyTarget(evaluation, node, j);
            string w = weight == 1.0 ? "" : ExplainNotation.Exact(weight) + "·";
            bool sumsToOne = evaluation.TargetsSumToOne(output);
            string sum = sumsToOne ? "" : "·Σy", sumValue = sumsToOne ? "" : "·" + ExplainNotation.Number(evaluation.TargetSum(output));
            text.Append(head).Append(CultureInfo.InvariantCulture,
                    $"{w}({aj}{sum} − {y}) = {w}({ExplainNotation.Number(a[j])}{sumValue} − {ExplainNotation.Number(target)}) = {ExplainNotation.Number(ce![j])}")
                .AppendLine("   (softmax with cross-entropy: Σ_i ∂C/∂a_i · ∂a_i/∂z_j collapses to a_j·Σ_i y_i − y_j, which is a_j − y_j when the targets sum to 1)");
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
    private static (double Target, double Weight, int Output) CrossEntropyTarget(SpecEvaluation evaluation, int node, int j)
    {
        string name = evaluation.NameOfNode(node);
        for (int o = 0; o < evaluation.Spec.Outputs.Count; o++)
        {
            OutputSpec output = evaluation.Spec.Outputs[o];
            if (output.Source == name && output.Loss == Loss.CrossEntropy)
                return (evaluation.Target[evaluation.OutputTargetOffsets[o] + j], output.Weight, o);
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
                var reasons = new List<string>();
                foreach (SpecEvaluation.Reader reader in _evaluation.Readers[_node])
                    reasons.Add(_evaluation.Rules[reader.Layer].Unread);
                text.Append(head).Append(" = 0   (")
                    .Append(reasons.Count == 0 ? "no layer reads it and it is not an output" : string.Join("; ", reasons) + ", and it is not an output")
                    .AppendLine(")");
                return;
            }
            text.Append(head).Append(" = ").Append(loss.Expression).Append(" = ").Append(loss.Formula).AppendLine();
            return;
        }

        string pad = new(' ', head.Length - indent.Length);
        text.Append(head).Append(" = ").Append(SumHeader()).AppendLine(":");
        bool first = true;
        if (LossTerm is GradientFactor own)
        {
            text.Append(indent).Append(pad).Append("    ").Append(own.Expression).Append(" = ").Append(own.Formula).AppendLine("   (its own cost term)");
            first = false;
        }
        List<SensitivityTerm> shown = ShownTerms(termsShown);
        foreach (SensitivityTerm term in shown)
        {
            text.Append(indent).Append(pad).Append(first ? "    " : "  + ").AppendLine(term.ToString());
            first = false;
        }
        if (shown.Count < terms.Count)
        {
            double rest = 0.0;
            foreach (SensitivityTerm term in terms)
                if (!shown.Contains(term)) rest += term.Value;
            text.Append(indent).Append(pad).Append("  + ")
                .Append(CultureInfo.InvariantCulture, $"… {terms.Count - shown.Count} more terms, summing to {ExplainNotation.Number(rest)}")
                .AppendLine();
        }
        text.Append(indent).Append(pad).Append("  = ").AppendLine(ExplainNotation.Number(Value));
    }

    /// <summary>
    /// The terms <see cref="ToString(int)"/> writes out: the first <paramref name="termsShown"/> through neurons (dense or
    /// convolution outputs), and every term through a sum or a pooling, since such a term passes ∂C/∂a on without
    /// weights (a skip connection is a single term and often the largest).
    /// </summary>
    internal List<SensitivityTerm> ShownTerms(int termsShown)
    {
        var shown = new List<SensitivityTerm>();
        int neurons = 0;
        foreach (SensitivityTerm term in Terms)
            if (term.IsThroughParameterless || neurons++ < termsShown) shown.Add(term);
        return shown;
    }

    /// <summary>
    /// "Σ_j w(L)_j2 · σ'(z(L)_j) · ∂C/∂a(L)_j, over the 3 neurons of layer L that read a(L−1)_2", with the own cost term
    /// in front, "+ ∂C/∂a(r)_2, through the sum 'r'" for each sum that reads the activation, and the terms through
    /// convolutions and poolings as their rules name them.
    /// </summary>
    private string SumHeader()
    {
        // The layers with weights that read the activation (with the outputs that do), the sums, and the poolings.
        var weighted = new List<(LayerRule Rule, IReadOnlyList<Use> Uses)>();
        var sums = new List<int>();
        var others = new List<(LayerRule Rule, IReadOnlyList<Use> Uses)>();
        int neurons = 0;
        foreach ((SpecEvaluation.Reader reader, List<Use> uses) in Groups)
        {
            LayerRule rule = _evaluation.Rules[reader.Layer];
            if (uses.Count == 0) continue;
            if (rule.Kind == LayerKind.Add) sums.Add(rule.Node);
            else if (rule.HasActivation)
            {
                weighted.Add((rule, uses));
                neurons += uses.Count;
            }
            else others.Add((rule, uses));
        }

        var parts = new List<string>();
        var over = new List<string>();
        if (LossTerm is not null) parts.Add(LossTerm.Expression);
        if (weighted.Count == 1)
        {
            (string sum, string what) = weighted[0].Rule.SensitivityHeader(_notation, Symbol, weighted[0].Uses);
            parts.Add(sum);
            over.Add(what);
        }
        else if (weighted.Count > 1)
        {
            bool dense = weighted.TrueForAll(w => w.Rule.Kind == LayerKind.Dense);
            string noun = dense ? "neuron" : "output";
            string count = neurons == 1 ? $"the 1 {noun}" : $"the {neurons.ToString(CultureInfo.InvariantCulture)} {noun}s";
            string read = neurons == 1 ? "reads" : "read";
            parts.Add("Σ w · σ'(z) · ∂C/∂a");
            over.Add($"over {count} (in {weighted.Count.ToString(CultureInfo.InvariantCulture)} layers) that {read} {Symbol}");
        }
        if (sums.Count > 0)
        {
            var names = new List<string>();
            foreach (int sum in sums)
            {
                parts.Add("∂C/∂" + _notation.A(sum, Neuron));
                names.Add($"'{_evaluation.NameOfNode(sum)}'");
            }
            over.Add($"through the sum{(sums.Count == 1 ? "" : "s")} {string.Join(", ", names)}");
        }
        foreach ((LayerRule rule, IReadOnlyList<Use> uses) in others)
        {
            (string sum, string what) = rule.SensitivityHeader(_notation, Symbol, uses);
            parts.Add(sum);
            over.Add(what);
        }
        return string.Join(" + ", parts) + ", " + string.Join(" and ", over);
    }

    /// <summary>Per layer that reads this activation (per source slot), the outputs that read it.</summary>
    private List<(SpecEvaluation.Reader Reader, List<Use> Uses)> Groups =>
        LazyInitializer.EnsureInitialized(ref _groups, () =>
        {
            var groups = new List<(SpecEvaluation.Reader, List<Use>)>();
            foreach (SpecEvaluation.Reader reader in _evaluation.Readers[_node])
                groups.Add((reader, _evaluation.ReadersOf(reader, Neuron)));
            return groups;
        });

    private SensitivityTerm[] MakeTerms()
    {
        var terms = new List<SensitivityTerm>();
        foreach ((SpecEvaluation.Reader reader, List<Use> uses) in Groups)
            foreach (Use use in uses)
                terms.Add(new SensitivityTerm(_evaluation, _notation, reader.Layer, use));
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
